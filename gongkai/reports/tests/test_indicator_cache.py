"""The compiled indicator queries answer exactly as the plain ORM does (ADR 12).

``reports.indicators.base`` compiles each family's query once per process through
Django's compiler and replays its SQL. These tests build every format's report on
random ledgers both ways (``QueryCache(compiled=True)`` and ``compiled=False``, the
plain ORM path) for an agency and a region, in several years, before and after the
ledger changes, and expect the same cells, sources and findings.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from gongkai.agencies.models import Agency
from gongkai.reports.builder import build_report
from gongkai.reports.data import ReportData
from gongkai.reports.formats import Format, all_formats
from gongkai.reports.indicators import INDICATORS, QueryCache, Tally, evaluate
from gongkai.reports.indicators import base as indicators_base
from gongkai.reports.scope import Scope
from gongkai.testing import factories as f
from gongkai.testing.ledgers import LedgerSize, random_ledger

pytestmark = pytest.mark.django_db

SMALL = LedgerSize(items=12, applications=12, activities=8)
LAST_YEAR = 2024  # the last year a format without an end is tried in

# Indicators no shipped format names, asked directly so that every one is compared.
UNUSED_BY_FORMATS: list[tuple[str, dict[str, Any]]] = [
    ("catalog.published_late", {}),
    ("catalog.published_late", {"document_kind": "normative"}),
    ("catalog.published_late", {"origin": ["ordinary", "from_application"]}),
]


def _region(seed: int) -> tuple[Agency, Agency]:
    """A county government with two departments; returns (county, one unit)."""
    county = f.AgencyFactory(
        level=Agency.Level.COUNTY, kind=Agency.Kind.GOVERNMENT, name=f"随机县{seed}"
    )
    units = [
        f.AgencyFactory(level=Agency.Level.COUNTY, parent=county, name=f"随机局{n}")
        for n in range(2)
    ]
    return county, units[0]


def _ledger(agency: Agency, years: set[int], seed: int) -> None:
    # The year before each year too, so carry-overs and pending cases exist.
    spread = sorted(years | {y - 1 for y in years})
    random_ledger(agency, years=spread, seed=seed, size=SMALL)


def _built(agency: Agency, year: int, fmt: Format, region: bool, compiled: bool):
    return build_report(
        agency=agency,
        year=year,
        fmt=fmt,
        region=region,
        cache=QueryCache(compiled=compiled),
    )


def _shown(report: ReportData) -> tuple[dict[Any, Any], list[Any]]:
    cells = {ref: (c.value, c.source) for ref, c in report.cells.items()}
    return cells, report.findings


def _assert_same(cases: list[tuple[Agency, int, Format, bool]]) -> int:
    """Every case built both ways gives the same report; returns how many cells
    held a figure other than 0 (a comparison of empty reports proves little)."""
    figures = 0
    for agency, year, fmt, region in cases:
        compiled = _built(agency, year, fmt, region, compiled=True)
        plain = _built(agency, year, fmt, region, compiled=False)
        assert _shown(compiled) == _shown(plain), (fmt.id, year, region)
        figures += sum(1 for c in plain.cells.values() if c.value)
        for name, args in UNUSED_BY_FORMATS:
            scope = Scope(agency, region)
            assert evaluate(Tally(scope, year), name, args) == evaluate(
                Tally(scope, year, QueryCache(compiled=False)), name, args
            ), (name, args, year, region)
    return figures


def test_the_comparison_covers_every_indicator():
    """A new indicator is compared as soon as a format names it, or is listed
    here; none escapes the comparison below."""
    named = {spec.indicator for fmt in all_formats().values() for spec in fmt.cells()}
    named |= {name for name, _ in UNUSED_BY_FORMATS}
    assert named == set(INDICATORS)


@settings(
    max_examples=5,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # Each example writes a ledger: shrinking would take minutes, and a failure
    # already names its seed and years.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(seed=st.integers(0, 10_000), data=st.data())
def test_compiled_queries_answer_as_the_plain_orm_on_random_ledgers(db, seed, data):
    """For each format a random year it covers, an agency and a region: the same
    cells, sources and findings both ways, when the queries are first compiled
    and again from the process-wide cache after the ledger changed (records
    added, a unit added to the region)."""
    years = {
        fmt.id: data.draw(
            st.integers(fmt.first_year, fmt.last_year or LAST_YEAR), label=fmt.id
        )
        for fmt in all_formats().values()
    }
    with transaction.atomic():
        county, unit = _region(seed)
        for n, agency in enumerate([county, *county.children.all()]):
            _ledger(agency, set(years.values()), seed * 10 + n)
        cases = [
            (who, years[fmt.id], fmt, region)
            for fmt in all_formats().values()
            for who, region in ((unit, False), (county, True))
        ]

        first = _assert_same(cases)
        # The ledger moves on; the compiled queries stay in the cache.
        for year in years.values():
            f.ApplicationFactory(agency=unit, received_on=date(year, 6, 1))
            f.ItemFactory(agency=unit, published_on=date(year, 6, 1))
        newcomer = f.AgencyFactory(level=Agency.Level.COUNTY, parent=county)
        _ledger(newcomer, set(years.values()), seed * 10 + 8)
        then = _assert_same(cases)

        assert first > 0
        assert then > first
        transaction.set_rollback(True)


def test_a_unit_added_after_compiling_counts_in_the_regions_report(government):
    """The region's subtree is read when the query runs, not when it compiles."""
    fmt = all_formats()["2021"]
    unit = government.children.first()
    f.ApplicationFactory(agency=unit, received_on=date(2021, 3, 1))
    before = _built(government, 2021, fmt, region=True, compiled=True)

    newcomer = f.AgencyFactory(parent=government)
    f.ApplicationFactory(agency=newcomer, received_on=date(2021, 4, 1))
    after = _built(government, 2021, fmt, region=True, compiled=True)

    received = ("三", "一、本年新收政府信息公开申请数量", "申请人情况/总计")
    assert before.value(*received) == 1
    assert after.value(*received) == 2


def test_the_plain_path_never_reads_the_compiled_queries(agency, monkeypatch):
    """Else the comparison above would compare the cache with itself."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the plain path used a compiled query")

    item = f.ItemFactory(agency=agency, published_on=date(2021, 4, 1))
    for channel in ("website", "weixin"):
        f.ItemChannelFactory(item=item, channel=channel)
    f.ApplicationFactory(agency=agency, received_on=date(2021, 3, 1))
    monkeypatch.setattr(indicators_base.COMPILED, "get", refuse)
    cache = QueryCache(compiled=False)
    tally = Tally(Scope(agency), 2021, cache)

    received, _ = evaluate(tally, "applications.received", {})
    # "Any of" two channels an item is on: the exact count, its own query.
    either = {"channel": ["website", "weixin"]}
    on_either, _ = evaluate(tally, "catalog.channel", either)

    assert (received, on_either) == (1, 1)
    assert cache.queries == []


@pytest.mark.parametrize("format_id", ["legacy", "2021"])
def test_a_report_build_costs_the_same_queries_for_a_bigger_ledger(
    government, format_id
):
    """A build is a query per indicator family, whatever the region holds."""
    fmt = all_formats()[format_id]
    year = fmt.first_year if fmt.last_year is None else fmt.last_year
    unit = government.children.first()
    _ledger(unit, {year}, seed=1)
    build_report(agency=government, year=year, fmt=fmt, region=True)  # compiles
    with CaptureQueriesContext(connection) as small:
        build_report(agency=government, year=year, fmt=fmt, region=True)
    for n in range(3):
        newcomer = f.AgencyFactory(parent=government)
        random_ledger(newcomer, years=[year - 1, year], seed=n, size=LedgerSize())

    with CaptureQueriesContext(connection) as large:
        report = build_report(agency=government, year=year, fmt=fmt, region=True)

    assert len(large) == len(small)
    assert sum(1 for c in report.cells.values() if c.value) > 20
