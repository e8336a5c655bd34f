"""Which national indicator a printed row most likely means, by its label.

``formats learn`` drafts a format file from a report whose tables no format
describes. Each printed row is compared with every row of the national formats
(legacy, 2019, 2021: all their tables) through the parser's normalised label
(``parsing.normalize.key``: numbering, 其中 and punctuation apart):

=========================================  ========================
the words are equal                         1.0
equal once notes in brackets are dropped    0.95
otherwise                                   rapidfuzz ratio of the words, 0–1
=========================================  ========================

The best match gives the row its ``indicator`` and ``args`` (those of the national
cell: the row's own with its ancestors', and those of the table's total column
where the table has several); a row scoring under ``MIN_SCORE`` is left for a
person to map. Labels repeat (「（一）维持具体行政行为数」 under 行政复议 and under
行政诉讼), so among equal scores the candidate whose parent labels are most like
the printed row's parents wins, and then one of the format the draft extends.

Pure Python over the loaded formats: no Django models, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from gongkai.reports.data import CellRef
from gongkai.reports.formats import Format, all_formats

from ..parsing.normalize import is_total, key
from ..parsing.tables import table_name

# Under this a row is not mapped. 「当面申请」 against 「当面申请数」 scores 0.89 and
# 「网上申请数」 against 「网络申请数」 0.8 (one character in five differs: kept, and
# the comment's score tells the reviewer to look); 「咨询答复数」 against
# 「申请答复数」 scores 0.6 and is left to a person.
MIN_SCORE = 0.8
FUZZY_CEILING = 0.94  # a fuzzy match never ranks with an equal one
# Scores this close count as equal: the parents' labels decide between them.
TIE = 0.005


@dataclass(frozen=True)
class Candidate:
    """A national row that holds figures, with the cell that gives its indicator."""

    format_id: str
    table_id: str
    label: str  # the row's own label as the national format prints it
    ancestors: tuple[str, ...]  # its parents' labels, outermost first
    indicator: str
    args: Mapping[str, Any]
    unit: str | None

    @property
    def where(self) -> str:
        return f"{table_name(self.table_id)}「{self.label}」"


@dataclass(frozen=True)
class Match:
    candidate: Candidate
    score: float

    @property
    def mapped(self) -> bool:
        return self.score >= MIN_SCORE


def national_formats() -> list[Format]:
    return [f for f in all_formats().values() if f.extends is None]


# The candidates of the national formats last loaded (the loader keeps its formats,
# so they are computed once; a test that loads other files gets fresh ones).
_LAST: list[tuple[tuple[Format, ...], tuple[Candidate, ...]]] = []


def candidates() -> tuple[Candidate, ...]:
    formats = tuple(national_formats())
    if not _LAST or not _same(_LAST[0][0], formats):
        _LAST[:] = [(formats, _candidates(formats))]
    return _LAST[0][1]


def _same(a: tuple[Format, ...], b: tuple[Format, ...]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def _candidates(formats: tuple[Format, ...]) -> tuple[Candidate, ...]:
    found: list[Candidate] = []
    for fmt in formats:
        for table in fmt.tables:
            specs = {spec.ref: spec for spec in table.cells()}
            for block in table.blocks:
                column = _value_column(block.data_columns())
                if column is None:
                    continue  # a row there means nothing without its column
                for row in block.data_rows():
                    spec = specs[CellRef(table.id, row.label, column.label)]
                    found.append(
                        Candidate(
                            format_id=fmt.id,
                            table_id=table.id,
                            label=row.last.label,
                            ancestors=tuple(n.label for n in row.nodes[:-1]),
                            indicator=spec.indicator,
                            args=dict(spec.args),
                            unit=spec.unit,
                        )
                    )
    return tuple(found)


def _value_column(columns: Sequence[Any]) -> Any:
    """The column whose cell stands for the row: the only one, or the total."""
    if len(columns) == 1:
        return columns[0]
    totals = [c for c in columns if is_total(c.last.label)]
    return totals[0] if len(totals) == 1 else None


def similarity(a: str, b: str) -> float:
    """How alike two printed labels are, 0–1 (the table in the module's docstring)."""
    ka, kb = key(a), key(b)
    if ka.empty or kb.empty:
        return 0.0
    if ka.full == kb.full:
        return 1.0
    if ka.short and ka.short == kb.short:
        return 0.95
    ratio = max(fuzz.ratio(ka.full, kb.full), fuzz.ratio(ka.short, kb.short)) / 100
    return min(ratio, FUZZY_CEILING)


def best_match(
    label: str, ancestors: Sequence[str], prefer: str | None = None
) -> Match | None:
    """The national row ``label`` most likely is, or None when there are no rows."""
    scored = [(similarity(label, c.label), c) for c in candidates()]
    if not scored:
        return None
    top = max(score for score, _ in scored)
    tied = [c for score, c in scored if score >= top - TIE]
    chosen = max(
        tied,
        key=lambda c: (_context(ancestors, c.ancestors), c.format_id == prefer),
    )
    return Match(chosen, round(top, 2))


def _context(printed: Sequence[str], national: Sequence[str]) -> float:
    """How alike the two rows' parents are (the nearest parent counts most)."""
    if not printed or not national:
        return 0.0
    total = 0.0
    for depth, label in enumerate(reversed(printed[-2:]), start=1):
        total += max(similarity(label, n) for n in national) / depth
    return total
