"""Changes to agencies and their yearly facts. Each is atomic and leaves one event.

Each takes the acting user (None: the system itself) and refuses, before it does
anything, a user whose role or scope does not cover the agency: the agency tree is
the administrator's; an agency's yearly set-up (office, staff, budget) and the
figures attested from other systems are the disclosure office head's
(``attested.enter``); the guide is proactively disclosed information
(``item.edit``). A year's set-up and its attested figures count in that year's
report, so once it is published they change only as an adjustment with a reason
(``gongkai.agencies.periods.year_guard``).
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused

from .guide import GUIDE_FIELDS
from .models import (
    Agency,
    AgencyYear,
    AttestedFigure,
    Gathering,
    Guide,
    Meeting,
    Training,
)
from .periods import year_guard


@transaction.atomic
def agency_create(
    *,
    acting_user: User | None,
    name: str,
    level: str,
    kind: str,
    parent: Agency | None = None,
    credit_code: str | None = None,
    short_name: str = "",
) -> Agency:
    """Add an agency to the tree (under ``parent``): the administrator's work."""
    authorize(acting_user, Permission.AGENCY_MANAGE)
    agency = Agency(
        name=name,
        level=level,
        kind=kind,
        parent=parent,
        credit_code=credit_code or None,
        short_name=short_name,
    )
    _valid(agency, exclude=["path"])
    agency.save()
    event_record(
        actor=acting_user,
        verb="agency_created",
        target=agency,
        data={"name": name, "parent": parent.pk if parent else None},
    )
    return agency


@transaction.atomic
def agency_year_set(
    *,
    acting_user: User | None,
    agency: Agency,
    year: int,
    office_name: str | None = None,
    dedicated_offices: int | None = None,
    full_time_staff: int | None = None,
    part_time_staff: int | None = None,
    budget: Decimal | None = None,
    adjustment: str = "",
) -> AgencyYear:
    """Record the disclosure office, staff and budget of an agency in a year
    (table 六's 机构设置). Only the facts given change; the event keeps them
    before and after."""
    authorize(acting_user, Permission.ATTESTED_ENTER, agency)
    given: dict[str, Any] = {
        name: value
        for name, value in (
            ("office_name", office_name),
            ("dedicated_offices", dedicated_offices),
            ("full_time_staff", full_time_staff),
            ("part_time_staff", part_time_staff),
            ("budget", budget),
        )
        if value is not None
    }
    record, _ = AgencyYear.objects.select_for_update().get_or_create(
        agency=agency, year=year
    )
    before = {name: _plain(getattr(record, name)) for name in given}
    for name, value in given.items():
        setattr(record, name, value)
    _valid(record)
    made = year_guard(
        agency=agency,
        years={year},
        acting_user=acting_user,
        adjustment=adjustment,
        record=record,
        what=f"{year}年机构设置",
    )
    record.save()
    event_record(
        actor=acting_user,
        verb="agency_year_recorded",
        target=record,
        data=_with_adjustment(
            {"before": before, "after": {k: _plain(v) for k, v in given.items()}},
            adjustment if made else "",
        ),
    )
    return record


@transaction.atomic
def attested_figure_set(
    *,
    acting_user: User | None,
    agency: Agency,
    year: int,
    key: str,
    value: Decimal | int,
    source_document: str,
    attested_at: datetime | None = None,
    adjustment: str = "",
) -> AttestedFigure:
    """Attest a figure held by another system. Who attests it and from which
    document are required: the report shows them as the figure's source."""
    authorize(acting_user, Permission.ATTESTED_ENTER, agency)
    if acting_user is None or not acting_user.pk:
        raise Refused("证明数字须由具体工作人员填报。", code="person")
    if not source_document.strip():
        raise Refused("请填写该数字的来源文件。", code="source")
    figure = (
        AttestedFigure.objects.select_for_update()
        .filter(agency=agency, year=year, key=key)
        .first()
    )
    before = _plain(figure.value) if figure else None
    figure = figure or AttestedFigure(agency=agency, year=year, key=key)
    figure.value = Decimal(value)
    figure.source_document = source_document.strip()
    figure.attested_by = acting_user
    figure.attested_at = attested_at or timezone.now()
    _valid(figure)
    made = year_guard(
        agency=agency,
        years={year},
        acting_user=acting_user,
        adjustment=adjustment,
        record=figure if figure.pk else None,
        what=f"{year}年核定数字 {key}",
    )
    figure.save()
    event_record(
        actor=acting_user,
        verb="figure_attested",
        target=figure,
        data=_with_adjustment(
            {
                "key": key,
                "before": before,
                "after": _plain(figure.value),
                "source": figure.source_document,
            },
            adjustment if made else "",
        ),
    )
    return figure


@transaction.atomic
def guide_update(*, acting_user: User | None, agency: Agency, **fields: str) -> Guide:
    """Write an agency's guide (指南) in place: created on first use, then updated
    (《政府信息公开条例》第十二条: the guide "应当及时更新"). The event keeps what
    changed, before and after. ``fields`` are items of ``GUIDE_FIELDS`` (text)."""
    authorize(acting_user, Permission.ITEM_EDIT, agency)
    unknown = set(fields) - {name for name, _ in GUIDE_FIELDS}
    if unknown:
        raise Refused(
            f"指南没有这些项目：{'、'.join(sorted(unknown))}", code="guide_field"
        )
    guide = Guide.objects.select_for_update().filter(agency=agency).first()
    guide = guide or Guide(agency=agency)
    changed = {
        name: [getattr(guide, name), value.strip()]
        for name, value in fields.items()
        if getattr(guide, name) != value.strip()
    }
    if guide.pk and not changed:
        return guide  # nothing changed: no save, no event
    for name, (_, value) in changed.items():
        setattr(guide, name, value)
    guide.updated_by = acting_user if getattr(acting_user, "pk", None) else None
    _valid(guide)
    guide.save()
    event_record(actor=acting_user, verb="guide_updated", target=guide, data=changed)
    return guide


GATHERINGS: dict[str, type[Gathering]] = {"meeting": Meeting, "training": Training}


@transaction.atomic
def gathering_record(
    *,
    acting_user: User | None,
    kind: str,
    agency: Agency,
    held_on: date,
    title: str,
    attendees: int = 0,
    adjustment: str = "",
) -> Gathering:
    """Record a disclosure meeting or training (``kind``: "meeting" or "training"),
    which table 六 (legacy formats) counts in the year it was held."""
    authorize(acting_user, Permission.ACTIVITY_RECORD, agency)
    model = GATHERINGS[kind]
    record = model(agency=agency, held_on=held_on, title=title, attendees=attendees)
    _valid(record)
    made = year_guard(
        agency=agency,
        years={held_on.year},
        acting_user=acting_user,
        adjustment=adjustment,
        record=record,
        what=f"{model._meta.verbose_name}：{title}"[:200],
    )
    record.save()
    event_record(
        actor=acting_user,
        verb=f"{kind}_recorded",
        target=record,
        data=_with_adjustment(
            {"held_on": held_on.isoformat(), "title": title, "attendees": attendees},
            adjustment if made else "",
        ),
    )
    return record


@transaction.atomic
def gathering_delete(
    *, acting_user: User | None, record: Gathering, adjustment: str = ""
) -> None:
    """Delete a meeting or training recorded by mistake; the event keeps what it
    was."""
    authorize(acting_user, Permission.ACTIVITY_RECORD, record.agency)
    made = year_guard(
        agency=record.agency,
        years={record.held_on.year},
        acting_user=acting_user,
        adjustment=adjustment,
        record=record,
        what=f"删除：{record.title}"[:200],
    )
    kind = "meeting" if isinstance(record, Meeting) else "training"
    event_record(
        actor=acting_user,
        verb=f"{kind}_deleted",
        target=record,
        data=_with_adjustment(
            {"held_on": record.held_on.isoformat(), "title": record.title},
            adjustment if made else "",
        ),
    )
    record.delete()


def _valid(record: models.Model, exclude: list[str] | None = None) -> None:
    """The model's own validation, refused as the one refusal (field by field)."""
    try:
        record.full_clean(exclude=exclude)
    except ValidationError as error:
        raise Refused(error.update_error_dict({})) from error


def _with_adjustment(data: dict[str, Any], adjustment: str) -> dict[str, Any]:
    """The event's data, with the adjustment's reason when the write was one."""
    if adjustment.strip():
        data["adjustment"] = adjustment.strip()
    return data


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value
