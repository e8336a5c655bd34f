"""The ``gongkai report`` commands.

Each command's docstring is its help text. Messages are Chinese, for the staff who
run them; errors say what to do next and exit non-zero (2 for unusable input).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from gongkai.core.console import console

if TYPE_CHECKING:
    from rich.console import Console

    from gongkai.agencies.models import Agency

    from .data import Finding, ReportData

OUTPUTS = ("html", "docx", "pdf", "xlsx", "json", "text")
BINARY_OUTPUTS = frozenset({"docx", "pdf", "xlsx"})
EXIT_BAD_INPUT = 2


@click.group("report")
def report() -> None:
    """年度报告：生成、校验，查看可用的报告格式。"""


@report.command("build")
@click.option(
    "--agency", "agency_text", required=True, help="机构的统一社会信用代码或名称。"
)
@click.option("--year", type=int, required=True, help="报告年度，如 2021。")
@click.option(
    "--format",
    "format_id",
    default=None,
    help="报告格式 id（见 gongkai report formats）；默认为该年度适用的全国统一格式。",
)
@click.option(
    "--region", is_flag=True, help="汇总该机构及其所属全部机构（本级政府的报告）。"
)
@click.option(
    "--to",
    "output_kind",
    type=click.Choice(OUTPUTS),
    default="json",
    show_default=True,
    help="输出格式。",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="输出文件；不指定时写到标准输出（docx、pdf、xlsx 必须指定）。",
)
def build(
    agency_text: str,
    year: int,
    format_id: str | None,
    region: bool,
    output_kind: str,
    output: Path | None,
) -> None:
    """从台账生成某机构某年度的政府信息公开工作年度报告。

    每个数字都由台账记录计算得出，并附有来源。

    JSON 输出中每个单元格的 source 说明它统计了哪些记录。
    """
    from .builder import build_report
    from .formats import FormatError, get_format, national_format_for_year
    from .render import render

    if output is None and output_kind in BINARY_OUTPUTS:
        raise click.UsageError(f"{output_kind} 是二进制格式，请用 -o 指定输出文件。")
    agency = _agency(agency_text)
    try:
        fmt = get_format(format_id) if format_id else national_format_for_year(year)
    except FormatError as exc:
        raise click.ClickException(str(exc)) from exc
    report_data = build_report(agency=agency, year=year, fmt=fmt, region=region)
    content = render(report_data, fmt, output_kind)
    if output is None:
        click.echo(content.decode("utf-8"), nl=not content.endswith(b"\n"))
    else:
        output.write_bytes(content)
        click.echo(f"已写入 {output}（{len(content)} 字节）", err=True)
    if report_data.findings:
        _print_findings(report_data.findings, console(stderr=True))


def _agency(text: str) -> Agency:
    """The agency ``text`` names (credit code, name or short name), or a clear error
    listing the names that come close."""
    from gongkai.agencies.selectors import AgencyNotFound, agency_named

    try:
        return agency_named(text)
    except AgencyNotFound as exc:
        raise click.ClickException(str(exc)) from None


@report.command("check")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option(
    "--previous",
    type=click.File("r", encoding="utf-8"),
    default=None,
    help="上一年度报告的 JSON，用于核对上年结转。",
)
def check(file: Any, previous: Any) -> None:
    """校验一份年度报告的 JSON（gongkai.annual-report/1）。

    报告可以由 gongkai 生成，也可以手工录入或从已发布的报告导入。

    按报告格式的全部校验规则检查并列出问题。

    退出码：没有错误为 0，有错误为 1，文件无法读取为 2。
    """
    from .checks import run_checks
    from .formats import FormatError, get_format

    report_data = _read_report(file)
    previous_data = _read_report(previous) if previous else None
    try:
        fmt = get_format(report_data.format)
        findings = run_checks(report_data, fmt, previous=previous_data)
    except (FormatError, ValueError) as exc:
        _fail(f"无法校验 {file.name}：{exc}")
    out = console()
    out.print(
        f"{report_data.agency.name} {report_data.year} 年度报告（格式 {fmt.id}）："
        f"{len(report_data.cells)} 个单元格"
    )
    if not findings:
        out.print("未发现问题。")
        return
    _print_findings(findings, out)
    if any(f.severity == "error" for f in findings):
        sys.exit(1)


def _read_report(file: Any) -> ReportData:
    from .data import ReportData

    try:
        return ReportData.from_json(file.read())
    except json.JSONDecodeError as exc:
        _fail(
            f"{file.name} 不是有效的 JSON："
            f"第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}"
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        detail = f"缺少字段 {exc}" if isinstance(exc, KeyError) else str(exc)
        _fail(f"{file.name} 不是 gongkai.annual-report/1 格式的年度报告：{detail}")


def _fail(message: str) -> NoReturn:
    click.echo(f"错误：{message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _print_findings(findings: list[Finding], console: Console) -> None:
    from rich.table import Table

    severity = {"error": "[red]错误[/red]", "warning": "[yellow]警告[/yellow]"}
    table = Table(title=f"校验发现 {len(findings)} 个问题", title_justify="left")
    table.add_column("规则", no_wrap=True)
    table.add_column("级别", no_wrap=True)
    table.add_column("说明")
    for finding in findings:
        table.add_row(
            finding.rule,
            severity.get(finding.severity, finding.severity),
            finding.message,
        )
    console.print(table)


@report.group("formats", invoke_without_command=True)
@click.pass_context
def formats(ctx: click.Context) -> None:
    """列出可用的报告格式：全国统一格式和各地的变体。

    不带子命令时列出格式；子命令见下。
    """
    if ctx.invoked_subcommand is not None:
        return
    from rich.table import Table

    from .formats import all_formats

    table = Table(title="报告格式", title_justify="left")
    for column in ("id", "名称", "依据", "适用年度", "继承自"):
        table.add_column(column)
    for fmt in all_formats().values():
        years = f"{fmt.first_year}–{fmt.last_year or ''}"
        table.add_row(fmt.id, fmt.name, fmt.basis, years, fmt.extends or "—")
    console().print(table)


COMMANDS = [report]
