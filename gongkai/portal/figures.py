"""The main figures of an agency (or a government with its units) across years,
for the charts beside its annual reports (as seed 000 charts 2013–2017 and seed
004's 附件3 tabulates 2015–2017).

Each figure is one grouped query over the ledger apps' selectors, by year: the
items first published, those on the government website, the applications received
and those closed. Reads only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from gongkai.agencies.models import Agency
from gongkai.applications import selectors as applications
from gongkai.catalog import selectors as catalog
from gongkai.reports.charts import BarChart, Series, bar_chart

FIRST_YEAR = 2008  # the first year of the 2007 条例


@dataclass(frozen=True)
class Figure:
    label: str
    query: Callable[[list[int] | QuerySet, date, date], QuerySet]
    date_field: str


FIGURES = (
    Figure(
        "主动公开政府信息数",
        lambda ids, start, end: catalog.items_published(
            agency_ids=ids, start=start, end=end
        ),
        "published_on",
    ),
    Figure(
        "政府网站公开数",
        lambda ids, start, end: catalog.item_channels_published(
            agency_ids=ids, start=start, end=end
        ).filter(channel="website"),
        "published_on",
    ),
    Figure(
        "收到申请数",
        lambda ids, start, end: applications.applications_received(
            agency_ids=ids, start=start, end=end
        ),
        "received_on",
    ),
    Figure(
        "办结申请数",
        lambda ids, start, end: applications.applications_closed(
            agency_ids=ids, start=start, end=end
        ),
        "closed_on",
    ),
)


def _by_year(figure: Figure, ids: list[int] | QuerySet, years: range) -> dict[int, int]:
    rows = (
        figure.query(ids, date(years.start, 1, 1), date(years.stop - 1, 12, 31))
        .annotate(year=ExtractYear(figure.date_field))
        .order_by()
        .values("year")
        .annotate(n=Count("pk"))
    )
    return {row["year"]: row["n"] for row in rows}


def figures_by_year(
    agency: Agency, *, region: bool, last_year: int
) -> tuple[list[int], dict[str, dict[int, int]]]:
    """The years that have any figure, and each figure's value by year."""
    ids: list[int] | QuerySet = agency.subtree().values("pk") if region else [agency.pk]
    span = range(FIRST_YEAR, last_year + 1)
    values = {f.label: _by_year(f, ids, span) for f in FIGURES}
    years = sorted({y for counts in values.values() for y in counts})
    return years, values


def year_charts(agency: Agency, *, region: bool, last_year: int) -> list[BarChart]:
    """Two charts: proactive disclosure, and disclosure on application."""
    years, values = figures_by_year(agency, region=region, last_year=last_year)
    if not years:
        return []

    def series(label: str) -> Series:
        return Series(label, tuple(values[label].get(y, 0) for y in years))

    labels = [str(y) for y in years]
    return [
        bar_chart(
            "主动公开",
            labels,
            [series(FIGURES[0].label), series(FIGURES[1].label)],
        ),
        bar_chart(
            "依申请公开",
            labels,
            [series(FIGURES[2].label), series(FIGURES[3].label)],
        ),
    ]
