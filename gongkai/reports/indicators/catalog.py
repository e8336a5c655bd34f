"""Indicators of proactive disclosure (主动公开): table 二 and the statistics tables'
"一、主动公开情况"."""

from django.db.models import F, Q, QuerySet, Sum

from gongkai.catalog import selectors
from gongkai.catalog.models import DocumentKind, Item, Origin, PublicationChannel
from gongkai.reports.scope import Scope, YearBounds

from .base import BOOLEANS, COUNT, Family, Filter, Indicator, Measure, Pick

DOCUMENT_KINDS = frozenset(DocumentKind.values)


def _not_repealed_by(bounds: YearBounds) -> Q:
    """A document is in force, or still public, at year end unless repealed by then."""
    return Q(repealed_on__isnull=True) | Q(repealed_on__gt=bounds.end)


PUBLISHED = Family(
    name="catalog.items_published",
    model="catalog.item",
    source=lambda scope, b: selectors.items_published(
        agency_ids=scope.agency_ids, start=b.start, end=b.end
    ),
    dimensions={"document_kind": "document_kind", "origin": "origin"},
    measures={"count": COUNT, "late": Measure(where=lambda b: selectors.LATE)},
)


def _items_carried(channel_rows: QuerySet) -> QuerySet:
    return Item.objects.filter(pk__in=channel_rows.values("item_id"))


CHANNELS = Family(
    name="catalog.item_channels",
    model="catalog.item",
    source=lambda scope, b: selectors.item_channels_published(
        agency_ids=scope.agency_ids, start=b.start, end=b.end
    ),
    dimensions={"channel": "channel"},
    records=_items_carried,
    record_key="item_id",
    fanout=frozenset({"channel"}),
)


def _documents(scope: Scope, bounds: YearBounds) -> QuerySet:
    return selectors.documents(agency_ids=scope.agency_ids)


DOCUMENTS = Family(
    name="catalog.documents",
    model="catalog.item",
    source=_documents,
    dimensions={"document_kind": "document_kind"},
    measures={
        "count": COUNT,
        "issued": Measure(where=lambda b: Q(formed_on__range=b.range())),
        "published": Measure(where=lambda b: Q(published_on__range=b.range())),
        "public_total": Measure(
            where=lambda b: Q(published_on__lte=b.end) & _not_repealed_by(b)
        ),
        "repealed": Measure(where=lambda b: Q(repealed_on__range=b.range())),
        "in_force": Measure(
            where=lambda b: Q(formed_on__lte=b.end) & _not_repealed_by(b)
        ),
    },
)

INTERPRETATIONS = Family(
    name="catalog.interpretations",
    model="catalog.interpretation",
    source=lambda scope, b: selectors.interpretations_published(
        agency_ids=scope.agency_ids, start=b.start, end=b.end
    ),
    dimensions={"by_principal_leader": "by_principal_leader"},
)

ARCHIVE_TRANSFERS = Family(
    name="catalog.archive_transfers",
    model="catalog.archivetransfer",
    source=lambda scope, b: selectors.archive_transfers(
        agency_ids=scope.agency_ids, start=b.start, end=b.end
    ),
    measures={
        "count": COUNT,
        "paper": Measure(Sum, "paper_items"),
        "electronic": Measure(Sum, "electronic_items"),
        "total": Measure(Sum, F("paper_items") + F("electronic_items")),
    },
)

_DOCUMENT_KIND = Filter("document_kind", DOCUMENT_KINDS - {""})


def _documents_indicator(name: str, label: str, measure: str) -> Indicator:
    return Indicator(
        name=name,
        label=label,
        families=(DOCUMENTS,),
        filters=(_DOCUMENT_KIND,),
        measure=measure,
    )


INDICATORS = [
    Indicator(
        name="catalog.published",
        label="本年主动公开政府信息数（不同渠道公开的同一信息计1条）",
        families=(PUBLISHED,),
        filters=(
            Filter("document_kind", DOCUMENT_KINDS),
            Filter("origin", frozenset(Origin.values)),
        ),
    ),
    Indicator(
        name="catalog.published_late",
        label="未在规定时限内公开的政府信息数（条例第二十六条）",
        families=(PUBLISHED,),
        filters=(
            Filter("document_kind", DOCUMENT_KINDS),
            Filter("origin", frozenset(Origin.values)),
        ),
        measure="late",
    ),
    Indicator(
        name="catalog.channel",
        label="本年通过该渠道公开的政府信息数",
        families=(CHANNELS,),
        filters=(Filter("channel", frozenset(PublicationChannel.values)),),
    ),
    _documents_indicator("catalog.documents_issued", "本年制发件数", "issued"),
    _documents_indicator("catalog.documents_published", "本年新公开数量", "published"),
    _documents_indicator(
        "catalog.documents_public_total", "对外公开总数量", "public_total"
    ),
    _documents_indicator("catalog.documents_repealed", "本年废止件数", "repealed"),
    _documents_indicator("catalog.documents_in_force", "现行有效件数", "in_force"),
    Indicator(
        name="catalog.interpretations",
        label="政策解读稿件发布数",
        families=(INTERPRETATIONS,),
        filters=(Filter("principal_leader", BOOLEANS, column="by_principal_leader"),),
    ),
    Indicator(
        name="catalog.archive_items",
        label="向档案馆、图书馆报送的信息数",
        families=(ARCHIVE_TRANSFERS,),
        pick=Pick(
            "medium", {"paper": "paper", "electronic": "electronic"}, default="total"
        ),
    ),
]
