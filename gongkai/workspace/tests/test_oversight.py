"""The supervisor's rules: report deadlines, months elapsed, silent sections."""

from datetime import date

import pytest

from gongkai.workspace.oversight import (
    ReportStatus,
    UnitOverview,
    months_elapsed,
    report_due_on,
    stale_categories,
)


@pytest.mark.parametrize(
    ("kind", "year", "due"),
    [
        ("government", 2024, date(2025, 3, 31)),  # 第四十九条: 31 March
        ("department", 2024, date(2025, 1, 31)),  # 第四十九条: 31 January
        ("authorised", 2019, date(2020, 1, 31)),
    ],
)
def test_the_report_deadline_follows_article_49(kind, year, due):
    assert report_due_on(kind, year) == due


@pytest.mark.parametrize(
    ("published", "today", "on_time"),
    [
        (date(2025, 1, 20), date(2025, 6, 1), True),
        (date(2025, 1, 31), date(2025, 6, 1), True),  # the last day still counts
        (date(2025, 2, 1), date(2025, 6, 1), False),
        (None, date(2025, 1, 31), None),  # not due yet
        (None, date(2025, 2, 1), False),  # due and not published
    ],
)
def test_a_report_is_on_time_when_published_by_its_deadline(published, today, on_time):
    status = ReportStatus(
        "published" if published else "draft", published, date(2025, 1, 31)
    )
    assert status.on_time(today) is on_time


@pytest.mark.parametrize(
    ("year", "today", "months"),
    [
        (2024, date(2025, 2, 1), 12),
        (2025, date(2025, 3, 3), 3),
        (2026, date(2025, 3, 3), 0),
    ],
)
def test_months_elapsed(year, today, months):
    assert months_elapsed(year, today) == months


def test_the_quota_is_per_month_elapsed():
    unit = UnitOverview(
        1, "甲局", "department", ReportStatus("draft", None, date(2025, 1, 31))
    )
    unit.items_published = 11
    assert unit.below_quota(4, 3)  # 12 needed by the end of March
    unit.items_published = 12
    assert not unit.below_quota(4, 3)


def test_a_category_silent_longer_than_the_limit_is_stale_longest_first():
    found = stale_categories(
        {
            "工作动态": date(2025, 5, 1),
            "人事": date(2024, 1, 1),
            "财政": date(2024, 6, 1),
        },
        as_of=date(2025, 6, 1),
        max_days=180,
    )
    assert [(s.category, s.days) for s in found] == [("人事", 517), ("财政", 365)]
