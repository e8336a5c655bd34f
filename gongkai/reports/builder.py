"""Build an annual report from the ledger: every cell, the narrative, the findings.

The builder is the one place where the format (a data file) meets the ledger: each
cell of the format names an indicator and its arguments, and the indicator answers
from its family's grouped query (``gongkai.reports.indicators``). The result is a
``ReportData``, the same shape the importer produces, so the checks and renderers
never know whether a report was computed or typed by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.core.compiled import COMPILED

from . import checks, narrative
from .data import AgencyRef, ReportData, Section
from .formats import (
    PATH_SEPARATOR,
    CellSpec,
    Format,
    FormatError,
    national_format_for_year,
)
from .indicators import QueryCache, Tally
from .indicators.base import Row
from .models import Narrative, ReportVersion
from .plans import Planned, plan
from .region import (
    contributions_add,
    outside_contributions,
    region_merge,
    region_units,
)
from .scope import Scope


def build_report(
    *,
    agency: Agency,
    year: int,
    fmt: Format | None = None,
    region: bool = False,
    cache: QueryCache | None = None,
) -> ReportData:
    """The report of ``agency`` (with every agency under it when ``region``) on
    ``year``, in ``fmt`` or else the national format of that year.

    Past years are rebuilt in their own format: a 2018 report is a statistics table,
    a 2020 one has the 2019 format's single （六）其他处理 row. ``cache`` shares the
    grouped rows between builds, and lists the queries run (the benchmark's
    baseline replays them).
    """
    fmt = fmt or national_format_for_year(year)
    cache = cache or QueryCache()
    report = _computed(agency, year, fmt, region, cache)
    if region:
        # Units outside the ledger count with their imported published report.
        units = region_units(agency=agency, year=year, fmt=fmt, cache=cache)
        region_merge(report, units)
    report.sections = _sections(agency, year, fmt, report, region)
    previous = previous_report(
        agency=agency, year=year, fmt=fmt, region=region, cache=cache
    )
    report.extend_findings(checks.run_checks(report, fmt, previous=previous))
    return report


def _computed(
    agency: Agency,
    year: int,
    fmt: Format,
    region: bool,
    cache: QueryCache,
    cells: Planned | None = None,
) -> ReportData:
    """A report holding the cells of ``fmt`` (or only ``cells``), without text."""
    cells = plan(fmt) if cells is None else cells
    tally = Tally(Scope(agency, region), year, cache, [q for _, q in cells])
    report = ReportData(
        format=fmt.id,
        agency=AgencyRef(agency.name, agency.credit_code),
        year=year,
    )
    for spec, question in cells:
        value, source = question.answer(tally)
        report.set(spec.ref, value, source)
    return report


def _sections(
    agency: Agency, year: int, fmt: Format, report: ReportData, region: bool = False
) -> list[Section]:
    """The format's sections in order. A narrative section holds what staff wrote
    (``Narrative``, the region's own for a region's report), or else gongkai's
    draft, whose every figure is a cell's."""
    written = {
        row["key"]: row["text"]
        for row in _read(
            ("narratives", agency.pk, region, year),
            lambda: Narrative.objects.filter(
                agency=agency, year=year, region=region
            ).values("key", "text"),
        )
        if row["text"].strip()
    }
    drafts = None
    sections = []
    for spec in fmt.sections:
        text = ""
        if spec.narrative:
            if spec.narrative in written:
                text = written[spec.narrative]
            else:
                drafts = drafts if drafts is not None else narrative.draft(report, fmt)
                text = drafts.get(spec.narrative, "")
        sections.append(Section(spec.full_heading, text, spec.narrative))
    return sections


# -- the year before -----------------------------------------------------------------


def previous_report(
    *,
    agency: Agency,
    year: int,
    fmt: Format,
    region: bool = False,
    cache: QueryCache | None = None,
) -> ReportData | None:
    """What the year before said, for the carry-over check (上年结转 = 结转下年度).

    The published report when there is one: a report must agree with what was
    published last year, and when the ledger has changed since, the warning is the
    point. Otherwise the cells the check compares are computed, in that year's own
    format; with a shared ``cache`` this costs no query, last year's 结转 and this
    year's 上年结转 being the same one.
    """
    if not _carried_rows(fmt):
        return None
    published = _read(
        ("published", agency.pk, region, year - 1),
        lambda: (
            ReportVersion.objects.filter(agency=agency, year=year - 1, region=region)
            .order_by("-number")
            .values("snapshot")[:1]
        ),
    )
    if published:
        return ReportData.from_dict(published[0]["snapshot"])
    try:
        previous_fmt = national_format_for_year(year - 1)
    except FormatError:
        return None
    cells = _carried_plan(fmt, previous_fmt)
    report = _computed(
        agency, year - 1, previous_fmt, region, cache or QueryCache(), cells=cells
    )
    if region:
        contributions_add(
            report,
            outside_contributions(agency=agency, year=year - 1, fmt=previous_fmt),
        )
    return report


_CARRIED_PLANS: dict[tuple[int, int], tuple[Format, Format, Planned]] = {}


def _carried_plan(fmt: Format, previous_fmt: Format) -> Planned:
    """The cells of last year's format that ``fmt``'s carry-over checks read."""
    key = (id(fmt), id(previous_fmt))
    cached = _CARRIED_PLANS.get(key)
    if cached is not None and cached[0] is fmt and cached[1] is previous_fmt:
        return cached[2]
    rows = _carried_rows(fmt)
    cells = tuple(
        (spec, question)
        for spec, question in plan(previous_fmt)
        if any(_names_row(spec, table, row) for table, row in rows)
    )
    _CARRIED_PLANS[key] = (fmt, previous_fmt, cells)
    return cells


def _carried_rows(fmt: Format) -> list[tuple[str, str]]:
    """The (table, row) of last year's report that the carry-over checks read."""
    return [
        (str(c.params.get("table", "")), str(c.params["previous_row"]))
        for c in fmt.checks
        if c.kind == "carry_over" and "previous_row" in c.params
    ]


def _names_row(spec: CellSpec, table: str, row: str) -> bool:
    """Whether ``row`` (a full row path, or its last segments) is the cell's row."""
    label = spec.ref.row
    return spec.ref.table == table and (
        label == row or label.endswith(PATH_SEPARATOR + row)
    )


def _read(key: tuple[object, ...], make: Callable[[], QuerySet]) -> list[Row]:
    """Rows of a small lookup the builder makes on every build (the narratives,
    last year's publication), compiled once like the indicators' queries."""
    return COMPILED.get(("builder", *key), make).dicts()
