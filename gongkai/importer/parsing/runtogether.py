"""Labels run together in text with no separators, cut at the formats' own labels.

The reader cuts a run-together report around its figures and numbered headings
(``readers.flattened``), but labels with no figure between them stay glued: a
table's column headers (``申请人情况自然人法人或其他组织总计商业企业…``), table 四's
headers, a table title and its first row (``…现行有效件数规章``). The formats know
every label they print, so such a token is cut wherever one of them occurs — the
longest first, never two overlapping — with the label's numbering (（一）, 1.)
kept at its head. Only documents the reader found run together are cut.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from gongkai.reports.formats import Format, get_format

from .normalize import key, width
from .tables import layout_items
from .tokens import Options, Token, TokenKind, classify

MIN_WORDS = 2  # characters of a label's words for it to be looked for
CUT_FROM = 8  # characters: a shorter label token is left whole
_REMOVED = re.compile(
    r"[\s\u00a0\u3000\u200b、，,。.．:：;；!！?？“”\"'‘’「」『』《》<>〈〉()（）\[\]【】"
    r"{}·•—\-－–~～_/／\\|]"
)
_CLOSING = ')）”"’」』】'
_NUMBERING_BEFORE = re.compile(
    r"(?:[(（][零〇一二三四五六七八九十\d]{1,3}[)）]|[零〇一二三四五六七八九十]{1,3}、"
    r"|\d{1,2}[、.．])$"
)


def cut_at_labels(
    tokens: Sequence[Token], formats: Iterable[Format], options: Options
) -> list[Token]:
    """``tokens`` with every long label token cut at the labels of ``formats``;
    each piece is what it reads as (a unit left over, 人次, is a unit)."""
    words = _label_words(tuple(sorted(f.id for f in formats)))
    out: list[Token] = []
    for token in tokens:
        if (
            token.kind is TokenKind.LABEL
            and len(token.text) >= CUT_FROM
            and "。" not in token.text  # a sentence of the narrative stays whole
        ):
            for piece in _cut(token.text, words):
                kind, reading = classify(piece, options)
                out.append(replace(token, text=piece, kind=kind, reading=reading))
        else:
            out.append(token)
    return [replace(token, index=i) for i, token in enumerate(out)]


@functools.cache
def _label_words(format_ids: tuple[str, ...]) -> tuple[str, ...]:
    found = {
        key(item.text).full
        for format_id in format_ids
        for table in get_format(format_id).tables
        for item in layout_items(table)
        if item.text.strip()
    }
    return tuple(
        sorted((w for w in found if len(w) >= MIN_WORDS), key=len, reverse=True)
    )


def _cut(text: str, words: tuple[str, ...]) -> list[str]:
    normal = width(text)
    kept = [i for i, ch in enumerate(normal) if not _REMOVED.match(ch)]
    squeezed = "".join(normal[i] for i in kept)
    taken = [False] * len(squeezed)
    cuts: set[int] = set()
    for word in words:  # the longest first
        start = squeezed.find(word)
        while start != -1:
            end = start + len(word)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(word)
                begin = kept[start]
                numbering = _NUMBERING_BEFORE.search(normal[:begin])
                cuts.add(numbering.start() if numbering else begin)
                after = kept[end - 1] + 1
                while after < len(normal) and normal[after] in _CLOSING:
                    after += 1
                cuts.add(after)
            start = squeezed.find(word, start + 1)
    bounds = sorted({0, len(text), *cuts})
    return [text[a:b] for a, b in itertools.pairwise(bounds)]
