"""Writing a list of catalogue items as CSV (UTF-8 with a BOM, which Excel opens
as Chinese) or XLSX, in the columns the import reads back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from gongkai.catalog.models import Item

from .columns import COLUMNS

FORMATS = ("csv", "xlsx")


def rows(items: Iterable[Item]) -> Iterator[list[str]]:
    """The header, then a row per item (channels prefetched, one query)."""
    yield [column.header for column in COLUMNS]
    for item in items:
        values = {
            "channels": [c.get_channel_display() for c in item.channels.all()],
        }
        yield [
            column.write(values.get(column.field, getattr(item, column.field, "")))
            for column in COLUMNS
        ]


def write(items: Iterable[Item], fmt: str) -> bytes:
    if fmt == "csv":
        return _csv(items)
    if fmt == "xlsx":
        return _xlsx(items)
    raise ValueError(f"unknown export format {fmt}")


def _csv(items: Iterable[Item]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows(items))
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _xlsx(items: Iterable[Item]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("主动公开目录")
    for row in rows(items):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
