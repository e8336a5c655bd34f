"""The ``gongkai import`` commands. Each command's docstring is its help text."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console

    from .importing import ImportOutcome


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, width=None if stream.isatty() else 160)


@click.group("import")
def import_group() -> None:
    """导入已发布的政府信息公开工作年度报告。"""


@import_group.command("report")
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),
    metavar="FILE_OR_DIR...",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="每个文件输出一行 JSON（含报告数据或错误）。",
)
@click.option(
    "--store",
    is_flag=True,
    help="保存到数据库：同一机关同一年度的报告被替换，旧版本保留。",
)
@click.option("--agency", default=None, help="报告中读不出机关名称时使用的名称。")
@click.option("--year", type=int, default=None, help="报告中读不出年度时使用的年度。")
@click.option(
    "--format", "format_id", default=None, help="指定报告格式 id（默认自动识别）。"
)
@click.option(
    "--region", default=None, help="保存时记录的地区（默认取机关名称开头的地名）。"
)
@click.option("--by", "username", default=None, help="保存时记为导入人的用户名。")
def import_report(
    paths: tuple[Path, ...],
    as_json: bool,
    store: bool,
    agency: str | None,
    year: int | None,
    format_id: str | None,
    region: str | None,
    username: str | None,
) -> None:
    """读取、解析并校验年度报告：文本、网页、Word（.docx）、PDF 或 Excel（.xlsx）。

    FILE_OR_DIR 可以是文件或目录（目录下的报告文件逐个读取）。

    一个文件出错不会中断其余文件，每个文件的问题单独列出。

    退出码：全部成功为 0，有文件无法导入为 1。
    """
    from django.conf import settings

    from gongkai.reports.formats import FormatError, get_format

    from .importing import files_in, limits_from_settings, options_from_settings

    if format_id:
        try:
            get_format(format_id)
        except FormatError as exc:
            raise click.UsageError(str(exc)) from exc
    user = _user(username) if username else None
    files, outcomes = files_in(list(paths))
    limits = limits_from_settings()
    options = options_from_settings(format_id=format_id, agency=agency, year=year)
    scores: dict[int, _Stored] = {}  # outcome index → what storing it found
    for outcome in _run(files, limits, options, settings.GONGKAI_IMPORT_TIMEOUT):
        outcomes.append(outcome)
        if store and outcome.ok:
            scores[len(outcomes) - 1] = _store(outcome, user, region)
        if as_json:
            click.echo(json.dumps(outcome.as_dict(), ensure_ascii=False))
    if not as_json:
        _summary(outcomes, scores if store else None, _console())
    if not files and not outcomes:
        raise click.UsageError("没有找到可导入的文件。")
    if any(not o.ok for o in outcomes):
        sys.exit(1)


def _run(files: list[Path], limits: Any, options: Any, timeout: float) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[name]}"),
        console=_console(stderr=True),
        transient=True,
    )
    from .importing import import_isolated

    with progress:
        task = progress.add_task("导入报告", total=len(files), name="")
        for path in files:
            progress.update(task, name=path.name)
            yield import_isolated(path, limits, options, timeout)
            progress.advance(task)


def _user(username: str) -> Any:
    from django.contrib.auth import get_user_model

    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise click.UsageError(f"没有用户名为「{username}」的用户。") from None


@dataclass(frozen=True)
class _Stored:
    quality: Any  # the report's quality score (None when its format is unknown)
    carry_over: list[Any]  # 上年结转 ≠ last year's stored 结转下年度


def _store(outcome: ImportOutcome, user: Any, region: str | None) -> _Stored:
    """Keep the report, then score it and hold it against last year's."""
    from .selectors import report_quality, report_year_over_year
    from .services import imported_report_store

    stored, _ = imported_report_store(outcome=outcome, acting_user=user, region=region)
    comparison = report_year_over_year(stored)
    return _Stored(report_quality(stored), comparison.carry_over if comparison else [])


def _summary(
    outcomes: list[ImportOutcome], scores: dict[int, _Stored] | None, console: Console
) -> None:
    from rich.table import Table

    done = sum(1 for o in outcomes if o.ok)
    table = Table(
        title=f"导入 {len(outcomes)} 个文件：成功 {done} 个", title_justify="left"
    )
    for column in (
        "文件",
        "机关",
        "年度",
        "格式",
        "已读单元格",
        "错误",
        "警告",
        "结果",
    ):
        table.add_column(column)
    if scores is not None:
        table.add_column("质量分", justify="right")
    for index, outcome in enumerate(outcomes):
        table.add_row(*_summary_row(outcome, scores, index))
    console.print(table)
    for index, outcome in enumerate(outcomes):
        if not outcome.ok or outcome.parsed is None:
            continue
        stored = (scores or {}).get(index)
        findings = [
            *outcome.parsed.report.findings,
            *(stored.carry_over if stored else []),
        ]
        if findings:
            console.print(f"\n[bold]{outcome.name}[/bold]")
        for finding in findings:
            mark = (
                "[red]错误[/red]"
                if finding.severity == "error"
                else "[yellow]警告[/yellow]"
            )
            console.print(f"  {mark} {finding.rule}：{finding.message}")


def _summary_row(
    outcome: ImportOutcome, scores: dict[int, _Stored] | None, index: int
) -> list[str]:
    stored = (scores or {}).get(index)
    quality = stored.quality if stored else None
    score = [] if scores is None else [str(quality.total) if quality else "—"]
    if not outcome.ok or outcome.parsed is None:
        return [
            outcome.name,
            "",
            "",
            "",
            "",
            "",
            "",
            f"[red]{outcome.error}[/red]",
            *score,
        ]
    report = outcome.parsed.report
    cells = [c for c in report.cells.values() if not (c.source or {}).get("as_printed")]
    read = sum(1 for c in cells if c.source is not None)
    kept = len(report.cells) - len(cells)  # figures of tables kept as printed
    errors = sum(1 for f in report.findings if f.severity == "error")
    return [
        outcome.name,
        report.agency.name,
        str(report.year),
        report.format,
        f"{read}/{len(cells)}" + (f"，原样 {kept}" if kept else ""),
        str(errors),
        str(len(report.findings) - errors),
        "已保存" if scores is not None else "已读取",
        *score,
    ]


@import_group.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["csv", "xlsx", "parquet", "jsonl"]),
    help="输出的格式，可重复（默认全部：csv、xlsx、parquet、jsonl）。",
)
@click.option("--year", type=int, default=None, help="只导出这一年度的报告。")
@click.option("--region", default=None, help="只导出这一地区的报告。")
def import_export(
    folder: Path, formats: tuple[str, ...], year: int | None, region: str | None
) -> None:
    """把已导入的全部报告导出供研究分析：每个单元格一行的长表（cells.csv、cells.xlsx、
    cells.parquet：机关、地区、年度、格式、表、行、列、数值、来源），以及开放格式的报告
    JSON（reports.jsonl，每行一份报告）。只导出当前版本，不含导入人等个人信息。"""
    from .export import FORMATS, export_corpus

    result = export_corpus(folder, formats=formats or FORMATS, year=year, region=region)
    click.echo(f"已导出 {result.reports} 份报告、{result.cells} 个单元格：")
    for path in result.files or []:
        click.echo(f"  {path}")


@click.command("crawl")
@click.argument("url")
@click.option("--until", type=int, default=None, help="只收集该年度及以后的年报。")
@click.option(
    "--store",
    is_flag=True,
    help="把找到的年报加入导入队列（由后台任务读取并保存）。",
)
@click.option(
    "--delay",
    type=float,
    default=None,
    help="对同一网站两次请求之间的秒数（默认 GONGKAI_CRAWL_DELAY）。",
)
@click.option("--region", default=None, help="保存时记录的地区。")
@click.option("--by", "username", default=None, help="记为导入人的用户名。")
def crawl(
    url: str,
    until: int | None,
    store: bool,
    delay: float | None,
    region: str | None,
    username: str | None,
) -> None:
    """收集政府网站“政府信息公开年报”栏目中的年度报告：从栏目的第一页列表开始，
    翻页、进入文章、下载附件，识别哪些是年报及其机关和年度；遵守 robots.txt，
    对同一网站逐个请求并留有间隔；记住已收集的内容，再次运行只收集新的年报
    （中断后再运行会接着收集）。加 --store 时把年报加入导入队列。"""
    from .crawling import crawl_site, found_enqueue

    found = crawl_site(url, until=until, delay=delay)
    if not found:
        click.echo("没有新的年报。")
        return
    click.echo(f"找到 {len(found)} 份年报：")
    for item in found:
        year = f"{item.year}年" if item.year else "年度未知"
        click.echo(f"  {year}  {item.agency or '（机关待导入时识别）'}  {item.url}")
    if store:
        user = _user(username) if username else None
        batch = found_enqueue(found, url=url, region=region, acting_user=user)
        click.echo(f"已加入导入队列（批次 {batch}），后台任务会逐个读取并保存。")


def _attach_learn() -> None:
    """``gongkai report formats learn``: the group is the reports', which may not
    import the importer (ADR 19), so the importer attaches its subcommand to it."""
    from gongkai.reports.cli import formats

    from .learning.cli import learn_command

    formats.add_command(learn_command)


_attach_learn()

COMMANDS = [import_group, crawl]
