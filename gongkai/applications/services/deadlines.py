"""Keeping due dates true when the calendar changes.

A due date is derived from the application's deadline ledger and the working-day
calendar. When staff add or correct holidays (``gongkai.workdays`` sends
``calendar_changed``), every open application's due date is derived again; each one
that moved gets an event saying from what to what, under which calendar version.

It is the system's own work (a command, the calendar's signal, run by the operator)
or an administrator's: a user may move only due dates of applications they may
handle, so it asks ``application.handle`` on every agency with an open application.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.models import Agency
from gongkai.core.models import Event
from gongkai.workdays.arithmetic import WorkCalendar

from .. import clock
from ..models import Application
from ..selectors import clock_inputs_in

BATCH = 10_000


@dataclass(frozen=True)
class Recomputed:
    checked: int
    moved: int


@transaction.atomic
def deadlines_recompute(
    *, acting_user: User | None, calendar: WorkCalendar
) -> Recomputed:
    """Derive again the due date of every received, open application."""
    if acting_user is not None:
        for agency in Agency.objects.filter(
            pk__in=_open().values("agency_id").distinct()
        ):
            authorize(acting_user, Permission.APPLICATION_HANDLE, agency)
    content_type = ContentType.objects.get_for_model(Application)
    actor = acting_user
    version = calendar.version
    checked = moved = 0
    for batch in _open_batches():
        received = {pk: received_on for pk, received_on, _ in batch}
        scope = Q(application_id__gte=batch[0][0], application_id__lte=batch[-1][0])
        inputs = clock_inputs_in(received, scope)
        changed = [
            (pk, old, new)
            for pk, _, old in batch
            if (new := clock.due_date(inputs[pk], calendar)) != old
        ]
        _store(changed)
        Event.objects.bulk_create(
            [
                Event(
                    actor=actor,
                    verb="deadline_recomputed",
                    content_type=content_type,
                    object_id=str(pk),
                    data={
                        "from": old.isoformat() if old else None,
                        "to": new.isoformat() if new else None,
                        "calendar_version": version,
                    },
                )
                for pk, old, new in changed
            ],
            batch_size=2000,
        )
        checked += len(batch)
        moved += len(changed)
    return Recomputed(checked=checked, moved=moved)


def _store(changed: list[tuple[int, date | None, date | None]]) -> None:
    """Write the new due dates: one UPDATE per distinct date, far cheaper than a
    row-by-row ``bulk_update`` when a change moves thousands of deadlines."""
    by_due: dict[date | None, list[int]] = defaultdict(list)
    for pk, _, new in changed:
        by_due[new].append(pk)
    for due, ids in by_due.items():
        for start in range(0, len(ids), BATCH):
            Application.objects.filter(pk__in=ids[start : start + BATCH]).update(
                due_on=due
            )


def _open() -> models.QuerySet[Application]:
    return Application.objects.filter(closed_on__isnull=True, received_on__isnull=False)


def _open_batches() -> Iterator[list[tuple[int, date, date | None]]]:
    """(id, receipt day, due date) of open, received applications, a batch at a
    time in id order."""
    rows = _open().order_by("pk")
    last = 0
    while found := list(
        rows.filter(pk__gt=last).values_list("pk", "received_on", "due_on")[:BATCH]
    ):
        # ``received_on`` is never empty here (the filter): say so to the types.
        batch = [(pk, received, due) for pk, received, due in found if received]
        yield batch
        last = found[-1][0]


def on_calendar_changed(
    sender: Any, *, acting_user: User | None, calendar: WorkCalendar, **_: Any
) -> Recomputed:
    """The receiver of ``workdays.signals.calendar_changed``."""
    return deadlines_recompute(acting_user=acting_user, calendar=calendar)
