"""Text with no separators at all, cut back into labels and figures.

Scrapers that take a page's text with whitespace collapsed give a whole report on
one line: labels and figures run together (``规章000行政规范性文件77132470``), a
row's figures form one digit string, and the next row's numbering sticks to it
(``…0000000`` + ``2.其他法律…`` reads ``00000002.其他法律…``). Such a paragraph is
recognised (long, almost no whitespace, many figures glued to words) and cut:

- into sentences at 。; a sentence whose figures are glued to words rather than
  followed by a unit (件, 条…) is a *table zone* (and so is one right after a zone
  that still has such a figure: a label's 。 does not end the table), the others
  are narrative and are kept whole, so the facts in them can still be read;
- in a table zone, before every numbered heading (一、 （一） 1.) and around every
  run of digits: the run is one row's figures, split into cells later by the
  table's own sums (``parsing.split``); the numbering of the next label ("2." in
  ``00000002.其他``) is taken off the run first;
- digits that are part of a label stay in it: a year or date (2023年), 第…条.

What is cut and why is visible in the document (a reader's note), so a person can
see that the table was read from run-together text. Pure Python, no Django.
"""

from __future__ import annotations

import itertools
import re

from .document import Block, Paragraph

RUN_MIN = 200  # characters: a shorter paragraph is never a run-together report
WHITESPACE_MAX = 0.01  # share of whitespace characters in a run-together paragraph
GLUED_MIN = 6  # figures glued to words for a paragraph to be run together
ZONE_MIN = 3  # figures glued to words for a sentence to be a table zone

_CJK = "\u4e00-\u9fff"
_UNITS = "件条个人次篇项期场份家户天页万元"
_FIGURE = re.compile(r"(?:(?<=\d)[+\-−－])?\d+(?:\.\d+)?")
# A heading's numbering: 一、 （一） (一) — not 第一、 nor inside 第（一）项.
_HEADING = re.compile(
    r"(?<!第)(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)"
)
_SENTENCE = re.compile(r"[^。]*。|[^。]+$")
# A table's figure sits between two labels: after a word or a closing bracket,
# before a word, an opening bracket or a quotation mark.
_GLUE_BEFORE = re.compile(rf"[{_CJK}）)”\"】]")
_GLUE_AFTER = re.compile(rf"[{_CJK}（(“\"【]")
NOTE = (
    "全文没有空格和换行（网页文字被合并成一行），已按标题编号和数字把表格拆回各行；"
    "连在一起的数字按表格的合计关系拆分。"
)


def is_run_together(text: str) -> bool:
    if len(text) < RUN_MIN:
        return False
    spaces = sum(1 for ch in text if ch.isspace())
    return spaces / len(text) <= WHITESPACE_MAX and _glued(text) >= GLUED_MIN


def unflatten(blocks: list[Block]) -> tuple[list[Block], bool]:
    """The blocks with every run-together paragraph cut into pieces, and whether
    any was."""
    result: list[Block] = []
    cut = False
    for block in blocks:
        if isinstance(block, Paragraph) and is_run_together(block.text):
            cut = True
            result.extend(
                Paragraph(piece, block.position) for piece in pieces(block.text)
            )
        else:
            result.append(block)
    return result, cut


def pieces(text: str) -> list[str]:
    """A run-together paragraph as labels, figures and whole narrative sentences."""
    text = "".join(text.split())
    out: list[str] = []
    zone = False
    for sentence in _SENTENCE.findall(text):
        glued = _glued(sentence)
        # A table goes on past a 。 in one of its labels: a sentence right after
        # a table zone with a figure glued to a word is still the table.
        zone = glued >= ZONE_MIN or (zone and glued > 0)
        if zone:
            out.extend(_table_zone(sentence))
        else:
            out.extend(_at_headings(sentence))
    return [piece for piece in out if piece]


def _glued(text: str) -> int:
    """Figures followed by a word (a label), not by a unit, a date or a numbering."""
    return sum(
        1
        for m in _FIGURE.finditer(text)
        if _kind(text, m) == "figure"
        or (_kind(text, m) == "numbering" and len(m.group()) > 1)  # 00000002.其他
    )


def _kind(text: str, match: re.Match[str]) -> str:
    """What a run of digits is: ``figure`` (a cell's), ``numbering`` (1. of the
    label after it, possibly stuck to the figures before), or ``word`` (part of
    a label or a sentence: 2023年, 第3条, 95件)."""
    after = text[match.end() : match.end() + 2]
    before = text[match.start() - 1 : match.start()] if match.start() else ""
    if before == "第" or (after and after[0] in "年月日号" + _UNITS):
        return "word"
    signed = match.group()[0] in "+-−－"  # a signed figure after another one
    if not signed and not (before and _GLUE_BEFORE.match(before)):
        return "word"  # after a colon, a slash, a hyphen: an address, a telephone
    if after and not _GLUE_AFTER.match(after[0]) and after[0] not in ".．、+-−－":
        return "word"
    if (
        "." not in match.group()
        and len(after) == 2
        and after[0] in ".．、"
        and re.match(rf"[{_CJK}（(“\"]", after[1])
    ):
        return "numbering"
    return "figure"


def _table_zone(sentence: str) -> list[str]:
    cuts: set[int] = set()
    for match in _FIGURE.finditer(sentence):
        kind = _kind(sentence, match)
        if kind == "figure":
            cuts.update((match.start(), match.end()))
        elif kind == "numbering":
            # The last digit numbers the label; any before it are a row's figures.
            cuts.update((match.start(), match.end() - 1))
    for match in _HEADING.finditer(sentence):
        cuts.add(match.start())
    bounds = sorted({0, len(sentence), *cuts})
    return [sentence[a:b] for a, b in itertools.pairwise(bounds)]


def _at_headings(sentence: str) -> list[str]:
    starts = sorted({0, *(m.start() for m in _HEADING.finditer(sentence))})
    return [
        sentence[a:b] for a, b in zip(starts, [*starts[1:], len(sentence)], strict=True)
    ]
