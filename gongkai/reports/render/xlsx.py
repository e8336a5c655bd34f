"""The report as an Excel workbook, for those who analyse the figures.

The first sheet holds the title and the sections' text; then one sheet per table,
named by the table's id (二, 三, 四, or the statistics table's name), with the caption
in row 1 and the official grid from row 2: the merges of ``reports.layout``, thin
borders, and figures stored as numbers (blank cells stay empty, never 0).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..data import ReportData
from ..formats import Format
from ..layout import CellKind, GridCell, TableLayout
from .outline import PrintedSection, PrintedTable, outline
from .values import cell_value

FRONT_SHEET = "报告"
FONT_NAME = "宋体"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SIGNED_FORMAT = "+0;-0;0"
GRID_TOP = 2  # row 1 holds the caption
CHARS_PER_WEIGHT = 10  # Excel column width units for a value column
_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def render_xlsx(report: ReportData, fmt: Format) -> bytes:
    printed = outline(report, fmt)
    workbook = Workbook()
    front = workbook.active
    assert front is not None
    front.title = FRONT_SHEET
    _write_front(front, printed.title, printed.sections)
    for section in printed.sections:
        if section.table:
            sheet = workbook.create_sheet(sheet_name(section.table.layout.table.id))
            _write_table(sheet, section.table, report)
    workbook.properties.title = printed.title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_name(table_id: str) -> str:
    """Excel forbids []:*?/\\ in sheet names and allows 31 characters."""
    return _INVALID_SHEET_CHARS.sub("_", table_id)[:31]


def _write_front(
    sheet: Worksheet, title: str, sections: Iterable[PrintedSection]
) -> None:
    sheet.column_dimensions["A"].width = 100
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append([title])
    sheet["A1"].font = Font(name=FONT_NAME, size=16, bold=True)
    for section in sections:
        if section.heading:
            sheet.append([section.heading])
            sheet.cell(sheet.max_row, 1).font = Font(name=FONT_NAME, size=12, bold=True)
        for paragraph in section.paragraphs:
            sheet.append([paragraph])
            cell = sheet.cell(sheet.max_row, 1)
            cell.font, cell.alignment = Font(name=FONT_NAME, size=11), wrap
        if section.table:
            sheet.append(
                [f"（见工作表「{sheet_name(section.table.layout.table.id)}」）"]
            )


def _write_table(sheet: Worksheet, printed: PrintedTable, report: ReportData) -> None:
    layout = printed.layout
    sheet.cell(1, 1, printed.caption or printed.name).font = Font(
        name=FONT_NAME, size=12, bold=True
    )
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=layout.n_cols)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    for cell in layout.cells:
        _write_cell(sheet, cell, report)
    _draw_borders(sheet, layout)
    for index, weight in enumerate(layout.column_weights, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = (
            weight * CHARS_PER_WEIGHT
        )
    if layout.header_rows:
        sheet.freeze_panes = sheet.cell(GRID_TOP + layout.header_rows, 1)
        sheet.print_title_rows = f"{GRID_TOP}:{GRID_TOP + layout.header_rows - 1}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _write_cell(sheet: Worksheet, cell: GridCell, report: ReportData) -> None:
    row, col = GRID_TOP + cell.row, 1 + cell.col
    target = sheet.cell(row, col)
    if cell.ref is not None:
        value = cell_value(cell, report)
        if value is not None:
            target.value = value if isinstance(value, int) else Decimal(value)
            if cell.spec and cell.spec.signed:
                target.number_format = SIGNED_FORMAT
    else:
        target.value = cell.text or None
    horizontal = "left" if cell.kind is CellKind.LABEL else "center"
    target.alignment = Alignment(
        horizontal=horizontal, vertical="center", wrap_text=True, indent=cell.indent
    )
    target.font = Font(name=FONT_NAME, size=10.5, bold=cell.block_title)
    if cell.rowspan > 1 or cell.colspan > 1:
        sheet.merge_cells(
            start_row=row,
            start_column=col,
            end_row=row + cell.rowspan - 1,
            end_column=col + cell.colspan - 1,
        )


def _draw_borders(sheet: Worksheet, layout: TableLayout) -> None:
    """Every grid position gets a border, merged ones too, or Excel leaves gaps."""
    for row in range(GRID_TOP, GRID_TOP + layout.n_rows):
        for col in range(1, layout.n_cols + 1):
            sheet.cell(row, col).border = BORDER
