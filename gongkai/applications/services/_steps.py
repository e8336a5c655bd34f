"""What every workflow step shares: lock the application, check the transition
table, move it, re-derive its due date, write the one event."""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.core.events import event_record
from gongkai.workdays.arithmetic import WorkCalendar
from gongkai.workdays.selectors import work_calendar

from .. import clock
from ..models import Application, ApplicationStatus
from ..selectors import clock_input
from ..workflow import Action, target_of


def begin(
    application: Application, action: Action
) -> tuple[Application, ApplicationStatus]:
    """The application, locked for the step, and where ``action`` takes it.

    Raises ``TransitionRefused`` when the table does not allow the step.
    """
    locked = Application.objects.select_for_update().get(pk=application.pk)
    return locked, target_of(locked.status, action)


def finish(
    application: Application,
    target: ApplicationStatus,
    *,
    acting_user: Any,
    verb: str,
    data: dict[str, Any] | None = None,
) -> Application:
    """Move ``application`` to ``target``, re-derive its due date from its ledger,
    save it and record the step as one event (with the due date it left)."""
    if target is not ApplicationStatus.CLOSED:  # closing is the closing date's doing
        application.stage = target
    if application.closed_on is None:
        application.due_on = due_on(application)
    application.full_clean(exclude=["status"])
    application.save()
    application.refresh_from_db(fields=["status"])
    event_record(
        actor=acting_user,
        verb=verb,
        target=application,
        data={
            **(data or {}),
            "status": application.status,
            "due_on": application.due_on.isoformat() if application.due_on else None,
        },
    )
    return application


def due_on(
    application: Application, calendar: WorkCalendar | None = None
) -> date | None:
    """The due date the application's ledger gives now (``None`` while paused)."""
    clock_in = clock_input(application)
    if clock_in is None:
        return None
    return clock.due_date(clock_in, calendar or work_calendar())


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
