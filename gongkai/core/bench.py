"""The benchmark harness: ``gongkai bench NAME [--json]``.

A benchmark is a function registered with ``@benchmark("name")`` that returns
``Measurement``s; adding one is that decorator on a function in a ``bench.py``
module of any app (found like ``admin.py`` is, by ``discover()``). Every benchmark runs
against a benchmark database of its own, never the user's data nor another
benchmark's (the web benchmark's demo never meets the search benchmark's million
items):

- ``GONGKAI_BENCH_DATABASE_URL``, when set, names it; a ``{name}`` in it is replaced
  by the benchmark's name (without one, every benchmark shares that database);
- otherwise, when the configured database (``DATABASE_URL``) is PostgreSQL, a
  database of the same name with ``_bench_<name>`` appended on the same server
  (created when missing, which needs the CREATEDB privilege);
- otherwise the SQLite file ``bench-<name>.sqlite3`` in the data directory.

The benchmark database is migrated on each run; synthetic data is created once and
kept, so later runs only measure. A benchmark runs with ``DEBUG`` off (so no cursor
keeps every query in memory); it calls ``measuring(progress)`` when its set-up is
done, and the harness prints the set-up time apart from the measured time.
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


def run(
    name: str, *, runs: int = 10, progress: Progress = print, **options: Any
) -> list[Measurement]:
    """Run the benchmark ``name`` in its benchmark database, with ``DEBUG`` off;
    ``options`` (such as ``sizes``) go to the benchmarks that take them."""
    from django.test.utils import override_settings

    _clock.started, _clock.measuring = time.perf_counter(), None
    with override_settings(DEBUG=False), bench_database(progress, name):
        connection.force_debug_cursor = False
        measurements = BENCHMARKS[name](runs=runs, progress=progress, **options)
    ended = time.perf_counter()
    setup_end = _clock.measuring or _clock.started
    progress(
        f"准备用时 {setup_end - _clock.started:.1f} 秒（数据库迁移、合成数据），"
        f"计时部分用时 {ended - setup_end:.1f} 秒"
    )
    return measurements


@dataclass
class _Clock:
    started: float = 0.0
    measuring: float | None = None


_clock = _Clock()


def measuring(progress: Progress) -> None:
    """Say that the set-up (synthetic data, indexes, warming) is done and the
    measured part begins; the harness prints the two durations apart."""
    now = time.perf_counter()
    started = _clock.started or now
    _clock.measuring = now
    progress(f"准备完成，用时 {now - started:.1f} 秒；开始计时……")


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


def explicit_url(name: str) -> str | None:
    """``GONGKAI_BENCH_DATABASE_URL`` for the benchmark ``name``, when it is set."""
    url = os.environ.get("GONGKAI_BENCH_DATABASE_URL")
    return url.replace("{name}", name) if url else None


def bench_database_settings(name: str = "bench") -> dict[str, Any]:
    """The settings of the benchmark ``name``'s database, chosen as the module
    docstring says."""
    if url := explicit_url(name):
        return dict(dj_database_url.parse(url))
    default = settings.DATABASES["default"]
    if default["ENGINE"].endswith("postgresql"):
        return {**default, "NAME": f"{default['NAME']}_bench_{name}"}
    data_dir = settings.DATA_DIR
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"bench-{name}.sqlite3"
    return dict(dj_database_url.parse(f"sqlite:///{path}"))


def describe(config: dict[str, Any]) -> str:
    engine = config["ENGINE"].rsplit(".", 1)[-1]
    where = config.get("HOST") or "localhost"
    return f"{engine} {config['NAME']}" + ("" if engine == "sqlite3" else f" @ {where}")


@contextmanager
def bench_database(progress: Progress, name: str = "bench") -> Iterator[dict[str, Any]]:
    """Point the default connection at the benchmark ``name``'s database while
    inside."""
    config = bench_database_settings(name)
    original = connections.settings["default"]
    if config["ENGINE"].endswith("postgresql") and not explicit_url(name):
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
