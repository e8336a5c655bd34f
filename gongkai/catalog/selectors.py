"""Read queries over the catalogue (主动公开), used by views and by ``reports``.

``agency_ids`` is a list of agency ids or a subquery of them (a region). Only items
that were published count as published: a draft is work in progress, and a withdrawn
item was still published when it was.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from gongkai.core.events import events_for
from gongkai.core.models import Event

from .models import (
    ArchiveTransfer,
    Category,
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


# -- the 政府信息公开专栏 (国办公开办函〔2019〕61号) ---------------------------------


def categories_for(agency_id: int | None) -> QuerySet[Category]:
    """An agency's 主动公开基本目录: the 通用目录 every agency shares, then its own
    categories (``gongkai.catalog.categories``); the 通用目录 alone without one."""
    shared = Q(agency__isnull=True)
    wanted = shared if agency_id is None else shared | Q(agency_id=agency_id)
    return Category.objects.filter(wanted).order_by(
        F("agency_id").asc(nulls_first=True), "position", "name"
    )


def category_counts(*, agency_ids: AgencyIds | None) -> dict[str, int]:
    """Published items by category name (all agencies when ``agency_ids`` is
    None): one aggregate query."""
    items = public_items()
    if agency_ids is not None:
        items = items.filter(agency_id__in=agency_ids)
    rows = items.exclude(category="").values("category").annotate(n=Count("pk"))
    return {row["category"]: row["n"] for row in rows.order_by()}


def article20_counts(*, agency_ids: AgencyIds) -> dict[int, int]:
    """Published items by the 第二十条 item they fulfil: one aggregate query."""
    rows = (
        public_items()
        .filter(agency_id__in=agency_ids, article20_item__isnull=False)
        .values("article20_item")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        number: row["n"]
        for row in rows
        if (number := row["article20_item"]) is not None
    }


def documents_listed(*, agency_ids: AgencyIds, validity: str = "") -> QuerySet[Item]:
    """The 规范性文件 library: published rules and normative documents, newest
    issue first, with their published interpretations (三同步), filtered by
    validity (有效, 失效, 废止) when asked."""
    found = documents(agency_ids=agency_ids).filter(status=ItemStatus.PUBLISHED)
    if validity:
        found = found.filter(validity=validity)
    published = Interpretation.objects.filter(published_on__isnull=False).only(
        "title", "form", "published_on", "item_id", "agency_id"
    )
    return (
        found.select_related("agency")
        .prefetch_related(Prefetch("interpretations", queryset=published))
        .order_by("-formed_on", "-pk")
    )


def interpretations_listed(*, agency_ids: AgencyIds) -> QuerySet[Interpretation]:
    """Published interpretations, newest first, each with the document it explains
    (shown only when that document is itself public)."""
    return (
        Interpretation.objects.filter(
            agency_id__in=agency_ids, published_on__isnull=False
        )
        .select_related("item", "agency")
        .order_by("-published_on", "-pk")
    )


def interpretation_public(
    *, agency_id: int, interpretation_id: int
) -> Interpretation | None:
    """A published interpretation of ``agency_id``, with its document."""
    found = interpretations_listed(agency_ids=[agency_id]).filter(pk=interpretation_id)
    return next(iter(found), None)


def categories_in_use(*, agency_ids: AgencyIds | None) -> list[str]:
    """The categories a catalogue filter offers: those of the scheme (the 通用目录,
    then the agencies' own) that hold published items within ``agency_ids`` (all
    agencies when None), in the scheme's order; two queries."""
    counts = category_counts(agency_ids=agency_ids)
    scheme = Category.objects.order_by(
        F("agency_id").asc(nulls_first=True), "position", "name"
    )
    if agency_ids is not None:
        scheme = scheme.filter(Q(agency__isnull=True) | Q(agency_id__in=agency_ids))
    names = dict.fromkeys(scheme.values_list("name", flat=True))
    return [name for name in names if counts.get(name)]
