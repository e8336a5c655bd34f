"""What every workflow step shares: lock the application, check the step (the
user's permission and scope, then the transition table), respect the period
lock, move it, re-derive its due date, write the step's one event."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from gongkai.accounts.models import User
from gongkai.agencies.models import Adjustment, Agency
from gongkai.agencies.periods import year_guard
from gongkai.core.events import event_record
from gongkai.core.workflow import Transition
from gongkai.workdays.arithmetic import WorkCalendar
from gongkai.workdays.selectors import work_calendar

from .. import clock
from ..models import Application, ApplicationStatus
from ..selectors import clock_input
from ..workflow import APPLICATION_WORKFLOW, ApplicationStep


def begin(
    application: Application,
    step: ApplicationStep,
    *,
    acting_user: User | None,
    reason: str = "",
) -> tuple[Application, ApplicationStatus, Transition]:
    """The application, locked for the step, where ``step`` takes it, and the
    step's row.

    Raises ``NotPermitted`` when the user's role or scope does not cover the step,
    ``Refused`` when the table does not allow it (or a reason it needs is missing).
    """
    # Lock the application only, not its agency (read for the scope check).
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=application.pk)
    )
    row = APPLICATION_WORKFLOW.check(
        locked.status, step, user=acting_user, agency=locked.agency, reason=reason
    )
    return locked, ApplicationStatus(row.target or locked.status), row


def guard(
    *,
    agency: Agency,
    days: Iterable[date | None],
    acting_user: User | None,
    adjustment: str,
    what: str,
    record: Application | None = None,
) -> list[Adjustment]:
    """The period lock (``agencies.periods.year_guard``) for a write setting or
    changing ``days``: refused in a year whose report is published, unless made
    as an adjustment with a reason by someone who may correct the report."""
    return year_guard(
        agency=agency,
        years={day.year for day in days if day is not None},
        acting_user=acting_user,
        adjustment=adjustment,
        record=record,
        what=what,
    )


def adjusted(adjustments: list[Adjustment], record: Application) -> dict[str, Any]:
    """Name the record the adjustments concern (once a new record is saved) and
    give the event's note of them."""
    if not adjustments:
        return {}
    Adjustment.objects.filter(pk__in=[a.pk for a in adjustments]).update(
        record_label=str(record)[:200]
    )
    return {
        "adjustment": adjustments[0].reason,
        "adjusted_years": [a.year for a in adjustments],
    }


def finish(
    application: Application,
    target: ApplicationStatus,
    *,
    acting_user: User | None,
    row: Transition,
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
        verb=row.verb,
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


# What an application made from another one carries over (a transfer signed for,
# a decision corrected by a review or court): who asked, what, and how they want
# the answer.
CARRIED_OVER = (
    "channel",
    "applicant",
    "applicant_type",
    "applicant_name",
    "applicant_id_kind",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "applicant_postcode",
    "sms_opt_out",
    "description",
    "requested_form",
    "delivery_method",
    "pieces",
)


def carried_over(original: Application, **fields: Any) -> Application:
    """A new, unsaved application with the applicant and the request as
    ``original`` gave them, and ``fields`` (its agency, number, dates…)."""
    return Application(
        **{name: getattr(original, name) for name in CARRIED_OVER}, **fields
    )
