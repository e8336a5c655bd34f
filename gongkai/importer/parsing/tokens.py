"""A document as one stream of tokens: labels, figures, blanks and units.

Every reader's output becomes the same stream, in reading order: a table cell is
one token (a merged cell once), a paragraph is one token, and a short line that
prints a whole table row ("规章 0 0 0", as PDF text and some pages give it) is cut
into its label and its figures. The parser then finds the format's labels in the
stream and reads the figures that follow each.

What a token is:

- ``VALUE``: a figure ("393", "+14", "-27", "0.3", "1,011", "12件"), or a word that
  means one: "无" (none: 0) and the dashes "—", "/" (not applicable: blank by
  default; ``GONGKAI_IMPORT_DASH_MEANS`` says otherwise);
- ``BLANK``: an empty cell;
- ``UNIT``: a unit cell of a statistics table (条, 件, 万元 …);
- ``NOISE``: a single character that is none of these (a vertical label that a PDF
  split per character);
- ``LABEL``: anything else, including whole narrative paragraphs.

Labels wrapped over two tokens are joined first: a token whose brackets are not
closed takes the next ones until they are ("1.专职人员数(不包括政府公报及政府网站
工作" + "人员数)"), and a short note in brackets joins the label before it
("(一)主动公开政府信息数" + "(不同渠道和方式公开相同信息计1条)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from gongkai.importer.readers.document import Document, Paragraph, Position, Table
from gongkai.reports.data import Value

from .normalize import key, numbering, unbalanced, width

UNITS = frozenset(
    [
        "条",
        "件",
        "个",
        "人",
        "人次",
        "次",
        "篇",
        "万元",
        "元",
        "项",
        "期",
        "场",
        "份",
        "家",
        "户",
        "天",
        "个次",
        "件次",
        "批次",
        "页",
    ]
)
DASHES = frozenset(["—", "——", "―", "─", "–", "-", "--", "－", "/", "／", "\\"])
NONE_WORDS = frozenset({"无", "没有"})
ROW_LINE_MAX = 80  # a longer paragraph is prose, never a table row
NOTE_MAX = 25  # a bracketed note longer than this is a label of its own
MAX_JOINED = 3  # tokens a wrapped label may take
NUMBERED_MIN = 4  # characters of a numbered label cut out of a line of labels

_NUMBER = re.compile(r"^([+\-−－]?)(\d+(?:\.\d+)?)$")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?:\D|$))")
_UNIT_SUFFIX = re.compile(r"(?<=\d)(?:" + "|".join(sorted(UNITS, key=len)[::-1]) + ")$")


class TokenKind(StrEnum):
    LABEL = "label"
    VALUE = "value"
    BLANK = "blank"
    UNIT = "unit"
    NOISE = "noise"


@dataclass(frozen=True)
class Reading:
    """What a value token says: the number, or that it is blank or a dash."""

    value: Value
    meaning: str  # "number", "none" (无), "dash" (— or /), "blank"
    digits: str = ""  # the plain digits of a whole number (for run-together rows)


@dataclass(frozen=True)
class Token:
    index: int
    text: str
    kind: TokenKind
    position: Position
    row: tuple[int, int] | None = None  # (table, grid row) of a grid cell
    reading: Reading | None = None
    block: int = -1  # index of the document block it was read from

    @property
    def is_value(self) -> bool:
        return self.kind in (TokenKind.VALUE, TokenKind.BLANK)


@dataclass(frozen=True)
class Options:
    dash_means: str = "blank"  # or "zero": how "—" and "/" are read


def read_value(text: str, options: Options = Options()) -> Reading | None:
    """The reading of a value token, or None when ``text`` is not a value."""
    text = width(text).strip()
    if not text:
        return Reading(None, "blank")
    if text in NONE_WORDS:
        return Reading(0, "none")
    if text in DASHES or set(text) <= set("—―─-－"):
        return Reading(0 if options.dash_means == "zero" else None, "dash")
    plain = _UNIT_SUFFIX.sub("", _THOUSANDS.sub("", text)).replace(" ", "")
    found = _NUMBER.match(plain)
    if not found:
        return None
    sign, digits = found.groups()
    try:
        number = Decimal(digits)
    except InvalidOperation:
        return None
    if sign:
        number = -number if sign != "+" else number
    whole = number == number.to_integral_value()
    value: Value = int(number) if whole else number
    return Reading(value, "number", digits if whole and not sign else "")


def classify(text: str, options: Options) -> tuple[TokenKind, Reading | None]:
    reading = read_value(text, options)
    if reading is not None:
        return (
            TokenKind.BLANK if reading.meaning == "blank" else TokenKind.VALUE
        ), reading
    stripped = width(text).strip()
    if stripped in UNITS:
        return TokenKind.UNIT, None
    if len(stripped) == 1:
        return TokenKind.NOISE, None
    return TokenKind.LABEL, None


def tokenize(document: Document, options: Options = Options()) -> list[Token]:
    """The document's tokens in reading order, wrapped labels joined."""
    raw = list(_raw_tokens(document, options))
    joined = _join_wrapped(raw)
    return [replace(token, index=i) for i, token in enumerate(joined)]


def _raw_tokens(document: Document, options: Options) -> Iterator[Token]:
    for number, block in enumerate(document.blocks):
        if isinstance(block, Paragraph):
            yield from _line_tokens(block.text, block.position, options, number)
        else:
            yield from _table_tokens(block, options, number)


def _table_tokens(table: Table, options: Options, block: int) -> Iterator[Token]:
    for cell in table.cells:
        if table.flattened:
            yield from _line_tokens(cell.text, cell.position, options, block)
        else:
            kind, reading = classify(cell.text, options)
            yield Token(
                0,
                cell.text,
                kind,
                cell.position,
                row=(table.position.table or 0, cell.row),
                reading=reading,
                block=block,
            )


def _line_tokens(
    text: str, position: Position, options: Options, block: int
) -> Iterator[Token]:
    for piece in _pieces(text, options):
        kind, reading = classify(piece, options)
        yield Token(0, piece, kind, position, reading=reading, block=block)


def _pieces(text: str, options: Options) -> list[str]:
    """A paragraph as one piece, or a row line cut into its label and figures (a
    figure glued to the label after it, "38情形", is cut off it)."""
    text = text.strip()
    parts = [piece for part in text.split() for piece in _unglued(part)]
    if len(parts) < 2 or len(text) > ROW_LINE_MAX or "。" in text:
        return [text]
    if not any(
        read_value(p, options) is not None or width(p) in UNITS for p in parts[1:]
    ):
        return _at_numbering(parts)
    pieces: list[str] = []
    for part in parts:
        is_label = read_value(part, options) is None and width(part) not in UNITS
        previous_label = (
            pieces
            and read_value(pieces[-1], options) is None
            and width(pieces[-1]) not in UNITS
        )
        # Letters spaced out ("统 计 指 标") run together; two words stay two.
        if is_label and previous_label and (len(part) == 1 or len(pieces[-1]) == 1):
            pieces[-1] += part
        else:
            pieces.append(part)
    return pieces


def _at_numbering(parts: list[str]) -> list[str]:
    """A line of labels cut where a numbered label starts ("其他处 2.申请人逾期…",
    a vertical label's characters beside a row's label in PDF text)."""
    pieces = [parts[0]]
    for part in parts[1:]:
        if numbering(part)[0] is not None and len(part) > NUMBERED_MIN:
            pieces.append(part)
        else:
            pieces[-1] += part
    return pieces


_GLUED = re.compile(
    r"^(\d{1,7})(?=[\u4e00-\u9fff（(])(?![年月日号]|" + "|".join(UNITS) + ")"
)


def _unglued(part: str) -> list[str]:
    found = _GLUED.match(part)
    return [found.group(1), part[found.end() :]] if found else [part]


def _join_wrapped(tokens: list[Token]) -> list[Token]:
    joined: list[Token] = []
    pending = 0  # tokens still allowed to join the last one
    for token in tokens:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.kind is TokenKind.LABEL
            and last.row is None
            and token.row is None
            and token.kind in (TokenKind.LABEL, TokenKind.NOISE)
            and (pending > 0 or _is_note(token.text))
        ):
            text = last.text + token.text
            joined[-1] = replace(last, text=text, kind=TokenKind.LABEL)
            pending = pending - 1 if unbalanced(text) > 0 else 0
            continue
        joined.append(token)
        pending = (
            MAX_JOINED
            if token.kind is TokenKind.LABEL and unbalanced(token.text) > 0
            else 0
        )
    return joined


def _is_note(text: str) -> bool:
    """A bracketed note on its own line, not a numbering such as "（一）"."""
    text = width(text).strip()
    if not text.startswith("(") or len(text) > NOTE_MAX:
        return False
    number, _ = numbering(text)
    return number is None and not key(text).empty
