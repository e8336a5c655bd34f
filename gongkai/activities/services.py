"""Recording activities the annual report counts."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from gongkai.core.events import event_record

from .models import Activity, ActivityChannel


@transaction.atomic
def activity_record(
    *,
    acting_user: Any,
    agency: Any,
    kind: str,
    held_on: date,
    channels: Iterable[str] = (),
    **fields: Any,
) -> Activity:
    """Record an activity; a response to public concern lists the ways it was made."""
    activity = Activity(agency=agency, kind=kind, held_on=held_on, **fields)
    activity.full_clean()
    activity.save()
    ActivityChannel.objects.bulk_create(
        ActivityChannel(activity=activity, channel=c) for c in dict.fromkeys(channels)
    )
    event_record(
        actor=acting_user,
        verb="activity_recorded",
        target=activity,
        data={"kind": kind, "held_on": held_on.isoformat()},
    )
    return activity
