"""The applications' background work: following a calendar change.

When staff change the working-day calendar, ``workdays`` sends ``calendar_changed``
inside the transaction that saved the change; the receiver here only checks that
the person may move the due dates and queues one ``deadlines_recompute_after``
(with the database task backend the queued task is committed with the change, so a
worker sees it exactly when the change is there, and never if it was rolled back).
The page that saved the change returns at once; a worker derives the due dates again.

The task takes JSON arguments (the changed days as ISO text, the acting user's id),
builds the calendar from the database when it runs (a later change is then already
in it) and compares with the stored due dates: run twice, it moves nothing twice and
writes no event twice.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from django.db import connection, transaction

from gongkai.accounts.models import User
from gongkai.core.tasks import task
from gongkai.workdays.selectors import work_calendar

from .services.deadlines import (
    Recomputed,
    deadlines_recompute,
    deadlines_recompute_authorize,
)

# Recomputations of due dates wait for each other (PostgreSQL; on SQLite writers
# take turns anyway): the second then reads what the first stored, and moves
# nothing the first already moved.
LOCK = 0x6E_6B_64_6C  # pg_advisory_xact_lock key: "gkdl"


@task()
def deadlines_recompute_after(
    days: list[str] | None = None, acting_user_id: int | None = None
) -> dict[str, int]:
    """Derive again the due dates that the calendar change of ``days`` (all open
    applications when None) may move, over the calendar as stored now; how many
    were checked and moved."""
    user = User.objects.filter(pk=acting_user_id).first() if acting_user_id else None
    result = deadlines_recompute_run(
        acting_user=user,
        days=[date.fromisoformat(day) for day in days] if days is not None else None,
    )
    return {"checked": result.checked, "moved": result.moved}


@transaction.atomic
def deadlines_recompute_run(
    *, acting_user: User | None, days: Collection[date] | None
) -> Recomputed:
    """The task's work: the calendar read from the database, then the recompute,
    one at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
    return deadlines_recompute(
        acting_user=acting_user, calendar=work_calendar(), days=days
    )


def on_calendar_changed(
    sender: Any,
    *,
    acting_user: User | None,
    days: Collection[date] | None = None,
    **_: Any,
) -> None:
    """The receiver of ``workdays.signals.calendar_changed``: refuse a change by
    someone who may not move these due dates, otherwise queue their recompute."""
    deadlines_recompute_authorize(acting_user=acting_user, days=days)
    deadlines_recompute_after.enqueue(
        days=sorted(day.isoformat() for day in days) if days is not None else None,
        acting_user_id=acting_user.pk if acting_user is not None else None,
    )
