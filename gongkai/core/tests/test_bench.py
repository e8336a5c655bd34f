"""``gongkai bench``: the harness every room's benchmarks register with."""

import contextlib
import json

import pytest
from click.testing import CliRunner

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
        bench_module, "bench_database", lambda progress: contextlib.nullcontext()
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
    assert {"deadlines", "import", "report", "search", "web"} <= set(discover())


def test_best_of_times_the_function_as_many_times_as_asked():
    calls = []

    best_of(3, lambda: calls.append(1))

    assert len(calls) == 3
