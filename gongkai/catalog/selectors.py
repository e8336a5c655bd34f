"""Read queries over the catalogue (主动公开), used by views and by ``reports``.

``agency_ids`` is a list of agency ids or a subquery of them (a region). Only items
that were published count as published: a draft is work in progress, and a withdrawn
item was still published when it was.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from gongkai.core.events import events_for
from gongkai.core.models import Event

from .models import (
    ArchiveTransfer,
    Disclosure,
    DocumentKind,
    Interpretation,
    Item,
    ItemChannel,
    ItemStatus,
)

AgencyIds = Iterable[int] | QuerySet[Any, Any]

PUBLIC_STATUSES = (ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN)
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


# -- timeliness (《政府信息公开条例》第二十六条) ---------------------------------------

LATE = Q(published_on__gt=F("publish_due_on"))


def items_published_late(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[Item]:
    """Items first published in the period after their Art. 26 deadline."""
    return items_published(agency_ids=agency_ids, start=start, end=end).filter(LATE)


def items_overdue(*, agency_ids: AgencyIds, today: date) -> QuerySet[Item]:
    """主动公开 items not yet published whose deadline has passed: late already."""
    return Item.objects.filter(
        agency_id__in=agency_ids,
        disclosure=Disclosure.PROACTIVE,
        published_on__isnull=True,
        publish_due_on__lt=today,
    ).exclude(status=ItemStatus.WITHDRAWN)


def lateness_by_agency(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[Any, Any]:
    """Per agency: items first published in the period, and how many of them were
    late (rows of ``agency_id``, ``agency__name``, ``published``, ``late``)."""
    return (
        items_published(agency_ids=agency_ids, start=start, end=end)
        .values("agency_id", "agency__name")
        .annotate(published=Count("pk"), late=Count("pk", filter=LATE))
        .order_by("agency__name")
    )


# -- the record of one item ----------------------------------------------------------


def item_history(item: Item) -> QuerySet[Event]:
    """Every step taken on an item, newest first: who, when, what."""
    return events_for(item)


def public_items() -> QuerySet[Item]:
    """What the public may see: published items only."""
    return Item.objects.filter(status=ItemStatus.PUBLISHED)


def items_not_transferred(
    *, agency_ids: AgencyIds, recipient: str, until: date
) -> QuerySet[Item]:
    """Published items, published by ``until``, not yet sent to ``recipient``
    (for the next batch to an archive or library, 第二十五条)."""
    return Item.objects.filter(
        agency_id__in=agency_ids,
        status=ItemStatus.PUBLISHED,
        published_on__lte=until,
    ).exclude(archive_transfers__recipient=recipient)
