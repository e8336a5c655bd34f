"""Writing to the event log: the one way every service records what it did."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.dispatch import Signal

from .models import Event

# Sent by ``event_record`` inside the transaction that wrote the event, with
# ``event`` and ``target``: a room that follows what happens elsewhere (the
# applicant's notices, gongkai.notices) receives it without the writer importing it.
event_recorded = Signal()


def event_record(
    *, actor: Any, verb: str, target: models.Model, data: dict[str, Any] | None = None
) -> Event:
    """Append one event. ``actor`` is a user, or None for the system itself."""
    event = Event.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        data=data or {},
    )
    event_recorded.send(sender=Event, event=event, target=target)
    return event


def events_for(target: models.Model) -> models.QuerySet[Event]:
    """The audit trail of one record, newest first."""
    return Event.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk)
    ).select_related("actor")
