"""Read queries over applications (依申请公开), used by views and by ``reports``.

``agency_ids`` is a list of agency ids or a subquery of them (a region), so one call
covers one agency or a whole subtree. Dates are local dates, both ends included.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from .models import Application

AgencyIds = Iterable[int] | QuerySet


def applications_received(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[Application]:
    """Applications received (收到申请之日, 第三十一条) from ``start`` to ``end``."""
    return Application.objects.filter(
        agency_id__in=agency_ids, received_on__range=(start, end)
    )


def applications_closed(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[Application]:
    """Applications answered or otherwise ended between ``start`` and ``end``."""
    return Application.objects.filter(
        agency_id__in=agency_ids, closed_on__range=(start, end)
    )


def applications_pending_at(
    *, agency_ids: AgencyIds, day: date
) -> QuerySet[Application]:
    """Applications received by ``day`` and still open at its end.

    Pending at 31 December is a year's 结转下年度继续办理; pending at the 31 December
    before is its 上年结转 — the same set, which is why the two always agree.
    """
    return Application.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=day),
        agency_id__in=agency_ids,
        received_on__lte=day,
    )
