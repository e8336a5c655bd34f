"""Changes to agencies and their yearly facts. Each is atomic and leaves one event."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core.events import event_record

from .guide import GUIDE_FIELDS
from .models import Agency, AgencyYear, AttestedFigure, Guide


@transaction.atomic
def agency_create(
    *,
    acting_user: Any,
    name: str,
    level: str,
    kind: str,
    parent: Agency | None = None,
    credit_code: str | None = None,
    short_name: str = "",
) -> Agency:
    agency = Agency(
        name=name,
        level=level,
        kind=kind,
        parent=parent,
        credit_code=credit_code or None,
        short_name=short_name,
    )
    agency.full_clean(exclude=["path"])
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
    *, acting_user: Any, agency: Agency, year: int, **fields: Any
) -> AgencyYear:
    """Record the disclosure office, staff and budget of an agency in a year."""
    record, _ = AgencyYear.objects.select_for_update().get_or_create(
        agency=agency, year=year
    )
    before = {name: _plain(getattr(record, name)) for name in fields}
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    event_record(
        actor=acting_user,
        verb="agency_year_recorded",
        target=record,
        data={"before": before, "after": {k: _plain(v) for k, v in fields.items()}},
    )
    return record


@transaction.atomic
def attested_figure_set(
    *,
    acting_user: Any,
    agency: Agency,
    year: int,
    key: str,
    value: Decimal | int,
    source_document: str,
    attested_at: datetime | None = None,
) -> AttestedFigure:
    """Attest a figure held by another system. Who attests it and from which
    document are required: the report shows them as the figure's source."""
    if not getattr(acting_user, "pk", None):
        raise ValueError("证明数字须由具体工作人员填报。")
    if not source_document.strip():
        raise ValueError("请填写该数字的来源文件。")
    figure = AttestedFigure.objects.filter(agency=agency, year=year, key=key).first()
    before = _plain(figure.value) if figure else None
    figure = figure or AttestedFigure(agency=agency, year=year, key=key)
    figure.value = Decimal(value)
    figure.source_document = source_document.strip()
    figure.attested_by = acting_user
    figure.attested_at = attested_at or timezone.now()
    figure.full_clean()
    figure.save()
    event_record(
        actor=acting_user,
        verb="figure_attested",
        target=figure,
        data={
            "key": key,
            "before": before,
            "after": _plain(figure.value),
            "source": figure.source_document,
        },
    )
    return figure


@transaction.atomic
def guide_update(*, acting_user: Any, agency: Agency, **fields: str) -> Guide:
    """Write an agency's guide (指南) in place: created on first use, then updated
    (《政府信息公开条例》第十二条: the guide "应当及时更新"). The event keeps what
    changed, before and after."""
    unknown = set(fields) - {name for name, _ in GUIDE_FIELDS}
    if unknown:
        raise ValidationError(f"指南没有这些项目：{'、'.join(sorted(unknown))}")
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
    guide.full_clean()
    guide.save()
    event_record(actor=acting_user, verb="guide_updated", target=guide, data=changed)
    return guide


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value
