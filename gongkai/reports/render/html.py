"""The report as a print-ready web page, which is also the PDF's source.

``render_html`` returns a standalone document (CSS inlined, no external resources,
so it opens offline and WeasyPrint needs nothing else). Site pages include the
fragment ``reports/_report.html`` with the context of ``report_context``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from ..data import ReportData
from ..formats import Format
from ..layout import CellKind, GridCell, TableLayout
from .outline import PrintedTable, outline
from .values import cell_text

STYLESHEET = (
    Path(__file__).resolve().parent.parent / "static" / "reports" / "report.css"
)
MAX_INDENT_CLASS = 5


@dataclass(frozen=True)
class HtmlCell:
    """A grid cell with what the markup needs: tag, attributes and printed text."""

    tag: str  # "th" or "td"
    text: str
    rowspan: int
    colspan: int
    id: str
    scope: str  # "" for none
    headers: str  # ids of the describing th cells, for value cells
    css_class: str


@dataclass(frozen=True)
class HtmlTable:
    name: str
    caption: str
    column_percents: tuple[int, ...]  # whole percents adding up to 100
    head: tuple[tuple[HtmlCell, ...], ...]  # repeated on every printed page
    body: tuple[tuple[HtmlCell, ...], ...]
    keep_whole: bool


def report_context(report: ReportData, fmt: Format) -> dict[str, Any]:
    """The context of the ``reports/_report.html`` fragment."""
    printed = outline(report, fmt)
    sections = [
        {
            "heading": s.heading,
            "paragraphs": s.paragraphs,
            "table": _html_table(s.table, report, f"gk-t{i}") if s.table else None,
        }
        for i, s in enumerate(printed.sections)
    ]
    return {"title": printed.title, "sections": sections, "findings": printed.findings}


def render_fragment(report: ReportData, fmt: Format) -> str:
    return render_to_string("reports/_report.html", report_context(report, fmt))


def render_html(report: ReportData, fmt: Format) -> bytes:
    """A complete HTML document with its stylesheet inlined."""
    context = {
        **report_context(report, fmt),
        "css": stylesheet(),
        "font_family": font_family(),
    }
    return render_to_string("reports/report_document.html", context).encode("utf-8")


@cache
def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def font_family() -> str:
    """The CSS font stack: settings.GONGKAI_PDF_FONTS (system CJK fonts), then serif."""
    fonts = getattr(settings, "GONGKAI_PDF_FONTS", [])
    return ", ".join([*(f'"{name}"' for name in fonts), "serif"])


def whole_percents(weights: Sequence[float]) -> tuple[int, ...]:
    """Each weight's share in whole percents, at least 1 each, adding up to 100
    (largest remainders first): the page names a width class per column, since the
    Content-Security-Policy allows no style attribute."""
    total = sum(weights) or 1
    exact = [max(100 * w / total, 1.0) for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: shares[i] - exact[i])
    for i in by_remainder[: max(100 - sum(shares), 0)]:
        shares[i] += 1
    return tuple(shares)


def _html_table(table: PrintedTable, report: ReportData, prefix: str) -> HtmlTable:
    layout = table.layout
    rows = [
        tuple(_html_cell(cell, layout, report, prefix) for cell in row)
        for row in layout.rows()
    ]
    return HtmlTable(
        name=table.name,
        caption=table.caption,
        column_percents=whole_percents(layout.column_weights),
        head=tuple(rows[: layout.header_rows]),
        body=tuple(rows[layout.header_rows :]),
        keep_whole=layout.keep_whole,
    )


def _html_cell(
    cell: GridCell, layout: TableLayout, report: ReportData, prefix: str
) -> HtmlCell:
    def cell_id(c: GridCell) -> str:
        return f"{prefix}-r{c.row}-c{c.col}"

    is_value = cell.kind in (CellKind.VALUE, CellKind.UNIT)
    headers = ""
    if cell.ref is not None:
        headers = " ".join(cell_id(h) for h in layout.headers_of(cell))
    css = [f"gk-{cell.kind}"]
    if cell.indent:
        css.append(f"gk-indent-{min(cell.indent, MAX_INDENT_CLASS)}")
    if cell.block_title:
        css.append("gk-block-title")
    return HtmlCell(
        tag="td" if is_value else "th",
        text=cell_text(cell, report),
        rowspan=cell.rowspan,
        colspan=cell.colspan,
        id="" if is_value else cell_id(cell),
        scope=_scope(cell, layout),
        headers=headers,
        css_class=" ".join(css),
    )


def _scope(cell: GridCell, layout: TableLayout) -> str:
    if cell.kind is CellKind.LABEL:
        return "row" if cell.rowspan == 1 else "rowgroup"
    if cell.kind is CellKind.HEADER:
        if cell.block_title:
            return "colgroup"
        if layout.is_corner(cell):
            return ""
        return "col" if cell.leaf else "colgroup"
    return ""
