"""``gongkai bench``: the harness every room's benchmarks register with."""

import contextlib
import json

import pytest
from click.testing import CliRunner
from django.test import override_settings

from gongkai.core import bench as bench_module
from gongkai.core.bench import Measurement, best_of, discover
from gongkai.core.cli import bench


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_bench_prints_one_json_object_per_metric(runner, monkeypatch):
    """With --json, each measurement is one line: value, baseline and their ratio."""
    monkeypatch.setitem(
        bench_module.BENCHMARKS,
        "toy",
        lambda *, runs, progress: [
            Measurement("toy.build", 0.3, "s", baseline=0.2),
            Measurement("toy.sql", 0.2, "s"),
        ],
    )
    monkeypatch.setattr(
        bench_module, "bench_database", lambda progress, name: contextlib.nullcontext()
    )

    result = runner.invoke(bench, ["toy", "--json"])

    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [
        {
            "metric": "toy.build",
            "value": 0.3,
            "unit": "s",
            "baseline": 0.2,
            "ratio": 1.5,
        },
        {
            "metric": "toy.sql",
            "value": 0.2,
            "unit": "s",
            "baseline": None,
            "ratio": None,
        },
    ]


def test_bench_refuses_an_unknown_name_and_lists_the_known_ones(runner):
    result = runner.invoke(bench, ["nonesuch"])

    assert result.exit_code == 2
    assert "report" in result.output


def test_every_room_s_benchmark_is_found():
    """The benchmarks the documentation names are registered by their rooms'
    ``bench`` modules, wherever those live."""
    assert {"deadlines", "import", "region", "report", "scale", "search", "web"} <= set(
        discover()
    )


def test_best_of_times_the_function_as_many_times_as_asked():
    calls = []

    best_of(3, lambda: calls.append(1))

    assert len(calls) == 3


def test_each_benchmark_has_a_database_of_its_own(monkeypatch, settings, tmp_path):
    """Two benchmarks never share their synthetic data: each has its database
    (its file on SQLite), and a ``{name}`` in GONGKAI_BENCH_DATABASE_URL is the
    benchmark's name."""
    monkeypatch.delenv("GONGKAI_BENCH_DATABASE_URL", raising=False)
    settings.DATA_DIR = tmp_path

    web, search = (bench_module.bench_database_settings(n) for n in ("web", "search"))

    assert web["NAME"] != search["NAME"]
    assert "web" in str(web["NAME"])
    monkeypatch.setenv("GONGKAI_BENCH_DATABASE_URL", "sqlite:////tmp/b-{name}.db")
    assert bench_module.bench_database_settings("web")["NAME"] == "/tmp/b-web.db"


def test_a_benchmark_runs_with_debug_off_and_its_set_up_time_apart(monkeypatch):
    """No query is kept in memory while measuring, and the set-up and measured
    times are printed apart."""
    from django.conf import settings
    from django.db import connection

    seen = {}

    def toy(*, runs, progress):
        seen["debug"] = settings.DEBUG
        seen["logged"] = connection.queries_logged
        bench_module.measuring(progress)
        return []

    monkeypatch.setitem(bench_module.BENCHMARKS, "toy", toy)
    monkeypatch.setattr(
        bench_module, "bench_database", lambda progress, name: contextlib.nullcontext()
    )
    printed = []

    with override_settings(DEBUG=True):
        bench_module.run("toy", runs=1, progress=printed.append)

    assert seen == {"debug": False, "logged": False}
    assert any("准备用时" in line and "计时部分用时" in line for line in printed)
