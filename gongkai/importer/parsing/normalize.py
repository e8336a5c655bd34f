"""Label text as the parser compares it: one spelling for the many printed ones.

Real reports print the official labels with every kind of drift (law-and-formats.md
§2.2, §2.4): numbering as "1." or "1、" or "(1)" or "（一）"; full- or half-width
punctuation; curly or straight quotes around 三安全一稳定; 顿号 for commas; labels
wrapped over lines or split per character; "其中：" dropped. A label is compared
through its ``Key``: the numbering apart, and the words with punctuation and
whitespace removed, once with its parenthetical notes (``full``) and once without
(``short``, so that "（一）主动公开政府信息数" matches the official label with its
note "（不同渠道和方式公开相同信息计1条）").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from gongkai.reports.narrative import chinese_numeral

CN_DIGITS = "零〇一二三四五六七八九十"
_NUMBERING = re.compile(
    r"^\s*(?:"
    rf"[(（]\s*(?P<paren>[{CN_DIGITS}]{{1,3}}|\d{{1,2}})\s*[)）]"  # （一） (1)
    rf"|(?P<cn>[{CN_DIGITS}]{{1,3}})\s*[、.．]"  # 一、
    r"|(?P<arabic>\d{1,2})\s*[、.．](?!\d)"  # 1. 1、 (not 0.3)
    r"|(?P<circled>[①-⑳])"  # ①
    r"|[、.．](?=\S)"  # "、信息公开……": a numeral lost in scraping
    r")\s*"
)
_WHERE_OF = re.compile(r"^其中\s*[:：]?\s*")
_PARENTHETICAL = re.compile(r"[(（][^()（）]{3,}[)）]")  # a note, not "（一）"
_UNCLOSED_NOTE = re.compile(r"[(（][^()（）]*$")  # a note cut off by a line break
_REMOVED = re.compile(
    r"[\s\u00a0\u3000\u200b、，,。.．:：;；!！?？“”\"'‘’「」『』《》<>〈〉()（）\[\]【】"
    r"{}·•—\-－–~～_/／\\|]+"
)


@dataclass(frozen=True)
class Key:
    """A label as compared: its numbering (1 for "（一）", "1." and "一、") and its
    words with and without parenthetical notes."""

    number: int | None
    full: str
    short: str

    @property
    def empty(self) -> bool:
        return not self.full


def width(text: str) -> str:
    """Full-width letters, digits and punctuation as half-width (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def numbering(text: str) -> tuple[int | None, str]:
    """The leading number of ``text`` and the rest: "（三）不予公开" gives 3."""
    found = _NUMBERING.match(text)
    if not found:
        return None, text
    rest = text[found.end() :]
    raw = found.group("paren") or found.group("cn") or found.group("arabic")
    if found.group("circled"):
        return ord(found.group("circled")) - ord("①") + 1, rest
    if raw is None:
        return None, rest
    try:
        return (int(raw) if raw.isdigit() else chinese_numeral(raw)), rest
    except ValueError:
        return None, rest


def squeeze(text: str) -> str:
    """``text`` without punctuation, brackets and whitespace."""
    return _REMOVED.sub("", text)


@functools.lru_cache(maxsize=65536)
def key(text: str) -> Key:
    """The ``Key`` of a printed label (cached: formats repeat their labels). A
    note in brackets, or the start of one a line break cut off, is not in
    ``short``."""
    text = width(text).strip()
    number, rest = numbering(text)
    rest = _WHERE_OF.sub("", rest)
    short = _UNCLOSED_NOTE.sub("", _PARENTHETICAL.sub("", rest))
    return Key(number, squeeze(rest), squeeze(short))


def unbalanced(text: str) -> int:
    """Open brackets not yet closed: a label wrapped before its note ended."""
    text = width(text)
    return text.count("(") - text.count(")")


# -- the shapes of a label, for tables read as printed ---------------------------

# The kinds of numbering, outermost first, as the official formats nest them
# (law-and-formats.md §2.2): 一、 > （一） > 1. > （1） > ①.
NUMBERING_STYLES = (
    ("cn", re.compile(r"^[零〇一二三四五六七八九十]{1,3}\s*[、.．]")),
    ("paren_cn", re.compile(r"^[(（]\s*[零〇一二三四五六七八九十]{1,3}\s*[)）]")),
    ("arabic", re.compile(r"^\d{1,2}\s*[、.．](?!\d)")),
    ("paren_arabic", re.compile(r"^[(（]\s*\d{1,2}\s*[)）]")),
    ("circled", re.compile(r"^[①-⑳]")),
)
_TOTAL = re.compile(r"^(?:合\s*计|总\s*计|小\s*计|共\s*计)$")
_UNIT_HEADER = re.compile(r"^(?:计量)?单\s*位$")


def numbering_style(label: str) -> str | None:
    """Which kind of numbering ``label`` starts with: "cn" for 一、, "paren_cn" for
    （一）, "arabic" for 1., "paren_arabic" for （1）, "circled" for ①."""
    level = numbering_level(label)
    return NUMBERING_STYLES[level - 1][0] if level else None


def numbering_level(label: str) -> int | None:
    """How deep ``label``'s numbering nests: 1 for 一、, 2 for （一）, … 5 for ①."""
    text = width(label).strip()
    for level, (_, pattern) in enumerate(NUMBERING_STYLES, start=1):
        if pattern.match(text):
            return level
    return None


def is_where_of(label: str) -> bool:
    """A 「其中」 row or column: a part of the one printed before it."""
    return bool(_WHERE_OF.match(width(label).strip()))


def is_total(label: str) -> bool:
    """A 合计/总计/小计/共计 row or column: the sum of its siblings."""
    return bool(_TOTAL.match(width(label).strip()))


def is_unit_header(text: str) -> bool:
    """The header of a unit column (单位, 计量单位)."""
    return bool(_UNIT_HEADER.match(width(text).strip()))
