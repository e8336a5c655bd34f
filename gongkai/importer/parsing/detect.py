"""Which format a report is in: the one whose tables the document prints best.

Every format file is tried (legacy, 2019, 2021 and every provincial variant, so a
new variant is recognised as soon as its file exists): its tables' labels are
placed on the document (``tables.locate``) and the format scores, over the tables
the document prints,

    placed labels (by match quality) − ½ × labels not found between them,

so a variant wins over its parent only when the document prints the variant's
extra rows (a table the document lacks counts for neither, and nor do the rows
after the last one a document printed in part; on a tie the national format
wins). A format that does not cover the report's year scores 10% less.
When no format finds a table (a narrative-only report), the national format of
the year is taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.reports.formats import (
    Format,
    FormatError,
    all_formats,
    national_format_for_year,
)

from .align import Matcher
from .tables import TableReading, locate
from .tokens import Token

MISSING_WEIGHT = 0.5
OTHER_YEAR_FACTOR = 0.9


@dataclass(frozen=True)
class Fit:
    format: Format
    readings: tuple[TableReading, ...]
    score: float

    @property
    def found_any(self) -> bool:
        return any(r.found for r in self.readings)


def fit(
    fmt: Format, tokens: Sequence[Token], matcher: Matcher, year: int | None
) -> Fit:
    readings = tuple(locate(table, tokens, matcher) for table in fmt.tables)
    printed = [r for r in readings if r.found]
    placed = sum(r.score for r in printed)
    missing = sum(r.missing_between() for r in printed)
    score = placed - MISSING_WEIGHT * missing
    if year is not None and not fmt.covers(year):
        score *= OTHER_YEAR_FACTOR if score > 0 else 1 / OTHER_YEAR_FACTOR
    return Fit(fmt, readings, score)


def choose_format(
    tokens: Sequence[Token], matcher: Matcher, year: int | None
) -> tuple[Fit, list[Fit]]:
    """The best fitting format, and every format's fit (best first)."""
    fits = sorted(
        (fit(fmt, tokens, matcher, year) for fmt in all_formats().values()),
        key=lambda f: (f.found_any, f.score, f.format.extends is None),
        reverse=True,
    )
    if fits[0].found_any or year is None:
        return fits[0], fits
    try:
        national = national_format_for_year(year)
    except FormatError:
        return fits[0], fits
    return next(f for f in fits if f.format.id == national.id), fits
