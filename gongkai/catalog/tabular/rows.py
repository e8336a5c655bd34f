"""Checking every row of a catalogue file before anything is imported.

Every problem is reported with its row (as the spreadsheet numbers it, the headers
being row 1) and its column, in Chinese; a file with any problem imports nothing.
The rules are the services' own (``gongkai.catalog.validation``), so an imported
item is one that could have been recorded by hand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Disclosure, Item
from gongkai.catalog.validation import (
    category_names,
    item_problems,
    settle_validity,
)

from .columns import BY_FIELD, HEADERS, CellError, Column
from .readers import Sheet

IGNORED_HEADERS = frozenset({"序号", "编号"})
MAX_ERRORS = 500  # beyond this the file is plainly not a catalogue


@dataclass(frozen=True)
class RowError:
    """A problem at a row and column; row 0 is the file as a whole."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        where = f"第{self.row}行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


class ImportRejected(ValidationError):
    """A file with problems: nothing of it was imported. ``errors`` lists them."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        super().__init__([str(error) for error in self.errors[:MAX_ERRORS]])


@dataclass
class PlannedRow:
    """A row that passed every check: the item to create, and its channels."""

    number: int
    item: Item
    channels: list[str] = field(default_factory=list)


def _columns(headers: list[str]) -> tuple[dict[int, Column], list[RowError]]:
    found: dict[int, Column] = {}
    errors = []
    for position, header in enumerate(headers):
        if not header or header in IGNORED_HEADERS:
            continue
        if header not in HEADERS:
            errors.append(RowError(1, header, "不认识这一列，请删去或改为规定的列名。"))
            continue
        found[position] = HEADERS[header]
    counts = Counter(column.header for column in found.values())
    errors += [RowError(1, h, "这一列出现了两次。") for h, n in counts.items() if n > 1]
    present = set(counts)
    errors += [
        RowError(1, column.header, "缺少这一必填列。")
        for column in BY_FIELD.values()
        if column.required and column.header not in present
    ]
    return found, errors


def _cells(
    number: int, cells: list[Any], columns: dict[int, Column]
) -> tuple[dict[str, Any], list[RowError]]:
    values, errors = {}, []
    for position, column in columns.items():
        cell = cells[position] if position < len(cells) else None
        try:
            value = column.parse(cell)
        except CellError as error:
            errors.append(RowError(number, column.header, str(error)))
            continue
        if column.required and value in ("", None):
            errors.append(RowError(number, column.header, "必须填写。"))
        values[column.field] = value
    return values, errors


def _header(field_name: str) -> str:
    column = BY_FIELD.get(field_name)
    return column.header if column else ""


def _item_errors(
    number: int, item: Item, channels: list[str], categories: list[str]
) -> list[RowError]:
    settle_validity(item)
    problems = dict(item_problems(item, categories=categories))
    try:
        item.full_clean(exclude=["index_number", "agency"], validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems.setdefault(name, "；".join(messages))
    problems.update(_publication_problems(item, channels))
    return [
        RowError(number, _header(name), message) for name, message in problems.items()
    ]


def _publication_problems(item: Item, channels: list[str]) -> dict[str, str]:
    if item.published_on is None:
        return {"channels": "未发布的信息不能填写发布渠道。"} if channels else {}
    if item.disclosure != Disclosure.PROACTIVE:
        return {"published_on": "只有主动公开的信息才有发布日期。"}
    if item.published_on < item.formed_on:
        return {"published_on": "发布日期不能早于生成日期。"}
    if item.published_on > date.today():
        return {"published_on": "发布日期不能晚于今天。"}
    return {}


def _index_number_errors(planned: list[PlannedRow]) -> list[RowError]:
    header = BY_FIELD["index_number"].header
    numbers = Counter(p.item.index_number for p in planned if p.item.index_number)
    taken = set(
        Item.objects.filter(index_number__in=list(numbers)).values_list(
            "index_number", flat=True
        )
    )
    errors = []
    for row in planned:
        number = row.item.index_number
        if number and numbers[number] > 1:
            errors.append(
                RowError(row.number, header, f"索引号 {number} 在文件中重复。")
            )
        elif number in taken:
            errors.append(RowError(row.number, header, f"索引号 {number} 已被使用。"))
    return errors


def plan(sheet: Sheet, agency: Agency) -> list[PlannedRow]:
    """Every row checked, or ``ImportRejected`` with every problem found."""
    columns, errors = _columns(sheet.headers)
    if errors:
        raise ImportRejected(errors)
    planned = []
    categories = category_names(agency.pk)
    for number, cells in sheet.rows:
        values, row_errors = _cells(number, cells, columns)
        if not row_errors:
            channels = values.pop("channels", [])
            values["publisher"] = values.get("publisher") or agency.name
            values["index_number"] = values.get("index_number") or None
            item = Item(agency=agency, **values)
            row_errors = _item_errors(number, item, channels, categories)
            planned.append(PlannedRow(number, item, channels))
        errors += row_errors
    errors += _index_number_errors(planned)
    if errors:
        raise ImportRejected(errors)
    if not planned:
        raise ImportRejected([RowError(2, "", "文件中没有数据行。")])
    return planned
