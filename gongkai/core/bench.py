"""The benchmark harness: ``gongkai bench NAME [--json]``.

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
from django.db import connection, connections

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


def analyze() -> None:
    """Refresh the planner's statistics after a bulk load (and, on PostgreSQL, the
    visibility map that lets index-only scans skip the table; VACUUM cannot run
    inside a transaction, as in the tests)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
