"""A register (登记簿) as an XLSX workbook: a column spec and the rows in, one sheet
out, laid out to print on A4 landscape with its header row repeated.

Any register reuses it (applications, review and litigation cases): give it the
columns, each a header and how a row gives its value, and the rows already
filtered. A value is written as it comes: a date as a date cell, a number as a
number, anything else as text (text starting with “=” stays text, never a
formula a spreadsheet would run). The register decides what a column shows, so no
personal data reaches a cell unless a column asks for it (the applications
register never exports an identity document number or a contact)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils.encoding import escape_uri_path
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@dataclass(frozen=True)
class Column:
    """One column of a register: its header, how a row gives its value, and its
    width in characters (a wide text column wraps)."""

    header: str
    value: Callable[[Any], object]
    width: int = 12
    wrap: bool = False


def _cell_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date | int | float | Decimal | str):
        return value
    return str(value)


def workbook(
    columns: Sequence[Column], rows: Iterable[Any], *, title: str, subtitle: str = ""
) -> bytes:
    """The register as XLSX bytes: a title line, an optional subtitle (what was
    filtered), the header row (frozen, repeated on every printed page), one line
    per row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([subtitle])
    header_row = 3
    sheet.append([column.header for column in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=index)
        cell.font = Font(bold=True)
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row in rows:
        sheet.append([_cell_value(column.value(row)) for column in columns])
        line = sheet.max_row
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=line, column=index)
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=column.wrap)
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif cell.data_type == "f":  # text typed by an applicant, never a formula
                cell.data_type = "s"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(
    columns: Sequence[Column],
    rows: Iterable[Any],
    *,
    title: str,
    filename: str,
    subtitle: str = "",
) -> HttpResponse:
    """The register as a download named ``filename`` (Chinese allowed)."""
    response = HttpResponse(
        workbook(columns, rows, title=title, subtitle=subtitle),
        content_type=XLSX_TYPE,
    )
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    )
    response["Cache-Control"] = "no-store"
    return response
