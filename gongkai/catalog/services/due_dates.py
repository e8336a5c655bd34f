"""Keeping Art. 26 deadlines true when the working-day calendar changes.

When staff add or correct holidays (``gongkai.workdays`` sends
``calendar_changed``), every 主动公开 item whose period may cross a changed year has
its deadline derived again; each one that moved gets an event saying from what to
what. Lateness follows: it is computed from the stored deadline.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q

from gongkai.catalog.models import Disclosure, Item
from gongkai.catalog.workdays_adapter import Workdays
from gongkai.core.events import event_record
from gongkai.workdays.arithmetic import WorkCalendar

from .items import set_due_date


@transaction.atomic
def due_dates_recompute(
    *, acting_user: Any, calendar: WorkCalendar, years: Iterable[int]
) -> int:
    """Derive again the deadline of every proactive item formed or changed in
    ``years`` or the year before (twenty working days can cross a new year);
    return how many moved."""
    span = sorted({y for year in years for y in (year - 1, year)})
    items = Item.objects.filter(disclosure=Disclosure.PROACTIVE).filter(
        Q(formed_on__year__in=span) | Q(changed_on__year__in=span)
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
    for item, before in moved:
        event_record(
            actor=acting_user,
            verb="item_due_date_moved",
            target=item,
            data={
                "from": before.isoformat() if before else None,
                "to": item.publish_due_on.isoformat() if item.publish_due_on else None,
                "calendar": calendar.version,
            },
        )
    return len(moved)


def on_calendar_changed(
    sender: Any, *, acting_user: Any, calendar: WorkCalendar, years: list[int], **_: Any
) -> int:
    """The receiver of ``workdays.signals.calendar_changed``."""
    return due_dates_recompute(acting_user=acting_user, calendar=calendar, years=years)
