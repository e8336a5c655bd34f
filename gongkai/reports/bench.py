"""The annual report's benchmarks, each against the bare SQL aggregates it needs:

- ``gongkai bench report``: the full report of one large agency-year;
- ``gongkai bench region``: a region's report over 1,000 units;
- ``gongkai bench scale``: agency and region reports at three sizes, and how the
  cost grows between them (the slope), to plan a large deployment from.

The harness (the registry, the benchmark databases, ``Measurement``) is
``gongkai.core.bench``. On first use each benchmark database gets its synthetic
ledgers (year 2023), made by the ledger apps' generators
(``gongkai.<app>.synthetic``); later runs only measure.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from gongkai.activities.synthetic import random_activities
from gongkai.agencies.models import Agency
from gongkai.agencies.synthetic import random_agency_records, synthetic_agency
from gongkai.applications.synthetic import random_applications
from gongkai.cases.synthetic import random_cases
from gongkai.catalog.synthetic import random_catalogue
from gongkai.core.bench import (
    Measurement,
    Progress,
    analyze,
    benchmark,
    best_of,
    measuring,
)

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


def bench_agency(
    progress: Progress,
    size: Any = None,
    *,
    code_stem: str = BENCH_CODE_STEM,
    name: str = BENCH_AGENCY,
) -> Agency:
    """The synthetic agency-year, created on first use (in one transaction, so an
    interrupted run leaves nothing half made). ``size`` may be any object with
    ``BenchSize``'s fields (the tests pass a small one)."""
    size = size or BenchSize()
    with transaction.atomic():
        agency, created = synthetic_agency(
            name=name,
            code_stem=code_stem,
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


def _bench_ledger(agency: Agency, size: Any, rng: random.Random | None = None) -> None:
    """One year of every kind of record, from the generators in the order the
    test ledgers (``gongkai.testing.ledgers``) call them."""
    years, tag = [BENCH_YEAR], f"{agency.pk}-bench"
    rng = rng or random.Random(BENCH_YEAR)
    random_agency_records(agency, years=years, rng=rng)
    random_catalogue(agency, years=years, rng=rng, items=size.items, tag=tag)
    applications = random_applications(
        agency, years=years, rng=rng, count=size.applications, tag=tag
    )
    random_cases(agency, applications=applications, rng=rng, share=size.case_share)
    random_activities(agency, years=years, rng=rng, count=size.activities)


def measure_report(
    agency: Agency,
    year: int,
    runs: int,
    *,
    region: bool = False,
    prefix: str = "report",
) -> list[Measurement]:
    """Time the full report (of ``agency`` with its whole subtree when ``region``)
    against the bare SQL of the aggregates it needs."""
    from .builder import build_report
    from .indicators import QueryCache

    cache = QueryCache()
    # Warms the caches and lists the queries.
    build_report(agency=agency, year=year, region=region, cache=cache)
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
            report_time,
            best_of(1, lambda: build_report(agency=agency, year=year, region=region)),
        )
        sql_time = min(sql_time, best_of(1, bare_sql))
    return [
        Measurement(f"{prefix}.build", report_time, "s", baseline=sql_time),
        Measurement(f"{prefix}.sql", sql_time, "s"),
        Measurement(f"{prefix}.queries", float(len(queries)), "queries"),
    ]


@benchmark("report")
def report_benchmark(*, runs: int, progress: Progress) -> list[Measurement]:
    """The full annual report of an agency-year with 100,000 catalogue items,
    20,000 applications and their cases: every cell, the checks and the narrative
    draft, against the bare SQL aggregates it runs (target: at most 1.5×)."""
    agency = bench_agency(progress)
    measuring(progress)
    return measure_report(agency, BENCH_YEAR, runs)


# -- a region: a government and its units ----------------------------------------

REGION_UNITS = 1_000
REGION_CODE_STEM = "11520000BENCH0003"
REGION_NAME = "基准测试市人民政府"
# Per unit: 100 items, 20 applications (with their cases), 2 activities; the
# region holds 100,000 items and 20,000 applications in all.
REGION_PER_UNIT = BenchSize(items=100, applications=20, activities=2)


def region_agency(
    progress: Progress,
    *,
    units: int = REGION_UNITS,
    per_unit: Any = REGION_PER_UNIT,
    code_stem: str = REGION_CODE_STEM,
    name: str = REGION_NAME,
) -> Agency:
    """A government with ``units`` agencies under it, each with a year of every
    kind of record (``per_unit``, any object with ``BenchSize``'s fields), made
    once in one transaction; found by its credit code later."""
    with transaction.atomic():
        region, created = synthetic_agency(
            name=name,
            code_stem=code_stem,
            level=Agency.Level.CITY,
            kind=Agency.Kind.GOVERNMENT,
        )
        if not created:
            return region
        progress(
            f"首次运行：正在生成 {name} 的 {units} 个单位，每个单位 "
            f"{per_unit.items} 条条目、{per_unit.applications} 件申请……"
        )
        started = time.perf_counter()
        rng = random.Random(f"{code_stem}-{units}")
        for n in range(units):
            unit = Agency(
                name=f"{name}所属第{n + 1}单位",
                parent=region,
                level=Agency.Level.CITY,
                kind=Agency.Kind.DEPARTMENT,
            )
            unit.save()
            _bench_ledger(unit, per_unit, rng)
    analyze()
    progress(f"合成数据已生成，用时 {time.perf_counter() - started:.1f} 秒")
    return region


@benchmark("region")
def region_benchmark(*, runs: int, progress: Progress) -> list[Measurement]:
    """A city's report over its 1,000 units (100,000 items, 20,000 applications
    and their cases spread across them) against the bare SQL aggregates it runs
    (target: at most 1.5×)."""
    region = region_agency(progress)
    measuring(progress)
    return measure_report(region, BENCH_YEAR, runs, region=True, prefix="region")


# -- scale: how the cost grows --------------------------------------------------------

SCALE_SIZES = (10_000, 100_000, 300_000)
ITEMS_PER_UNIT = 1_000  # a scale region has one unit per thousand items (≥ 10)


def _scaled(items: int) -> BenchSize:
    """An agency-year of ``items`` items, with applications and activities in the
    proportions of ``BenchSize`` (one application for five items)."""
    return BenchSize(
        items=items, applications=max(1, items // 5), activities=max(1, items // 50)
    )


def _scale_agencies(progress: Progress, items: int) -> tuple[Agency, Agency]:
    """An agency of ``items`` items and a region of as many spread over its units
    (one per thousand items, at least ten), made once per size."""
    thousands = items // 1000
    stem = f"11522300BENC{{}}{thousands:04d}"
    agency = bench_agency(
        progress,
        _scaled(items),
        code_stem=stem.format("A"),
        name=f"基准规模测试局（{items:,} 条）",
    )
    units = max(10, items // ITEMS_PER_UNIT)
    region = region_agency(
        progress,
        units=units,
        per_unit=_scaled(items // units),
        code_stem=stem.format("R"),
        name=f"基准规模测试市（{items:,} 条）",
    )
    return agency, region


def slope(sizes: Sequence[int], seconds: Sequence[float]) -> list[float]:
    """How the cost grows between consecutive sizes: the exponent ``k`` of
    ``time ∝ size^k`` (1 is linear, 0 does not grow)."""
    return [
        math.log(seconds[i + 1] / seconds[i]) / math.log(sizes[i + 1] / sizes[i])
        for i in range(len(sizes) - 1)
    ]


@benchmark("scale")
def scale_benchmark(
    *, runs: int, progress: Progress, sizes: Sequence[int] = SCALE_SIZES
) -> list[Measurement]:
    """Agency and region reports at three sizes (``--sizes``, in items; default
    10,000, 100,000 and 300,000), each against its bare SQL, and the slope of the
    build time between sizes."""
    sizes = sorted(set(sizes))
    if len(sizes) < 2 or sizes[0] < 1000:
        raise ValueError("至少需要两个规模，且每个不少于 1000 条")
    made = {size: _scale_agencies(progress, size) for size in sizes}
    measuring(progress)
    measurements: list[Measurement] = []
    builds: dict[str, list[float]] = {"agency": [], "region": []}
    for size in sizes:
        for kind, agency in zip(("agency", "region"), made[size], strict=True):
            found = measure_report(
                agency,
                BENCH_YEAR,
                runs,
                region=kind == "region",
                prefix=f"scale.{kind}.{size}",
            )
            builds[kind].append(found[0].value)
            measurements += found[:2]
    for kind, seconds in builds.items():
        for (low, high), k in zip(
            itertools.pairwise(sizes), slope(sizes, seconds), strict=True
        ):
            measurements.append(
                Measurement(f"scale.{kind}.slope.{low}-{high}", k, "exponent")
            )
    return measurements
