"""Read queries over reviews, lawsuits and complaints, used by views and ``reports``."""

from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

from django.db.models import Q, QuerySet

from .models import AdministrativeReview, Case, Complaint, Litigation

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
