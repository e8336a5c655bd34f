"""信息处理费 by the tiers of 国办函〔2020〕109号, worked by hand."""

from decimal import Decimal

import pytest

from gongkai.applications.fees import fee_per_item, fee_per_page, item_rate


@pytest.mark.parametrize(
    ("k", "rate", "why"),
    [
        (1, 0, "the first ten of a month are free"),
        (10, 0, "the tenth is still free"),
        (11, 100, "11–30: 100 元"),
        (30, 100, "the thirtieth: 100 元"),
        (31, 200, "31–40: the first band above 30, 200 元"),
        (40, 200, "the fortieth: 200 元"),
        (41, 300, "41–50: 300 元"),
        (55, 400, "51–60: 400 元"),
    ],
)
def test_the_rate_of_each_request_of_the_month(k, rate, why):
    assert item_rate(k) == rate, why


def test_the_literal_reading_keeps_31_to_40_at_100():
    assert [item_rate(k, raise_from_31=False) for k in (31, 40, 41, 51)] == [
        100,
        100,
        200,
        300,
    ]


@pytest.mark.parametrize(
    ("earlier", "pieces", "expected", "working"),
    [
        (0, 1, 0, "the month's first request"),
        (9, 1, 0, "the tenth"),
        (10, 1, 100, "the eleventh: 100"),
        (8, 5, 300, "9th–13th: 0 + 0 + 100 × 3"),
        (29, 3, 500, "30th–32nd: 100 + 200 + 200"),
        (39, 2, 500, "40th–41st: 200 + 300"),
    ],
)
def test_a_request_counted_as_several_pays_each_at_its_own_rate(
    earlier, pieces, expected, working
):
    assert fee_per_item(earlier_in_month=earlier, pieces=pieces) == Decimal(expected), (
        working
    )


@pytest.mark.parametrize(
    ("pages", "expected", "working"),
    [
        (0, 0, "nothing"),
        (30, 0, "30 pages free"),
        (31, 10, "page 31 at 10"),
        (100, 700, "70 × 10"),
        (150, 1700, "70 × 10 + 50 × 20"),
        (200, 2700, "70 × 10 + 100 × 20"),
        (201, 2740, "70 × 10 + 100 × 20 + 1 × 40"),
        (250, 4700, "700 + 2000 + 50 × 40"),
    ],
)
def test_per_page_tiers(pages, expected, working):
    assert fee_per_page(pages) == Decimal(expected), working


def test_impossible_quantities_are_refused():
    with pytest.raises(ValueError):
        item_rate(0)
    with pytest.raises(ValueError):
        fee_per_item(earlier_in_month=0, pieces=0)
    with pytest.raises(ValueError):
        fee_per_page(-1)
