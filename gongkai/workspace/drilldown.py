"""The report preview where each number opens the records behind it.

The report's page context (``gongkai.reports.views.report_page_context``) holds
its tables as printed cells; this module gives each value cell that has a
provenance a link to the page listing its records
(``gongkai.reports.selectors.records_for``). A cell is named in that link by its
position among the format's cells, so the address stays short. In a region's
report, a cell that adds figures of a unit's imported published report is marked
as such (``IMPORTED_TITLE`` and the ``cell--imported`` class): its page names the
report they came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields
from types import SimpleNamespace
from typing import Any

from gongkai.reports.data import CellRef, ReportData
from gongkai.reports.formats import Format
from gongkai.reports.render.outline import outline

LEDGER_TITLE = "查看该数字对应的记录"
IMPORTED_TITLE = "含来自已导入的公开年报的数字：查看来源"


def cell_refs(fmt: Format) -> list[CellRef]:
    """The format's cells in order: a cell's number is its index here."""
    return [spec.ref for spec in fmt.cells()]


def cell_number(fmt: Format, ref: CellRef) -> int | None:
    try:
        return cell_refs(fmt).index(ref)
    except ValueError:
        return None


def link_cells(
    context: dict[str, Any],
    report: ReportData,
    fmt: Format,
    url_for: Callable[[int], str],
) -> None:
    """Give every value cell with a provenance a ``link`` (in place)."""
    numbers = {ref: i for i, ref in enumerate(cell_refs(fmt))}
    printed = outline(report, fmt).sections
    for section, printed_section in zip(context["sections"], printed, strict=True):
        table = section["table"]
        if table is None or printed_section.table is None:
            continue
        grid_rows = list(printed_section.table.layout.rows())
        header = len(table.head)
        section["table"] = SimpleNamespace(
            **{
                **_shallow(table),
                "body": tuple(
                    _linked_row(row, grid_rows[header + i], report, numbers, url_for)
                    for i, row in enumerate(table.body)
                ),
            }
        )


def _linked_row(
    row: Iterable[Any],
    grid_row: list[Any],
    report: ReportData,
    numbers: dict[CellRef, int],
    url_for: Callable[[int], str],
) -> tuple[Any, ...]:
    cells = []
    for html_cell, grid_cell in zip(row, grid_row, strict=True):
        ref = grid_cell.ref
        cell = report.cells.get(ref) if ref is not None else None
        if cell is None or not cell.source or ref not in numbers:
            cells.append(html_cell)
            continue
        imported = bool(cell.source.get("imported"))
        shown = _shallow(html_cell)
        if imported:
            shown["css_class"] = f"{shown.get('css_class') or ''} cell--imported"
        cells.append(
            SimpleNamespace(
                **shown,
                link=url_for(numbers[ref]),
                link_title=IMPORTED_TITLE if imported else LEDGER_TITLE,
                imported=imported,
            )
        )
    return tuple(cells)


def _shallow(record: Any) -> dict[str, Any]:
    """A dataclass's fields as a dict, without copying what they hold."""
    return {f.name: getattr(record, f.name) for f in fields(record)}
