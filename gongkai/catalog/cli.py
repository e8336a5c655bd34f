"""The ``gongkai catalog`` commands: import and export catalogues, search them,
rebuild the search index, count late items, send a batch to the archives."""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click
from django.utils import timezone

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _agency(text: str) -> Any:
    from gongkai.agencies.selectors import AgencyNotFound, agency_named

    try:
        return agency_named(text)
    except AgencyNotFound as error:
        raise click.ClickException(str(error)) from None


def _agency_ids(text: str, region: bool) -> tuple[int, ...]:
    agency = _agency(text)
    ids = agency.subtree().values_list("pk", flat=True) if region else [agency.pk]
    return tuple(ids)


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(1)


@click.group("catalog")
def catalog() -> None:
    """主动公开目录：导入、导出、检索、重建索引、统计逾期、报送档案馆。"""


@catalog.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--agency", required=True, help="机关的统一社会信用代码、全称或简称。")
def import_catalogue(file: Path, agency: str) -> None:
    """从 CSV 或 XLSX 文件导入一个机关的主动公开目录。

    先逐行校验全部数据：有任何错误，就按行、列列出每一个错误，
    且一行也不导入（退出码 1）。CSV 的字符编码自动识别（UTF-8、GBK、GB18030 等）。
    有发布日期的行导入为已发布，其余为草稿；没有索引号的由系统生成。
    """
    from gongkai.catalog.services import catalog_import
    from gongkai.catalog.tabular.rows import ImportRejected

    with file.open("rb") as handle:
        try:
            result = catalog_import(
                acting_user=None,
                agency=_agency(agency),
                file=handle,
                filename=file.name,
            )
        except ImportRejected as rejected:
            lines = [str(error) for error in rejected.errors]
            _fail(
                f"{file.name} 有 {len(lines)} 处错误，未导入任何数据：\n"
                + "\n".join(lines)
            )
    click.echo(
        f"已导入 {result.items} 条：已发布 {result.published} 条，"
        f"草稿 {result.drafts} 条。"
    )


def _filters(**options: Any) -> Any:
    from gongkai.catalog.search import SearchFilters

    return SearchFilters(
        agency_ids=_agency_ids(options["agency"], options["region"])
        if options["agency"]
        else None,
        category=options["category"] or "",
        subject=options["subject"] or "",
        year=options["year"],
        article20_item=options["article20"],
        document_number=options["document_number"] or "",
    )


def filter_options(command: Any) -> Any:
    """The filters ``export`` and ``search`` share."""
    options = [
        click.option("--agency", help="机关（代码、全称或简称）。"),
        click.option("--region", is_flag=True, help="包括该机关下属的全部机关。"),
        click.option("--year", type=int, help="发布年度。"),
        click.option("--category", help="信息类别。"),
        click.option("--subject", help="主题分类。"),
        click.option(
            "--article20", type=click.IntRange(1, 15), help="第二十条第几项（1–15）。"
        ),
        click.option("--document-number", help="文号（部分即可）。"),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@catalog.command("export")
@filter_options
@click.option(
    "--to", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def export_catalogue(fmt: str, output: Path | None, **options: Any) -> None:
    """导出已发布信息的目录（可按机关、年度、类别等筛选），列与导入相同。

    CSV 为带 BOM 的 UTF-8（Excel 可直接打开）；不给 -o 时 CSV 写到标准输出。
    """
    from gongkai.catalog.search import filtered_items
    from gongkai.catalog.tabular.writers import write

    if output is None and fmt == "xlsx":
        raise click.UsageError("XLSX 须用 -o 指定输出文件。")
    items = (
        filtered_items(_filters(**options))
        .prefetch_related("channels")
        .order_by("published_on", "pk")
    )
    data = write(items, fmt)
    if output is None:
        sys.stdout.buffer.write(data)
        return
    output.write_bytes(data)
    click.echo(f"已导出 {items.count()} 条到 {output}", err=True)


@catalog.command("search")
@click.argument("query")
@filter_options
@click.option(
    "--sort",
    type=click.Choice(["relevance", "newest", "oldest"]),
    default="relevance",
    show_default=True,
)
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
def search_catalogue(query: str, sort: str, page: int, **options: Any) -> None:
    """全文检索已发布的信息（标题、概述、正文、附件），按相关度或日期排序。"""
    from gongkai.catalog.search import SearchQuery, Sort, search

    result = search(
        SearchQuery(text=query, filters=_filters(**options), sort=Sort(sort), page=page)
    )
    found = f"{result.total} 条以上" if result.more else f"共 {result.total} 条"
    click.echo(f"{found}（第 {page}/{result.pages} 页）")
    for hit in result.hits:
        item = hit.item
        click.echo(
            f"\n{item.index_number}  {item.published_on}  {_plain(hit.title_html)}"
        )
        if hit.snippet_html:
            click.echo(f"  {_plain(hit.snippet_html)}")


def _plain(html_text: str) -> str:
    """Highlighted HTML for a terminal: matches in 【】."""
    import html

    marked = re.sub(r"<mark>(.*?)</mark>", r"【\1】", html_text)
    return html.unescape(marked)


@catalog.command("reindex")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="处理器核数",
    help="并行分词的进程数。",
)
@click.option(
    "--background",
    is_flag=True,
    help="不在此处重建，而是交给后台任务进程（gongkai worker）。",
)
def reindex(workers: int, background: bool) -> None:
    """重建全文检索索引（导入大量旧数据或更换词典之后）。"""
    from gongkai.catalog.services import search_rebuild

    if background:
        from gongkai.catalog.tasks import search_reindex

        result = search_reindex.enqueue()
        click.echo(f"已交给后台任务进程重建索引（任务 {result.id}）。")
        return
    build = search_rebuild(
        acting_user=None, workers=workers, progress=lambda m: click.echo(m, err=True)
    )
    click.echo(
        f"已索引 {build.items} 条，用时 {build.seconds:.1f} 秒（{build.backend}）。"
    )


@catalog.command("categories")
@click.option("--agency", default="", help="机关（代码、全称或简称）；不填为全部机关。")
@click.option(
    "--adopt",
    is_flag=True,
    help="先统一信息类别：旧名称改为通用目录的名称，其他名称增为机关自设类别。",
)
def categories(agency: str, adopt: bool) -> None:
    """列出机关的主动公开基本目录（通用目录和机关自设类别）及各类别已发布的条数。"""
    from gongkai.agencies.models import Agency
    from gongkai.catalog.categories import article20_label
    from gongkai.catalog.selectors import categories_for, category_counts
    from gongkai.catalog.services import categories_adopt

    chosen = [_agency(agency)] if agency else list(Agency.objects.order_by("path"))
    for one in chosen:
        if adopt:
            added = categories_adopt(acting_user=None, agency=one)
            if added:
                click.echo(f"{one.name}：新增自设类别 {'、'.join(added)}")
        counts = category_counts(agency_ids=[one.pk])
        click.echo(f"{one.name}")
        for category in categories_for(one.pk):
            article = category.article20_item
            where = f"第二十条第{article20_label(article)}项" if article else ""
            own = "自设" if category.agency_id else "通用"
            count = counts.get(category.name, 0)
            click.echo(f"  {category.name}（{own}）{where} {count} 条")


@catalog.command("late")
@click.option("--agency", required=True, help="机关（代码、全称或简称）。")
@click.option("--region", is_flag=True, help="包括该机关下属的全部机关。")
@click.option("--year", type=int, required=True, help="统计年度。")
def late(agency: str, region: bool, year: int) -> None:
    """统计未按《条例》第二十六条在 20 个工作日内公开的信息，按机关列出。"""
    from gongkai.catalog.selectors import items_overdue, lateness_by_agency

    ids = _agency_ids(agency, region)
    rows = lateness_by_agency(
        agency_ids=ids, start=date(year, 1, 1), end=date(year, 12, 31)
    )
    click.echo(f"{year} 年发布数 / 逾期发布数：")
    for row in rows:
        click.echo(f"  {row['agency__name']}：{row['published']} / {row['late']}")
    overdue = items_overdue(agency_ids=ids, today=timezone.localdate()).count()
    click.echo(f"目前已超过期限仍未发布：{overdue} 条")


@catalog.command("archive")
@click.option("--agency", required=True, help="机关（代码、全称或简称）。")
@click.option("--recipient", required=True, help="接收的档案馆或图书馆。")
@click.option("--until", type=DATE, required=True, help="报送这一天及以前发布的信息。")
@click.option("--sent-on", type=DATE, default=None, help="报送日期，默认今天。")
@click.option("--paper/--no-paper", default=False, show_default=True, help="纸质。")
@click.option(
    "--electronic/--no-electronic", default=True, show_default=True, help="电子。"
)
def archive(
    agency: str,
    recipient: str,
    until: Any,
    sent_on: Any,
    paper: bool,
    electronic: bool,
) -> None:
    """把尚未报送给该接收单位的已发布信息作为一批报送（《条例》第二十五条）。"""
    from django.core.exceptions import ValidationError

    from gongkai.catalog.selectors import items_not_transferred
    from gongkai.catalog.services import archive_transfer_record

    found = _agency(agency)
    sent = sent_on.date() if sent_on else timezone.localdate()
    items = items_not_transferred(
        agency_ids=[found.pk], recipient=recipient, until=until.date()
    )
    try:
        transfer = archive_transfer_record(
            acting_user=None,
            agency=found,
            sent_on=sent,
            recipient=recipient,
            items=items,
            paper=paper,
            electronic=electronic,
        )
    except ValidationError as error:
        _fail("；".join(error.messages))
    click.echo(f"已向{recipient}报送 {transfer.items.count()} 条（{sent}）。")


COMMANDS = [catalog]
