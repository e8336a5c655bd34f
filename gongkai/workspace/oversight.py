"""What a supervisor checks in the units of a region, as rules over plain values.
No database here: ``selectors.region_overview`` gathers the values, these rules
judge them, and the page and the circular (通报) print the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

GOVERNMENT = "government"


def report_due_on(kind: str, year: int) -> date:
    """The last day to publish the report on ``year``.

    《政府信息公开条例》第四十九条: departments of governments at county level and
    above submit their report on the past year to the competent department and
    publish it by 31 January; local governments at county level and above publish
    theirs by 31 March. gongkai applies 31 March to every unit of kind government
    (a township's report is compiled into its county's) and 31 January to every
    other unit.
    """
    return date(year + 1, 3, 31) if kind == GOVERNMENT else date(year + 1, 1, 31)


def months_elapsed(year: int, today: date) -> int:
    """Whole or started months of ``year`` up to ``today`` (12 for a past year)."""
    if today.year > year:
        return 12
    if today.year < year:
        return 0
    return today.month


@dataclass(frozen=True)
class ReportStatus:
    state: str  # a ReportState of gongkai.reports.workflow
    published_on: date | None
    due_on: date

    def on_time(self, today: date) -> bool | None:
        """True or False once decided; None while the deadline has not passed and
        nothing is published."""
        if self.published_on is not None:
            return self.published_on <= self.due_on
        return None if today <= self.due_on else False


@dataclass(frozen=True)
class StaleCategory:
    category: str
    last_published_on: date
    days: int


@dataclass
class UnitOverview:
    """One unit of the region: its report, its open work, its publishing."""

    agency_id: int
    name: str
    kind: str
    report: ReportStatus
    items_published: int = 0
    late_items: int = 0
    overdue_applications: int = 0
    stale_categories: list[StaleCategory] = field(default_factory=list)
    on_time: bool | None = None  # the report's, as of the day of the overview

    def below_quota(self, quota_per_month: int, months: int) -> bool:
        return self.items_published < quota_per_month * months


def stale_categories(
    last_published: dict[str, date], as_of: date, max_days: int
) -> list[StaleCategory]:
    """Catalogue categories with nothing new for more than ``max_days`` (僵尸栏目:
    the State Council's website inspections single out sections left without
    updates), the longest-silent first."""
    stale = [
        StaleCategory(category, last, (as_of - last).days)
        for category, last in last_published.items()
        if (as_of - last).days > max_days
    ]
    return sorted(stale, key=lambda s: -s.days)
