"""``gongkai bench import --workers N``: the parts that need no workers.

The benchmark itself (real worker processes over hundreds of PDFs) is run by hand
(docs/reference/cli.md); here: its workers reach the benchmark's database and no
other, its files are all different, and the options go only where they are taken.
"""

from __future__ import annotations

import dj_database_url
import pytest
from click.testing import CliRunner

from gongkai.importer.bench_queue import agency_name, worker_database_url


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////tmp/data/bench-import.sqlite3",
        "postgres://gongkai:s3cr%2Ft@db.example:5433/gongkai_bench_import",
        "postgres://postgres@127.0.0.1:55433/gongkai_bench_import",
        "postgres://gongkai@/gongkai_bench_import?sslmode=require",
    ],
)
def test_the_workers_are_given_the_benchmark_database(url):
    """The URL the workers get names the very database the benchmark uses."""
    config = dict(dj_database_url.parse(url))
    again = dict(dj_database_url.parse(worker_database_url(config)))
    for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS"):
        assert again.get(key) == config.get(key), key


def test_every_sample_is_of_its_own_agency():
    """No two files alike: the second would be skipped as already imported."""
    names = [agency_name(n) for n in range(1, 1001)]
    assert len(set(names)) == 1000
    assert agency_name(12) == "青溪县一二号卫生健康局"


def test_workers_is_refused_by_a_benchmark_that_does_not_take_it():
    from gongkai.core.cli import bench

    result = CliRunner().invoke(bench, ["report", "--workers", "2"])
    assert result.exit_code != 0
    assert "基准测试 report 不接受 --workers" in result.output


def test_one_worker_is_no_comparison():
    from gongkai.core.cli import bench

    result = CliRunner().invoke(bench, ["import", "--workers", "1"])
    assert result.exit_code != 0
    assert "--workers" in result.output


def test_count_goes_with_workers_only():
    """Without --workers the import benchmark has no count to take."""
    from gongkai.core.cli import bench

    result = CliRunner().invoke(bench, ["import", "--count", "5"])
    assert result.exit_code != 0
    assert "--count 只与 --workers 一起使用" in result.output
