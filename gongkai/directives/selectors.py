"""Reading directives and what a supervisor may issue one on.

``late_work`` gathers, for a region's units, what ran late and is still
outstanding (overdue applications, overdue answers to reviews and lawsuits, items
unpublished past their deadline), each with the directive already open on it; the
supervision page lists them with a button to issue one, and the circular names
them. A handful of queries whatever the number of units.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet

from gongkai.applications.models import Application
from gongkai.applications.selectors import applications_with_running_clock
from gongkai.cases.models import AdministrativeReview, Litigation
from gongkai.catalog.models import Item
from gongkai.catalog.selectors import items_overdue

from .models import TARGET_FIELDS, Directive, DirectiveKind, DirectiveState

AgencyIds = Iterable[int] | QuerySet[Any, Any]
RELATED = ("agency", "application", "review", "litigation", "item", "issued_by")


def directives_of(
    *, agency_ids: AgencyIds, open_only: bool = False
) -> QuerySet[Directive]:
    """The directives to the units, newest first; only those not yet closed when
    ``open_only``."""
    found = Directive.objects.filter(agency_id__in=agency_ids).select_related(*RELATED)
    if open_only:
        found = found.exclude(state=DirectiveState.CLOSED)
    return found


def directives_waiting(*, agency_ids: AgencyIds) -> QuerySet[Directive]:
    """What the units have to answer (待答复), the earliest deadline first."""
    return (
        directives_of(agency_ids=agency_ids)
        .filter(state=DirectiveState.OPEN)
        .order_by("respond_by", "pk")
    )


def directives_about(record: Any) -> QuerySet[Directive]:
    """The directives issued on one application, review, lawsuit or item."""
    kind = {
        Application: DirectiveKind.APPLICATION,
        AdministrativeReview: DirectiveKind.REVIEW,
        Litigation: DirectiveKind.LITIGATION,
        Item: DirectiveKind.ITEM,
    }[type(record)]
    return Directive.objects.filter(kind=kind, **{TARGET_FIELDS[kind]: record})


def open_directives_by_target(
    *, agency_ids: AgencyIds
) -> dict[tuple[str, Any], Directive]:
    """The directives not yet closed, by (kind, what they are about): the id of
    the application, case or item, or the (unit, year) of a report."""
    found: dict[tuple[str, Any], Directive] = {}
    for d in directives_of(agency_ids=agency_ids, open_only=True):
        if d.kind == DirectiveKind.REPORT:
            found[(d.kind, (d.agency_id, d.report_year))] = d
        else:
            found[(d.kind, getattr(d, f"{TARGET_FIELDS[d.kind]}_id"))] = d
    return found


@dataclass
class LateRow:
    """One thing that ran late, and the directive already open on it."""

    kind: str
    record: Any
    agency: Any
    due_on: date | None
    days: int  # calendar days past the deadline
    directive: Directive | None = None


@dataclass
class LateWork:
    applications: list[LateRow] = field(default_factory=list)
    answers: list[LateRow] = field(default_factory=list)  # reviews and lawsuits
    items: list[LateRow] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.applications) + len(self.answers) + len(self.items)


def late_work(*, agency_ids: AgencyIds, today: date, limit: int = 200) -> LateWork:
    """What ran late in the units and is still outstanding, the longest late
    first (at most ``limit`` of each kind)."""
    ids = list(agency_ids)
    opened = open_directives_by_target(agency_ids=ids)
    late = LateWork()
    applications = (
        applications_with_running_clock(agency_ids=ids)
        .filter(due_on__lt=today)
        .select_related("agency")
        .order_by("due_on", "tracking_number")[:limit]
    )
    late.applications = [
        _row(DirectiveKind.APPLICATION, a, a.due_on, today, opened)
        for a in applications
    ]
    for kind, model in (
        (DirectiveKind.REVIEW, AdministrativeReview),
        (DirectiveKind.LITIGATION, Litigation),
    ):
        cases = (
            model._default_manager.filter(
                agency_id__in=ids,
                answer_due__lt=today,
                answered_on__isnull=True,
                concluded_on__isnull=True,
            )
            .select_related("agency")
            .order_by("answer_due", "pk")[:limit]
        )
        late.answers += [_row(kind, c, c.answer_due, today, opened) for c in cases]
    late.answers.sort(key=lambda r: r.due_on or today)
    items = (
        items_overdue(agency_ids=ids, today=today)
        .select_related("agency")
        .order_by("publish_due_on", "pk")[:limit]
    )
    late.items = [
        _row(DirectiveKind.ITEM, i, i.publish_due_on, today, opened) for i in items
    ]
    return late


def _row(
    kind: str,
    record: Any,
    due_on: date | None,
    today: date,
    opened: dict[tuple[str, Any], Directive],
) -> LateRow:
    return LateRow(
        kind=kind,
        record=record,
        agency=record.agency,
        due_on=due_on,
        days=(today - due_on).days if due_on else 0,
        directive=opened.get((kind, record.pk)),
    )
