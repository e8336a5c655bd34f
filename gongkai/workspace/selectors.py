"""The workspace's reads: a region's overview for its supervisor, a few grouped
queries whatever the number of units. A report's review state is read from
``gongkai.reports.selectors``."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Count, Max, Min, QuerySet
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications import selectors as applications
from gongkai.catalog import selectors as catalog
from gongkai.reports.models import ReportVersion
from gongkai.reports.selectors import report_states
from gongkai.reports.workflow import ReportState

from . import oversight


def _report_statuses(
    units: list[Agency], year: int
) -> dict[int, oversight.ReportStatus]:
    ids = [u.pk for u in units]
    first_published = dict(
        ReportVersion.objects.filter(agency_id__in=ids, year=year, region=False)
        .values("agency_id")
        .annotate(at=Min("published_at"))
        .values_list("agency_id", "at")
    )
    states = report_states(agency_ids=ids, year=year)
    statuses = {}
    for unit in units:
        at = first_published.get(unit.pk)
        statuses[unit.pk] = oversight.ReportStatus(
            state=str(states.get(unit.pk, ReportState.DRAFT)),
            published_on=timezone.localtime(at).date() if at else None,
            due_on=oversight.report_due_on(unit.kind, year),
        )
    return statuses


def _items_by_unit(ids: list[int], year: int) -> dict[int, int]:
    rows = (
        catalog.items_published(
            agency_ids=ids, start=date(year, 1, 1), end=date(year, 12, 31)
        )
        .order_by()
        .values("agency_id")
        .annotate(n=Count("pk"))
    )
    return {row["agency_id"]: row["n"] for row in rows}


def _last_published_by_category(
    ids: list[int], as_of: date
) -> dict[int, dict[str, date]]:
    rows = (
        catalog.items_published(agency_ids=ids, start=date(1900, 1, 1), end=as_of)
        .exclude(category="")
        .order_by()
        .values("agency_id", "category")
        .annotate(last=Max("published_on"))
    )
    found: dict[int, dict[str, date]] = {}
    for row in rows:
        found.setdefault(row["agency_id"], {})[row["category"]] = row["last"]
    return found


def _overdue_applications_by_unit(ids: list[int], today: date) -> dict[int, int]:
    """Open applications past their due date whose clock runs (a paused one is
    never overdue)."""
    rows = (
        applications.applications_with_running_clock(agency_ids=ids)
        .filter(due_on__lt=today)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("pk"))
    )
    return {row["agency_id"]: row["n"] for row in rows}


def _late_items_by_unit(ids: list[int], year: int, today: date) -> dict[int, int]:
    """Items of the year published after their 第二十六条 deadline, and items
    still unpublished past it."""
    late: dict[int, int] = {}
    published_late = catalog.items_published_late(
        agency_ids=ids, start=date(year, 1, 1), end=date(year, 12, 31)
    )
    for query in (published_late, catalog.items_overdue(agency_ids=ids, today=today)):
        for row in query.order_by().values("agency_id").annotate(n=Count("pk")):
            late[row["agency_id"]] = late.get(row["agency_id"], 0) + row["n"]
    return late


def region_units(region: Agency) -> QuerySet[Agency]:
    return region.subtree().order_by("path")


def region_overview(
    *, region: Agency, year: int, today: date | None = None
) -> list[oversight.UnitOverview]:
    """Every unit of the region (the government itself first) on ``year``."""
    today = today or timezone.localdate()
    units = list(region_units(region))
    ids = [u.pk for u in units]
    statuses = _report_statuses(units, year)
    items = _items_by_unit(ids, year)
    as_of = min(today, date(year, 12, 31))
    categories = _last_published_by_category(ids, as_of)
    overdue = _overdue_applications_by_unit(ids, today)
    late = _late_items_by_unit(ids, year, today)
    max_days = settings.GONGKAI_STALE_CATEGORY_DAYS
    return [
        oversight.UnitOverview(
            agency_id=unit.pk,
            name=unit.name,
            kind=unit.kind,
            report=statuses[unit.pk],
            on_time=statuses[unit.pk].on_time(today),
            items_published=items.get(unit.pk, 0),
            late_items=late.get(unit.pk, 0),
            overdue_applications=overdue.get(unit.pk, 0),
            stale_categories=oversight.stale_categories(
                categories.get(unit.pk, {}), as_of, max_days
            ),
        )
        for unit in units
    ]
