"""Keeping Art. 26 deadlines true when the working-day calendar changes.

When staff add or correct holidays (``gongkai.workdays`` sends
``calendar_changed``), every 主动公开 item whose period may cross a changed year has
its deadline derived again; each one that moved gets an event saying from what to
what (the new deadlines and their events written in bulk). Lateness follows: it
is computed from the stored deadline.

It runs as a consequence of a calendar change that ``gongkai.workdays`` has
already authorised, so it asks no permission of its own. An item published in a
year whose report is published keeps its deadline (the period lock): the report
counted it late or on time, and a correction of that year is an office head's
decision, not a side effect of a calendar change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from gongkai.accounts.models import User
from gongkai.agencies.models import ClosedYear
from gongkai.catalog.models import Disclosure, Item
from gongkai.catalog.workdays_adapter import Workdays
from gongkai.core.models import Event
from gongkai.workdays.arithmetic import WorkCalendar

from .items import set_due_date


@transaction.atomic
def due_dates_recompute(
    *, acting_user: User | None, calendar: WorkCalendar, years: Iterable[int]
) -> int:
    """Derive again the deadline of every proactive item formed or changed in
    ``years`` or the year before (twenty working days can cross a new year),
    except those published in a closed year; return how many moved."""
    span = sorted({y for year in years for y in (year - 1, year)})
    items = (
        Item.objects.filter(disclosure=Disclosure.PROACTIVE)
        .filter(Q(formed_on__year__in=span) | Q(changed_on__year__in=span))
        .exclude(_published_in_closed_years(since=span[0]))
    )
    workdays = Workdays(calendar)
    moved = []
    for item in items.only(
        "pk", "disclosure", "formed_on", "changed_on", "publish_due_on"
    ):
        before = item.publish_due_on
        set_due_date(item, workdays)
        if item.publish_due_on != before:
            moved.append((item, before))
    Item.objects.bulk_update([item for item, _ in moved], ["publish_due_on"], 1000)
    content_type = ContentType.objects.get_for_model(Item)
    actor = acting_user if getattr(acting_user, "pk", None) else None
    Event.objects.bulk_create(
        [
            Event(  # what ``core.events.event_record`` writes, one per moved item
                actor=actor,
                verb="item_due_date_moved",
                content_type=content_type,
                object_id=str(item.pk),
                data={
                    "from": before.isoformat() if before else None,
                    "to": item.publish_due_on.isoformat()
                    if item.publish_due_on
                    else None,
                    "calendar": calendar.version,
                },
            )
            for item, before in moved
        ],
        batch_size=1000,
    )
    return len(moved)


def _published_in_closed_years(*, since: int) -> Q:
    closed = ClosedYear.objects.filter(year__gte=since).values_list("agency_id", "year")
    found = Q(pk__in=[])
    for agency_id, year in closed:
        found |= Q(agency_id=agency_id, published_on__year=year)
    return found


def on_calendar_changed(
    sender: Any,
    *,
    acting_user: User | None,
    calendar: WorkCalendar,
    years: list[int],
    **_: Any,
) -> int:
    """The receiver of ``workdays.signals.calendar_changed``."""
    return due_dates_recompute(acting_user=acting_user, calendar=calendar, years=years)
