"""Read queries over the catalogue (主动公开), used by views and by ``reports``.

``agency_ids`` is a list of agency ids or a subquery of them (a region). Only items
that were published count as published: a draft is work in progress, and a withdrawn
item was still published when it was.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet

from .models import ArchiveTransfer, DocumentKind, Interpretation, Item, ItemChannel

AgencyIds = Iterable[int] | QuerySet

PUBLIC_STATUSES = (Item.Status.PUBLISHED, Item.Status.WITHDRAWN)
DOCUMENT_KINDS = (DocumentKind.RULE, DocumentKind.NORMATIVE)


def items_published(*, agency_ids: AgencyIds, start: date, end: date) -> QuerySet[Item]:
    """Items first published between ``start`` and ``end``: each once, whatever the
    number of channels that carry it."""
    return Item.objects.filter(
        agency_id__in=agency_ids,
        published_on__range=(start, end),
        status__in=PUBLIC_STATUSES,
    )


def item_channels_published(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[ItemChannel]:
    """Channel publications of the items first published in the period, made in it.

    Restricting to the period's items keeps every channel's count within the total
    (an item first published the year before and reposted on 微博 this year is not
    one of this year's items).
    """
    return ItemChannel.objects.filter(
        item__agency_id__in=agency_ids,
        item__published_on__range=(start, end),
        item__status__in=PUBLIC_STATUSES,
        published_on__range=(start, end),
    )


def documents(*, agency_ids: AgencyIds) -> QuerySet[Item]:
    """Rules (规章) and normative documents (行政规范性文件) in the catalogue, of any
    year: whether one is in force at a date depends on its issue and repeal dates."""
    return Item.objects.filter(
        agency_id__in=agency_ids,
        document_kind__in=DOCUMENT_KINDS,
        status__in=PUBLIC_STATUSES,
    )


def interpretations_published(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[Interpretation]:
    return Interpretation.objects.filter(
        agency_id__in=agency_ids, published_on__range=(start, end)
    )


def archive_transfers(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[ArchiveTransfer]:
    """Batches sent to archives and libraries (第二十五条) in the period."""
    return ArchiveTransfer.objects.filter(
        agency_id__in=agency_ids, sent_on__range=(start, end)
    )
