"""The narrative sections: a draft from the cells, and the figures a text states.

Staff write the narrative (总体情况, 存在的主要问题及改进情况, 其他需要报告的事项);
gongkai gives them a draft whose every figure is taken from the report's cells, and
the ``narrative`` check (``gongkai.reports.checks``) reads the figures back out of
whatever they finally wrote. Both directions use the format's ``facts``: a fact
says how a figure is worded in a section (``template``, with ``{value}``) and how
to find it in a text (``pattern``, a regular expression with one capture group;
``{number}`` in it stands for a number in Arabic or Chinese numerals).

Pure Python: no Django, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from .data import CellRef, ReportData, Section, Value
from .schema import Fact, Format, FormatError

NUMBER_PLACEHOLDER = "{number}"
NUMBER_PATTERN = (
    r"([0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?"  # 393, 1,011, 0.3
    r"|[零〇一二两三四五六七八九十百千万亿]+)"  # 四十六, 一百零三
)

# What a draft says around the facts, by narrative key. 【…】 marks what only the
# agency can write; the draft never invents a figure.
OPENINGS: dict[str, str] = {
    "overview": (
        "本报告根据《中华人民共和国政府信息公开条例》规定编制，"
        "所列数据的统计期限为{year}年1月1日至{year}年12月31日。"
    ),
}
CLOSINGS: dict[str, str] = {
    "overview": "【请补充组织领导、制度建设、平台建设和监督保障等方面的情况。】",
    "problems": "【请说明本年度政府信息公开工作存在的主要问题及改进情况。】",
    "other": (
        "【请说明其他需要报告的事项，包括收取信息处理费的情况；没有的，写明“无”。】"
    ),
}


# -- drafting ------------------------------------------------------------------------


def draft(report: ReportData, fmt: Format) -> dict[str, str]:
    """A draft of every narrative section of ``fmt``, by narrative key.

    Each section is its opening, then the section's facts in the order of the
    format file (consecutive templates run on; one that ends with "。" closes its
    paragraph), then what only staff can add.
    """
    decimals = {cell.ref: cell.decimals for cell in fmt.cells()}
    drafts: dict[str, str] = {}
    for section in fmt.sections:
        key = section.narrative
        if not key:
            continue
        paragraphs = [OPENINGS[key].format(year=report.year)] if key in OPENINGS else []
        paragraphs.extend(_fact_paragraphs(report, fmt, key, decimals))
        if key in CLOSINGS:
            paragraphs.append(CLOSINGS[key])
        if not paragraphs:
            paragraphs.append(f"【请填写“{section.heading}”。】")
        drafts[key] = "\n".join(paragraphs)
    return drafts


def draft_sections(report: ReportData, fmt: Format) -> list[Section]:
    """The drafts as report sections, headed as the format prints them."""
    drafts = draft(report, fmt)
    return [
        Section(s.full_heading, drafts[s.narrative], s.narrative)
        for s in fmt.sections
        if s.narrative
    ]


def _fact_paragraphs(
    report: ReportData, fmt: Format, key: str, decimals: dict[CellRef, int | None]
) -> list[str]:
    paragraphs: list[str] = []
    current = ""
    for fact in fmt.facts:
        if fact.section != key:
            continue
        value = report.value(fact.ref.table, fact.ref.row, fact.ref.column)
        current += fact.template.format(value=format_value(value, decimals[fact.ref]))
        if current.endswith("。"):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current.rstrip("，；、") + "。")
    return paragraphs


def format_value(value: Value, decimals: int | None = None) -> str:
    """A cell's value as a draft writes it; a blank cell reads as 0."""
    number = value if value is not None else 0
    if decimals is not None:
        return f"{Decimal(number):.{decimals}f}"
    if isinstance(number, Decimal):
        return format(number.normalize(), "f")
    return str(number)


# -- reading figures back ------------------------------------------------------------


def compile_fact_pattern(pattern: str) -> re.Pattern[str]:
    """The fact's pattern as a regular expression, ``{number}`` expanded.

    Raises ``FormatError`` unless it compiles with exactly one capture group.
    """
    try:
        regex = re.compile(pattern.replace(NUMBER_PLACEHOLDER, NUMBER_PATTERN))
    except re.error as exc:
        raise FormatError(
            f"叙述要素的 pattern {pattern!r} 不是有效的正则表达式：{exc}"
        ) from None
    if regex.groups != 1:
        raise FormatError(f"叙述要素的 pattern {pattern!r} 应恰有一个捕获组")
    return regex


def stated_facts(
    text: str, fmt: Format, section: str | None = None
) -> Iterator[tuple[Fact, str, int | Decimal]]:
    """Each figure ``text`` states: the fact, the words that state it, the number.

    With ``section``, only that section's facts are looked for.
    """
    for fact in fmt.facts:
        if section is not None and fact.section != section:
            continue
        for match in compile_fact_pattern(fact.pattern).finditer(text):
            try:
                number = parse_number(match.group(1))
            except ValueError:
                continue
            yield fact, match.group(0), number


def stated_figures(
    text: str, fmt: Format, section: str | None = None
) -> list[tuple[CellRef, int | Decimal]]:
    """The (cell, value) pairs ``text`` states, found with the format's facts."""
    return [(fact.ref, number) for fact, _, number in stated_facts(text, fmt, section)]


# -- numbers -------------------------------------------------------------------------

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_SECTIONS = {"万": 10_000, "亿": 100_000_000}


def parse_number(text: str) -> int | Decimal:
    """A number written in Arabic (full- or half-width, with thousands commas) or
    Chinese numerals: "46", "1,011", "0.3", "四十六", "一百零三", "两千"."""
    arabic = text.translate(_FULL_WIDTH).replace(",", "")
    if arabic and arabic[0].isdigit():
        try:
            number = Decimal(arabic)
        except InvalidOperation:
            raise ValueError(f"不是数字：{text!r}") from None
        return int(number) if number == number.to_integral_value() else number
    return chinese_numeral(text)


def chinese_numeral(text: str) -> int:
    """四十六 → 46, 一百零三 → 103, 两千 → 2000, 十二 → 12, 二〇一九 → 2019."""
    if not text or any(
        ch not in _DIGITS and ch not in _UNITS and ch not in _SECTIONS for ch in text
    ):
        raise ValueError(f"不是中文数字：{text!r}")
    if len(text) > 1 and all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))  # read digit by digit
    total = section = digit = 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (digit or 1) * _UNITS[ch]  # 十二: a leading 十 means 一十
            digit = 0
        else:
            total += (section + digit) * _SECTIONS[ch]
            section = digit = 0
    return total + section + digit
