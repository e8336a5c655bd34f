"""Named benchmarks: ``gongkai bench NAME [--json]``.

A benchmark is a function registered with ``@benchmark("name")`` that returns
``Measurement``s; adding one is that decorator on a function in a ``bench.py``
module of any app (found like ``admin.py`` is, by ``discover()``). Every benchmark runs
against a separate benchmark database, never the user's data:

- ``GONGKAI_BENCH_DATABASE_URL``, when set, names it exactly;
- otherwise, when the configured database (``DATABASE_URL``) is PostgreSQL, a
  database of the same name with ``_bench`` appended on the same server (created
  when missing, which needs the CREATEDB privilege);
- otherwise the SQLite file ``bench.sqlite3`` in the data directory.

The benchmark database is migrated on each run; synthetic data is created once and
kept, so later runs only measure.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import dj_database_url
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections, transaction

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Measurement:
    """One figure of a benchmark; ``ratio`` is value / baseline when there is one."""

    metric: str
    value: float
    unit: str
    baseline: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    def as_dict(self) -> dict[str, Any]:
        ratio = self.ratio
        return {
            "metric": self.metric,
            "value": round(self.value, 6),
            "unit": self.unit,
            "baseline": None if self.baseline is None else round(self.baseline, 6),
            "ratio": None if ratio is None else round(ratio, 3),
        }


Benchmark = Callable[..., list[Measurement]]
BENCHMARKS: dict[str, Benchmark] = {}


def benchmark(name: str) -> Callable[[Benchmark], Benchmark]:
    """Register a benchmark: ``@benchmark("web")`` on ``def f(*, runs, progress)``."""

    def register(function: Benchmark) -> Benchmark:
        BENCHMARKS[name] = function
        return function

    return register


def discover() -> dict[str, Benchmark]:
    """Every registered benchmark: each installed app's ``bench`` module imported."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("bench")
    return BENCHMARKS


def run(name: str, *, runs: int = 10, progress: Progress = print) -> list[Measurement]:
    """Run the benchmark ``name`` in the benchmark database."""
    with bench_database(progress):
        return BENCHMARKS[name](runs=runs, progress=progress)


def best_of(runs: int, function: Callable[[], Any]) -> float:
    """The fastest of ``runs`` timings of ``function``, in seconds: the least
    disturbed by whatever else the machine was doing."""
    timings = []
    for _ in range(max(1, runs)):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


# -- the benchmark database ----------------------------------------------------------


def bench_database_settings() -> dict[str, Any]:
    """The benchmark database's settings, chosen as the module docstring says."""
    if url := os.environ.get("GONGKAI_BENCH_DATABASE_URL"):
        return dict(dj_database_url.parse(url))
    default = settings.DATABASES["default"]
    if default["ENGINE"].endswith("postgresql"):
        return {**default, "NAME": f"{default['NAME']}_bench"}
    data_dir = settings.DATA_DIR
    data_dir.mkdir(parents=True, exist_ok=True)
    return dict(dj_database_url.parse(f"sqlite:///{data_dir / 'bench.sqlite3'}"))


def describe(config: dict[str, Any]) -> str:
    engine = config["ENGINE"].rsplit(".", 1)[-1]
    where = config.get("HOST") or "localhost"
    return f"{engine} {config['NAME']}" + ("" if engine == "sqlite3" else f" @ {where}")


@contextmanager
def bench_database(progress: Progress) -> Iterator[dict[str, Any]]:
    """Point the default connection at the benchmark database while inside."""
    config = bench_database_settings()
    original = connections.settings["default"]
    if config["ENGINE"].endswith("postgresql") and not os.environ.get(
        "GONGKAI_BENCH_DATABASE_URL"
    ):
        _create_postgres_database(config["NAME"])
    _switch_default(connections.configure_settings({"default": config})["default"])
    try:
        progress(f"基准数据库：{describe(config)}")
        call_command("migrate", interactive=False, verbosity=0)
        yield config
    finally:
        _switch_default(original)


def _switch_default(config: dict[str, Any]) -> None:
    connections["default"].close()
    del connections["default"]
    connections.settings["default"] = config


def _create_postgres_database(name: str) -> None:
    """Create the benchmark database beside the configured one, when missing."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")


# -- report --------------------------------------------------------------------------

BENCH_YEAR = 2023
BENCH_CODE_STEM = "11520000BENCH0001"  # the synthetic agency's code, check char apart
BENCH_AGENCY = "基准测试市数据管理局"


def report_size() -> Any:
    from gongkai.testing.ledgers import LedgerSize

    return LedgerSize(items=100_000, applications=20_000, activities=2_000)


def bench_agency(progress: Progress, size: Any = None) -> Any:
    """The synthetic agency-year, created on first use (in one transaction, so an
    interrupted run leaves nothing half made)."""
    from gongkai.agencies.codes import credit_code_check_char
    from gongkai.agencies.models import Agency
    from gongkai.testing.ledgers import random_ledger

    code = BENCH_CODE_STEM + credit_code_check_char(BENCH_CODE_STEM)
    found = Agency.objects.filter(credit_code=code).first()
    if found is not None:
        return found
    size = size or report_size()
    progress(
        f"首次运行：正在生成合成数据（{size.items} 条主动公开条目、"
        f"{size.applications} 件申请及其案件）……"
    )
    started = time.perf_counter()
    with transaction.atomic():
        agency = Agency(
            name=BENCH_AGENCY,
            credit_code=code,
            level=Agency.Level.CITY,
            kind=Agency.Kind.DEPARTMENT,
        )
        agency.save()
        random_ledger(agency, years=[BENCH_YEAR], seed=BENCH_YEAR, size=size)
    _analyze()
    progress(f"合成数据已生成，用时 {time.perf_counter() - started:.1f} 秒")
    return agency


def _analyze() -> None:
    """Refresh the planner's statistics after a bulk load (and, on PostgreSQL, the
    visibility map that lets index-only scans skip the table; VACUUM cannot run
    inside a transaction, as in the tests)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def measure_report(agency: Any, year: int, runs: int) -> list[Measurement]:
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
