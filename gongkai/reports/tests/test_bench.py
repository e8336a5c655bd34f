"""The region and scale benchmarks: what they build and how they report growth."""

import pytest

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Item
from gongkai.reports.bench import (
    BENCH_YEAR,
    BenchSize,
    measure_report,
    region_agency,
    slope,
)


@pytest.mark.django_db
def test_the_region_benchmark_times_a_report_over_every_unit():
    """The region holds its units and their records; its report sums them all and
    is timed against the bare queries it runs."""
    size = BenchSize(items=10, applications=5, activities=1)
    region = region_agency(print, units=4, per_unit=size)
    assert region_agency(print, units=4, per_unit=size) == region  # made once

    assert Agency.objects.filter(parent=region).count() == 4
    assert Item.objects.filter(agency__parent=region).count() == 40
    build, sql, queries = measure_report(
        region, BENCH_YEAR, runs=1, region=True, prefix="region"
    )

    assert (build.metric, build.baseline, sql.metric) == (
        "region.build",
        sql.value,
        "region.sql",
    )
    assert queries.metric == "region.queries"
    assert queries.value > 0


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        ((1.0, 10.0, 30.0), [1.0, 1.0]),  # linear: ten times the items, ten times
        ((2.0, 2.0, 2.0), [0.0, 0.0]),  # does not grow
        ((1.0, 100.0, 900.0), [2.0, 2.0]),  # quadratic
    ],
)
def test_the_slope_is_the_exponent_of_growth_between_sizes(seconds, expected):
    assert slope((10_000, 100_000, 300_000), seconds) == pytest.approx(expected)
