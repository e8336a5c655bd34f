"""Read queries over reviews, lawsuits and complaints, used by views and ``reports``:
the cases a year counts, the answers awaited, the register and the directory of
review bodies."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.db.models import Q, QuerySet

from .models import AdministrativeReview, Case, Complaint, Litigation, ReviewBody, Stage

AgencyIds = Iterable[int] | QuerySet[Any, Any]
C = TypeVar("C", bound=Case)


def cases_open_during(
    model: type[C], *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[C]:
    """Cases filed by ``end`` and not concluded before ``start``.

    A year's table 四 counts these: those concluded in the year under their result,
    the others as 尚未审结.
    """
    return model._default_manager.filter(
        Q(concluded_on__isnull=True) | Q(concluded_on__gte=start),
        agency_id__in=agency_ids,
        filed_on__lte=end,
    )


def reviews_open_during(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[AdministrativeReview]:
    return cases_open_during(
        AdministrativeReview, agency_ids=agency_ids, start=start, end=end
    )


def litigations_open_during(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[Litigation]:
    return cases_open_during(Litigation, agency_ids=agency_ids, start=start, end=end)


def complaints_open_during(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[Complaint]:
    return cases_open_during(Complaint, agency_ids=agency_ids, start=start, end=end)


# -- the pages: the answers waiting, the register, the directory of bodies -----------

ANSWER_SOON = 5  # working days: "due soon" on the dashboard and in the reminders
KINDS: dict[str, type[AdministrativeReview] | type[Litigation]] = {
    "review": AdministrativeReview,
    "litigation": Litigation,
}
KIND_NAMES = {"review": "行政复议", "litigation": "行政诉讼"}


def case_model(kind: str) -> type[AdministrativeReview] | type[Litigation]:
    """The model of a kind named in an address (``review`` or ``litigation``)."""
    return KINDS[kind]


def answers_awaited(*, agency_ids: AgencyIds) -> list[Case]:
    """Reviews and lawsuits served on the agency and not yet answered (nor
    concluded), earliest answer due first."""
    found: list[Case] = []
    for model in KINDS.values():
        found.extend(
            model._default_manager.filter(
                agency_id__in=agency_ids,
                served_on__isnull=False,
                answered_on__isnull=True,
                concluded_on__isnull=True,
                answer_due__isnull=False,
            ).select_related("agency", "application")
        )
    return sorted(found, key=lambda c: (c.answer_due or date.max, c.pk))


def answers_overdue(*, agency_ids: AgencyIds, today: date) -> list[Case]:
    """Answers awaited whose last day has passed."""
    return [
        c
        for c in answers_awaited(agency_ids=agency_ids)
        if c.answer_due is not None and c.answer_due < today
    ]


def answers_due_soon(*, agency_ids: AgencyIds, today: date) -> list[Case]:
    """Answers awaited due from today to the 5th working day after it."""
    from gongkai.workdays.selectors import work_calendar

    horizon = work_calendar().nth_after(today, ANSWER_SOON)
    return [
        c
        for c in answers_awaited(agency_ids=agency_ids)
        if c.answer_due is not None and today <= c.answer_due <= horizon
    ]


def review_bodies_for(agency: Any) -> QuerySet[ReviewBody]:
    """The review bodies and courts of the agency's region: those entered for the
    agency itself or any government above it."""
    return ReviewBody.objects.filter(region_id__in=agency.lineage_ids() or [agency.pk])


@dataclass(frozen=True)
class RegisterQuery:
    """The register's search, filters and order, as the page's form gives them."""

    text: str = ""
    kind: str = ""  # review / litigation / "" (both)
    stage: str = ""
    result: str = ""  # a Result, or "pending" (尚未审结)
    year: int | None = None  # of filing
    overdue: bool = False  # answer overdue (awaited, last day passed)
    sort: str = "-filed_on"


SORTS = {
    "-filed_on": "立案日期（新的在前）",
    "filed_on": "立案日期（早的在前）",
    "answer_due": "答复期限",
    "-concluded_on": "审结日期",
    "number": "案号",
}


def case_register(
    *, agency_ids: AgencyIds, query: RegisterQuery, today: date
) -> list[Case]:
    """The reviews and lawsuits of the agencies that match ``query``, in its order."""
    found: list[Case] = []
    for kind, model in KINDS.items():
        if query.kind and query.kind != kind:
            continue
        found.extend(_register_rows(model, agency_ids, query, today))
    return _sorted(found, query.sort)


def _register_rows(
    model: type[Case], agency_ids: AgencyIds, query: RegisterQuery, today: date
) -> QuerySet[Any]:
    rows = model._default_manager.filter(agency_id__in=agency_ids).select_related(
        "agency", "application"
    )
    if query.text.strip():
        text = query.text.strip()
        rows = rows.filter(
            Q(number__icontains=text)
            | Q(body__icontains=text)
            | Q(application__tracking_number__icontains=text)
        )
    if query.year:
        rows = rows.filter(filed_on__year=query.year)
    if query.result == "pending":
        rows = rows.filter(concluded_on__isnull=True)
    elif query.result:
        rows = rows.filter(result=query.result)
    if query.stage:
        rows = rows.filter(**STAGE_FILTERS[query.stage])
    if query.overdue:
        rows = rows.filter(
            served_on__isnull=False,
            answered_on__isnull=True,
            concluded_on__isnull=True,
            answer_due__lt=today,
        )
    return rows


STAGE_FILTERS: dict[str, dict[str, Any]] = {
    Stage.FILED: {
        "served_on__isnull": True,
        "answered_on__isnull": True,
        "concluded_on__isnull": True,
    },
    Stage.SERVED: {
        "served_on__isnull": False,
        "answered_on__isnull": True,
        "concluded_on__isnull": True,
    },
    Stage.ANSWERED: {"answered_on__isnull": False, "concluded_on__isnull": True},
    Stage.CONCLUDED: {"concluded_on__isnull": False},
}


def _sorted(cases: list[Case], sort: str) -> list[Case]:
    field = sort.lstrip("-") if sort in SORTS else "filed_on"
    reverse = sort.startswith("-") if sort in SORTS else True
    present = [c for c in cases if getattr(c, field) not in (None, "")]
    absent = [c for c in cases if getattr(c, field) in (None, "")]
    present.sort(key=lambda c: (getattr(c, field), c.pk), reverse=reverse)
    return present + absent
