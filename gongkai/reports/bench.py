"""``gongkai bench report``: the full annual report of a large agency-year.

The harness (the registry, the benchmark database, ``Measurement``) is
``gongkai.core.bench``. On first use the benchmark database gets one synthetic
agency-year (基准测试市数据管理局, 2023), made by the ledger apps' generators
(``gongkai.<app>.synthetic``); later runs only measure.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from django.db import connection, transaction

from gongkai.activities.synthetic import random_activities
from gongkai.agencies.models import Agency
from gongkai.agencies.synthetic import random_agency_records, synthetic_agency
from gongkai.applications.synthetic import random_applications
from gongkai.cases.synthetic import random_cases
from gongkai.catalog.synthetic import random_catalogue
from gongkai.core.bench import Measurement, Progress, analyze, benchmark, best_of

BENCH_YEAR = 2023
BENCH_CODE_STEM = "11520000BENCH0001"  # the synthetic agency's code, check char apart
BENCH_AGENCY = "基准测试市数据管理局"


@dataclass(frozen=True)
class BenchSize:
    """How many records of the main kinds the benchmark's year has."""

    items: int = 100_000
    applications: int = 20_000
    activities: int = 2_000
    case_share: float = 0.08  # reviews per application; lawsuits about half as many


def bench_agency(progress: Progress, size: BenchSize | None = None) -> Agency:
    """The synthetic agency-year, created on first use (in one transaction, so an
    interrupted run leaves nothing half made). ``size`` may be any object with
    ``BenchSize``'s fields (the tests pass a small one)."""
    size = size or BenchSize()
    with transaction.atomic():
        agency, created = synthetic_agency(
            name=BENCH_AGENCY,
            code_stem=BENCH_CODE_STEM,
            level=Agency.Level.CITY,
            kind=Agency.Kind.DEPARTMENT,
        )
        if not created:
            return agency
        progress(
            f"首次运行：正在生成合成数据（{size.items} 条主动公开条目、"
            f"{size.applications} 件申请及其案件）……"
        )
        started = time.perf_counter()
        _bench_ledger(agency, size)
    analyze()
    progress(f"合成数据已生成，用时 {time.perf_counter() - started:.1f} 秒")
    return agency


def _bench_ledger(agency: Agency, size: BenchSize) -> None:
    """One year of every kind of record, from the generators in the order the
    test ledgers (``gongkai.testing.ledgers``) call them."""
    years, rng, tag = [BENCH_YEAR], random.Random(BENCH_YEAR), f"{agency.pk}-bench"
    random_agency_records(agency, years=years, rng=rng)
    random_catalogue(agency, years=years, rng=rng, items=size.items, tag=tag)
    applications = random_applications(
        agency, years=years, rng=rng, count=size.applications, tag=tag
    )
    random_cases(agency, applications=applications, rng=rng, share=size.case_share)
    random_activities(agency, years=years, rng=rng, count=size.activities)


def measure_report(agency: Agency, year: int, runs: int) -> list[Measurement]:
    """Time the full report against the bare SQL of the aggregates it needs."""
    from .builder import build_report
    from .indicators import QueryCache

    cache = QueryCache()
    build_report(agency=agency, year=year, cache=cache)  # warms caches, lists queries
    queries = cache.queries

    def bare_sql() -> None:
        with connection.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, params)
                cursor.fetchall()

    # Alternate the two, so that both meet the same load on a shared machine.
    report_time = sql_time = float("inf")
    for _ in range(max(1, runs)):
        report_time = min(
            report_time, best_of(1, lambda: build_report(agency=agency, year=year))
        )
        sql_time = min(sql_time, best_of(1, bare_sql))
    return [
        Measurement("report.build", report_time, "s", baseline=sql_time),
        Measurement("report.sql", sql_time, "s"),
        Measurement("report.queries", float(len(queries)), "queries"),
    ]


@benchmark("report")
def report_benchmark(*, runs: int, progress: Progress) -> list[Measurement]:
    """The full annual report of an agency-year with 100,000 catalogue items,
    20,000 applications and their cases: every cell, the checks and the narrative
    draft, against the bare SQL aggregates it runs (target: at most 1.5×)."""
    agency = bench_agency(progress)
    return measure_report(agency, BENCH_YEAR, runs)
