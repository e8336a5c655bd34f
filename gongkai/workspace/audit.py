"""Reading the audit: the events of one record, each with who, when, and what
changed (before and after), as every service wrote it (``gongkai.core.events``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Model

from gongkai.agencies.models import Agency
from gongkai.core.events import events_for
from gongkai.core.labels import DATA_LABELS, OTHER_DATA, verb_label
from gongkai.core.models import Event
from gongkai.core.workflow import state_name

# The verbs' labels are gongkai.core.labels's (the one place for them).
FOLLOWED = ("item", "application", "activity", "enquiry", "case", "review")


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class AuditEntry:
    event: Event
    label: str
    changes: list[Change]  # from the event's "before" and "after"
    details: dict[str, Any]  # the rest of what the event recorded
    shown: list[tuple[str, Any]]  # the details as a reader names them


def record_of(key: str, pk: str) -> Model | None:
    """The gongkai record named ``app_label.model`` and ``pk``, or None."""
    try:
        model = apps.get_model(key)
    except (LookupError, ValueError):
        return None
    if not model.__module__.startswith("gongkai."):
        return None
    try:
        return model._default_manager.filter(pk=pk).first()
    except (ValueError, TypeError):
        return None


def agency_of(record: Model) -> Agency | None:
    """The agency whose record this is: itself, its ``agency``, or the agency of
    the record it belongs to (a channel's item, a letter's application)."""
    if isinstance(record, Agency):
        return record
    if getattr(record, "agency_id", None):
        return record.agency  # type: ignore[attr-defined]
    for name in FOLLOWED:
        parent = getattr(record, name, None)
        if isinstance(parent, Model) and getattr(parent, "agency_id", None):
            return parent.agency  # type: ignore[attr-defined]
    return None


def entries_for(record: Model) -> list[AuditEntry]:
    return [_entry(event, type(record)) for event in events_for(record)]


def _field(model: type[Model], name: str) -> Any:
    """The field ``name`` of ``model``, else of any gongkai model (an event's data
    names the fields of the records a step touched), else None."""
    for candidate in (model, *_gongkai_models()):
        try:
            field = candidate._meta.get_field(name)
        except Exception:  # FieldDoesNotExist, or a model without _meta fields
            continue
        if getattr(field, "concrete", False):
            return field
    return None


def _gongkai_models() -> list[type[Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("gongkai.")]


# The fields a workflow moves (gongkai.core.workflow); a step's event records the
# state before and after without naming the field.
STATE_FIELDS = ("status", "stage", "state")


def shown_name(model: type[Model], name: str) -> str:
    """What a reader calls the data key or field ``name``."""
    if name in DATA_LABELS:
        return DATA_LABELS[name]
    field = _field(model, name) if name else _field(model, "status")
    if field is not None:
        return str(field.verbose_name)
    return OTHER_DATA


def shown_value(model: type[Model], name: str, value: Any) -> Any:
    """``value`` of ``name`` as a reader knows it: a choice by its label, yes or
    no, a report format by its name, a mapping as its labelled items."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "；".join(
            f"{shown_name(model, k)}：{shown_value(model, k, v)}"
            for k, v in value.items()
        )
    if isinstance(value, list):
        return "、".join(str(shown_value(model, name, v)) for v in value)
    if name == "format" and isinstance(value, str):
        return _format_name(value)
    field = _field(model, name or "status")
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if isinstance(value, str) and value in choices:
        return choices[value]
    if isinstance(value, str) and name in ("", *STATE_FIELDS):
        for state_field in (name,) if name else STATE_FIELDS:
            if (named := state_name(value, state_field=state_field)) is not None:
                return named
    return value


def _format_name(format_id: str) -> str:
    from gongkai.reports.formats import FormatError, get_format

    try:
        return get_format(format_id).name
    except FormatError:
        return format_id


def _entry(event: Event, model: type[Model] = Event) -> AuditEntry:
    data = dict(event.data or {})
    before = data.pop("before", None)
    after = data.pop("after", None)
    changes: list[Change] = []
    if isinstance(before, dict) or isinstance(after, dict):
        before, after = before or {}, after or {}
        changes = [
            Change(name, before.get(name), after.get(name))
            for name in dict.fromkeys([*before, *after])
            if before.get(name) != after.get(name)
        ]
    elif before is not None or after is not None:
        changes = [Change("", before, after)]
    return AuditEntry(
        event=event,
        label=verb_label(event.verb),
        changes=[
            Change(
                shown_name(model, c.field),
                shown_value(model, c.field, c.before),
                shown_value(model, c.field, c.after),
            )
            for c in changes
        ],
        details=data,
        shown=[
            (shown_name(model, key), shown_value(model, key, value))
            for key, value in data.items()
        ],
    )
