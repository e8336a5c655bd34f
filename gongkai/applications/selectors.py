"""Read queries over applications (依申请公开), used by views, commands and ``reports``.

``agency_ids`` is a list of agency ids or a subquery of them (a region), so one call
covers one agency or a whole subtree. Dates are local dates, both ends included.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from gongkai.workdays.arithmetic import WorkCalendar
from gongkai.workdays.selectors import work_calendar

from . import clock, evidence, remedies
from .letters.templates import REPLY
from .models import (
    Applicant,
    Application,
    ApplicationStatus,
    Consultation,
    CorrectionRequest,
    Delivery,
    Extension,
    FeeNotice,
)

AgencyIds = Iterable[int] | QuerySet[Any]
IN_LIST_LIMIT = 20_000


# -- the report's sets ---------------------------------------------------------------


def applications_received(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[Application]:
    """Applications received (收到申请之日, 第三十一条) from ``start`` to ``end``."""
    return Application.objects.filter(
        agency_id__in=agency_ids, received_on__range=(start, end)
    )


def applications_closed(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[Application]:
    """Applications answered or otherwise ended between ``start`` and ``end``."""
    return Application.objects.filter(
        agency_id__in=agency_ids, closed_on__range=(start, end)
    )


def applications_pending_at(
    *, agency_ids: AgencyIds, day: date
) -> QuerySet[Application]:
    """Applications received by ``day`` and still open at its end.

    Pending at 31 December is a year's 结转下年度继续办理; pending at the 31 December
    before is its 上年结转 — the same set, which is why the two always agree.
    Applications never confirmed were never received and are not counted.
    """
    return Application.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=day),
        agency_id__in=agency_ids,
        received_on__lte=day,
    )


# -- the clock -----------------------------------------------------------------------


def clock_paused_statuses() -> frozenset[str]:
    """Statuses in which the reply clock stands still, so never overdue."""
    paused = {ApplicationStatus.AWAITING_CORRECTION, ApplicationStatus.CONSULTING}
    if settings.GONGKAI_FEE_NOTICE_PAUSES_CLOCK:
        paused.add(ApplicationStatus.AWAITING_PAYMENT)
    return frozenset(paused)


def clock_inputs(applications: Iterable[Application]) -> dict[int, clock.ClockInput]:
    """The deadline ledger of each application (received ones only), read in one
    query per kind of record whatever the number of applications."""
    received = {a.pk: a.received_on for a in applications if a.received_on}
    ids = sorted(received)
    if len(ids) > IN_LIST_LIMIT:  # SQLite limits a query's parameters
        return {
            pk: value
            for start in range(0, len(ids), IN_LIST_LIMIT)
            for pk, value in clock_inputs_in(
                {pk: received[pk] for pk in ids[start : start + IN_LIST_LIMIT]},
                Q(application_id__in=ids[start : start + IN_LIST_LIMIT]),
            ).items()
        }
    return clock_inputs_in(received, Q(application_id__in=ids))


def clock_inputs_in(received: dict[int, date], scope: Q) -> dict[int, clock.ClockInput]:
    """The clock inputs of the applications in ``received`` (id → receipt day),
    reading the ledger rows that ``scope`` selects (rows of other applications it
    selects are ignored, so a range of ids will do)."""
    corrections = dict(
        CorrectionRequest.objects.filter(scope).values_list(
            "application_id", "corrected_on"
        )
    )
    pauses: dict[int, list[clock.Pause]] = defaultdict(list)
    for pk, kind, sent, answered in Consultation.objects.filter(scope).values_list(
        "application_id", "kind", "sent_on", "answered_on"
    ):
        pauses[pk].append(clock.Pause(kind, sent, answered))
    if settings.GONGKAI_FEE_NOTICE_PAUSES_CLOCK:
        for pk, notified, paid, waived in FeeNotice.objects.filter(scope).values_list(
            "application_id", "notified_on", "paid_on", "waived_on"
        ):
            pauses[pk].append(
                clock.Pause(clock.PauseKind.FEE, notified, paid or waived)
            )
    days: dict[int, dict[str, int]] = defaultdict(dict)
    for pk, kind, count in Extension.objects.filter(scope).values_list(
        "application_id", "kind", "days"
    ):
        days[pk][kind] = count
    next_day = settings.GONGKAI_COUNT_FROM_NEXT_DAY
    return {
        pk: clock.ClockInput(
            received_on=received_on,
            corrected_on=corrections.get(pk),
            awaiting_correction=pk in corrections and corrections[pk] is None,
            pauses=tuple(pauses.get(pk, ())),
            extension_days=days[pk].get(Extension.Kind.EXTENSION, 0)
            if pk in days
            else 0,
            delay_days=days[pk].get(Extension.Kind.DELAY, 0) if pk in days else 0,
            count_from_next_day=next_day,
        )
        for pk, received_on in received.items()
    }


def clock_input(application: Application) -> clock.ClockInput | None:
    return clock_inputs([application]).get(application.pk)


def reckoning_for(
    application: Application, calendar: WorkCalendar | None = None
) -> clock.Reckoning | None:
    """How the application's reply clock stands (``None`` before receipt)."""
    clock_in = clock_input(application)
    if clock_in is None:
        return None
    return clock.reckon(clock_in, calendar or work_calendar())


def due_explained(application: Application) -> list[clock.DueDateLine]:
    """The due date of an application, line by line (for staff and applicant)."""
    calendar = work_calendar()
    reckoning = reckoning_for(application, calendar)
    return [] if reckoning is None else clock.explain(reckoning, calendar)


def correction_awaited(application: Application) -> CorrectionRequest | None:
    """The 补正 notice the applicant may still answer (online or on paper)."""
    correction: CorrectionRequest | None = getattr(application, "correction", None)
    if (
        correction is None
        or correction.corrected_on is not None
        or application.status != ApplicationStatus.AWAITING_CORRECTION
    ):
        return None
    return correction


def fee_awaited(application: Application) -> FeeNotice | None:
    """The fee notice still waiting for payment."""
    notice: FeeNotice | None = getattr(application, "fee_notice", None)
    if (
        notice is None
        or notice.settled_on is not None
        or application.status != ApplicationStatus.AWAITING_PAYMENT
    ):
        return None
    return notice


def decision_served(application: Application) -> Delivery | None:
    """The first recorded service (送达) of the application's reply, once decided."""
    if application.closed_on is None:
        return None
    return (
        Delivery.objects.filter(
            letter__application=application, letter__key__startswith=f"{REPLY}."
        )
        .order_by("delivered_on", "pk")
        .first()
    )


def remedy_windows_after(served: Delivery | None) -> list[remedies.RemedyWindow]:
    """The last days to apply for review and to sue, from the reply's service
    (``decision_served``); empty until the reply is served."""
    if served is None:
        return []
    return remedies.remedy_windows(served.delivered_on, work_calendar())


# -- open work -----------------------------------------------------------------------


def applications_with_running_clock(
    *, agency_ids: AgencyIds | None = None
) -> QuerySet[Application]:
    """Open, received applications whose clock runs (not paused)."""
    queryset = Application.objects.filter(
        closed_on__isnull=True, received_on__isnull=False
    ).exclude(status__in=clock_paused_statuses())
    if agency_ids is not None:
        queryset = queryset.filter(agency_id__in=agency_ids)
    return queryset


def applications_open(*, agency_ids: AgencyIds | None = None) -> QuerySet[Application]:
    """Received applications not yet closed (paused ones included)."""
    queryset = Application.objects.filter(
        closed_on__isnull=True, received_on__isnull=False
    )
    if agency_ids is not None:
        queryset = queryset.filter(agency_id__in=agency_ids)
    return queryset


# -- the applicant's history ---------------------------------------------------------


def known_applicant_exists(application: Application) -> bool:
    """Whether an application not yet tied to a known applicant gives the identity
    document of one (staff may then link it, ``applicant_link``, to weigh the
    applicant's history)."""
    if application.applicant_id is not None or not application.applicant_id_number:
        return False
    return Applicant.objects.filter(
        id_kind=application.applicant_id_kind,
        id_number=application.applicant_id_number,
    ).exists()


def applicant_history(application: Application) -> QuerySet[Application]:
    """The same applicant's other applications to the same agency, received before
    this one (or on the same day and registered earlier)."""
    day = application.received_on or application.submitted_on
    if application.applicant_id is None or day is None:
        return Application.objects.none()
    return (
        Application.objects.filter(
            agency_id=application.agency_id,
            applicant_id=application.applicant_id,
            received_on__isnull=False,
        )
        .filter(Q(received_on__lt=day) | Q(received_on=day, pk__lt=application.pk))
        .exclude(pk=application.pk)
    )


def requests_earlier_in_month(application: Application) -> int:
    """How many requests (件, counting each application's pieces) the applicant
    made to the agency earlier in the same calendar month (国办函〔2020〕109号
    第四条)."""
    day = application.received_on
    if day is None:  # not received yet: nothing counts before it
        return 0
    first = day.replace(day=1)
    total = (
        applicant_history(application)
        .filter(received_on__gte=first)
        .aggregate(total=Sum("pieces"))["total"]
    )
    return total or 0


def application_evidence(application: Application) -> evidence.Evidence:
    """Earlier applications that look like this one, and the recent count: for the
    handler to weigh under 第三十五条 and 第三十六条第六项, never applied alone."""
    day = application.received_on or application.submitted_on or timezone.localdate()
    history = applicant_history(application).filter(
        received_on__gte=day - timedelta(days=3 * 365)
    )
    earlier = [
        evidence.Earlier(
            a.tracking_number,
            a.received_on or day,  # never empty: the filter above
            a.description,
            a.closed_on is not None,
        )
        for a in history.only(
            "tracking_number", "received_on", "description", "closed_on"
        )
    ]
    return evidence.gather(
        description=application.description,
        received_on=day,
        earlier=earlier,
        threshold=settings.GONGKAI_REPEAT_SIMILARITY,
        window_days=settings.GONGKAI_EXCESSIVE_WINDOW_DAYS,
        limit=settings.GONGKAI_EXCESSIVE_LIMIT,
    )
