"""Read queries over activities, used by views and by ``reports``."""

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet

from .models import Activity, ActivityChannel

AgencyIds = Iterable[int] | QuerySet


def activities_held(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[Activity]:
    return Activity.objects.filter(
        agency_id__in=agency_ids, held_on__range=(start, end)
    )


def activity_channels_used(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[ActivityChannel]:
    """The ways the period's activities took: a response made on 微博 and at a press
    conference is one row for each."""
    return ActivityChannel.objects.filter(
        activity__agency_id__in=agency_ids, activity__held_on__range=(start, end)
    )
