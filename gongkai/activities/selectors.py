"""Read queries over activities, used by views and by ``reports``."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import QuerySet

from .models import Activity, ActivityChannel, Enquiry

AgencyIds = Iterable[int] | QuerySet[Any, Any]


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


def enquiries_published(*, agency_ids: AgencyIds | None = None) -> QuerySet[Enquiry]:
    """Answered enquiries shown on the portal, newest answer first."""
    found = Enquiry.objects.filter(published_at__isnull=False)
    if agency_ids is not None:
        found = found.filter(agency_id__in=agency_ids)
    return found.select_related("agency").order_by("-answered_on", "-pk")


def enquiries_of(*, agency_ids: AgencyIds) -> QuerySet[Enquiry]:
    """Every enquiry to the agencies, unanswered first, then the newest."""
    return (
        Enquiry.objects.filter(agency_id__in=agency_ids)
        .select_related("agency", "answered_by")
        .order_by("answered_on", "-asked_at")
    )


def enquiries_waiting(*, agency_ids: AgencyIds) -> QuerySet[Enquiry]:
    """Enquiries not yet answered, oldest first."""
    return Enquiry.objects.filter(
        agency_id__in=agency_ids, answered_on__isnull=True
    ).order_by("asked_at")


def activities_of(*, agency_ids: AgencyIds) -> QuerySet[Activity]:
    """Every activity of the agencies, the latest first."""
    return (
        Activity.objects.filter(agency_id__in=agency_ids)
        .select_related("agency")
        .order_by("-held_on", "-pk")
    )
