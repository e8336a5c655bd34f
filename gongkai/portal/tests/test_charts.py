"""Bar charts: the geometry the page draws."""

import pytest

from gongkai.reports.charts import Series, bar_chart, nice_ceiling


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [(0, 1), (1, 1), (7, 10), (10, 10), (11, 20), (230, 500), (1011, 2000)],
)
def test_the_axis_ends_on_a_round_number(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_bars_are_as_tall_as_their_values_and_side_by_side():
    chart = bar_chart(
        "网站与微博",
        ["2015", "2016", "2017"],
        [
            Series("网站信息公开数", (930, 850, 1011)),
            Series("政务微博发布数", (116, 147, 206)),
        ],
    )
    assert len(chart.bars) == 6
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.value == 1011
    plot_height = chart.baseline - 20
    assert tallest.height == pytest.approx(plot_height * 1011 / 2000, abs=0.1)
    first, second = chart.bars[0], chart.bars[1]
    assert second.x == pytest.approx(first.x + first.width, abs=0.2)
    assert [t.value for t in chart.ticks] == [0, 500, 1000, 1500, 2000]
    assert chart.rows[2] == ("2017", (1011, 206))


def test_an_unknown_value_draws_no_bar_but_says_so():
    chart = bar_chart("x", ["2020"], [Series("申请", (None,))])
    assert chart.bars[0].height == 0
    assert chart.bars[0].label.endswith("—")


@pytest.mark.parametrize(
    ("top", "ticks"),
    [(1, [0, 1]), (2, [0, 1, 2]), (5, [0, 1, 2, 3, 4, 5]), (10, [0, 2, 4, 6, 8, 10])],
)
def test_the_ticks_are_whole_numbers(top, ticks):
    chart = bar_chart("x", ["2024"], [Series("申请", (top,))])
    assert [t.value for t in chart.ticks] == ticks
