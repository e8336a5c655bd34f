"""The columns of a catalogue file, as gongkai exports it and reads it back.

The headers are the labels catalogues print (《政府信息公开目录系统实施指引（试行）》
and the portals that follow it); a few other names in common use are accepted on
import (标题 for 名称, 成文日期 for 生成日期, 发文字号 for 文号...). Each column turns a
cell into a value or says, in Chinese, what is wrong with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from gongkai.catalog.models import (
    Disclosure,
    DisclosureBasis,
    DocumentKind,
    PublicationChannel,
    Validity,
)


class CellError(ValueError):
    """A cell that cannot be read; the message is for the person who typed it."""


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(value: Any) -> date | None:
    """2019-06-01, 2019/6/1, 2019.6.1, 2019年6月1日, or a spreadsheet's date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    if not raw:
        return None
    match = _DATE.match(raw.split(" ")[0] if "年" not in raw else raw)
    try:
        if match is None:
            raise ValueError
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellError(
            f"“{raw}”不是日期，请写成 2019-06-01 或 2019年6月1日。"
        ) from None


ONES = tuple("一二三四五六七八九")
ARTICLE20_NUMERALS = (*ONES, "十", *(f"十{one}" for one in ONES[:5]))
_ARTICLE20_ITEMS = {
    **{str(n): n for n in range(1, 16)},
    **{numeral: n for n, numeral in enumerate(ARTICLE20_NUMERALS, start=1)},
}
_ARTICLE20_NOISE = re.compile(r"^第二十条|[第（）()项\s]")


def article20_label(number: int | None) -> str:
    return f"第（{ARTICLE20_NUMERALS[number - 1]}）项" if number else ""


def parse_article20(value: Any) -> int | None:
    """5, 第（五）项, 第二十条第（五）项, (五), 五: the item of 第二十条 an item
    fulfils."""
    raw = text(value)
    if not raw:
        return None
    core = _ARTICLE20_NOISE.sub("", raw)
    if core in _ARTICLE20_ITEMS:
        return _ARTICLE20_ITEMS[core]
    raise CellError(
        f"“{raw}”不是第二十条的事项，请填 1–15 或 第（一）项 至 第（十五）项。"
    )


def choice_parser(choices: Any, *, blank: str = "") -> Callable[[Any], str]:
    """Read a cell by a choice's Chinese label (or its code)."""
    by_label = {str(label): value for value, label in choices.choices if value}
    by_value = {value: value for value, _ in choices.choices if value}

    def parse(value: Any) -> str:
        raw = text(value)
        if not raw:
            return blank
        if raw in by_label or raw in by_value:
            return by_label.get(raw) or by_value[raw]
        raise CellError(f"“{raw}”不在可选值中：{'、'.join(by_label)}。")

    return parse


CHANNEL_SEPARATORS = re.compile(r"[、,，;；/\s]+")


def parse_channels(value: Any) -> list[str]:
    """政府网站、政务微信: the channels that carried a published item."""
    names = [n for n in CHANNEL_SEPARATORS.split(text(value)) if n]
    by_label = {str(label): value for value, label in PublicationChannel.choices}
    unknown = [
        n for n in names if n not in by_label and n not in PublicationChannel.values
    ]
    if unknown:
        raise CellError(
            f"未知的发布渠道：{'、'.join(unknown)}；可选：{'、'.join(by_label)}。"
        )
    return list(dict.fromkeys(by_label.get(n, n) for n in names))


@dataclass(frozen=True)
class Column:
    """A column: its header, the other headers it may go by, the item field it
    fills, how a cell is read and how a value is written."""

    header: str
    field: str
    parse: Callable[[Any], Any] = text
    aliases: tuple[str, ...] = ()
    required: bool = False
    write: Callable[[Any], str] = text


def _label_writer(choices: Any) -> Callable[[Any], str]:
    labels = {value: label for value, label in choices.choices if value}
    return lambda value: labels.get(value, "")


def _date_writer(value: Any) -> str:
    return value.isoformat() if value else ""


COLUMNS: tuple[Column, ...] = (
    Column("索引号", "index_number"),
    Column("名称", "title", aliases=("标题", "信息名称"), required=True),
    Column("内容概述", "summary", aliases=("摘要",)),
    Column("发布机构", "publisher", aliases=("发文机关", "发布单位")),
    Column(
        "生成日期",
        "formed_on",
        parse_date,
        aliases=("成文日期", "发文日期"),
        required=True,
        write=_date_writer,
    ),
    Column("发布日期", "published_on", parse_date, write=_date_writer),
    Column("文号", "document_number", aliases=("发文字号",)),
    Column("主题分类", "subject"),
    Column("体裁分类", "genre"),
    Column("信息类别", "category", aliases=("分类", "组配分类")),
    Column(
        "第二十条事项",
        "article20_item",
        parse_article20,
        aliases=("第二十条",),
        write=article20_label,
    ),
    Column(
        "文件类型",
        "document_kind",
        choice_parser(DocumentKind),
        write=_label_writer(DocumentKind),
    ),
    Column(
        "有效性",
        "validity",
        choice_parser(Validity),
        aliases=("时效",),
        write=_label_writer(Validity),
    ),
    Column(
        "废止日期",
        "repealed_on",
        parse_date,
        aliases=("失效日期",),
        write=_date_writer,
    ),
    Column("关键词", "keywords", aliases=("主题词",)),
    Column(
        "公开属性",
        "disclosure",
        choice_parser(Disclosure, blank=Disclosure.PROACTIVE),
        aliases=("公开方式",),
        write=_label_writer(Disclosure),
    ),
    Column(
        "公开属性依据",
        "disclosure_basis",
        choice_parser(DisclosureBasis),
        write=_label_writer(DisclosureBasis),
    ),
    Column("公开属性理由", "disclosure_reason", aliases=("不予公开理由",)),
    Column("发布渠道", "channels", parse_channels, write=lambda v: "、".join(v or ())),
    Column("正文", "body"),
)

HEADERS: dict[str, Column] = {
    name: column for column in COLUMNS for name in (column.header, *column.aliases)
}
BY_FIELD: dict[str, Column] = {column.field: column for column in COLUMNS}
