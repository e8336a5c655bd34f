"""Chinese full-text search over the published catalogue.

Titles, summaries, bodies and the text of attachments are cut into words by jieba
(``segment``) and kept in one index per database: SQLite FTS5 by default,
PostgreSQL full text search in production (``backends``, chosen by the database in
use). ``search`` answers a ``SearchQuery``: the words of the query, all of them,
with filters (agency or region, category, subject, year, 第二十条 item, 文号) and
sorted by relevance (where the words are: title, then summary, then anywhere; the
newest first within each) or by date, a page of hits with highlighted titles and
snippets. A query that is an item's 索引号 or 文号 finds that item first (``exact``).

The public sees only published items: nothing else is ever put in the index, and
hits are checked against the catalogue once more before they are shown.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Attachment, Item, ItemStatus
from gongkai.core.compiled import compiled

from . import exact, highlight
from .backends import backend_for
from .backends.base import Along, PageRequest, search_page
from .index import index_items, search_rebuild, unindex_items
from .query import (
    HitAgency,
    HitItem,
    SearchFilters,
    SearchHit,
    SearchPage,
    SearchQuery,
    Sort,
    Tier,
)
from .segment import query_terms


def search(query: SearchQuery) -> SearchPage:
    """A page of published items matching every word of ``query.text``; with no
    words, the filtered catalogue itself, newest first unless asked otherwise.

    Hits are counted up to ``GONGKAI_SEARCH_COUNT_LIMIT``.
    """
    terms = query_terms(query.text) if query.text.strip() else []
    if not terms:
        return _browse(query)
    request = page_request(query, terms)
    first = query.page == 1
    backend = backend_for(connection)
    with connection.cursor() as cursor:
        total, ranked, along = search_page(backend, cursor, request, _hit_along())
        numbered = (
            exact.by_document_number(backend, cursor, request, query.text)
            if first
            else []
        )
    # The filtered queryset is built only for a text that can be a 索引号.
    indexed = (
        exact.by_index_number(filtered_items(query.filters), query.text)
        if first and exact.plausible(query.text)
        else []
    )
    # By primary key alone, the status checked here: with the status in the same
    # WHERE, SQLite (no planner statistics) walks the status index over the whole
    # catalogue instead of fetching a page of rows (1.4 ms instead of 0.02 ms).
    ranked_ids = [i for i, _ in ranked]
    brought = {row[0] for row in along}
    wanted = [
        i for i in dict.fromkeys([*ranked_ids, *numbered, *indexed]) if i not in brought
    ]
    rows = [*along, *(_hit_rows(ids=wanted) if wanted else [])]
    by_id = {
        row[0]: _hit_item(row[:-1]) for row in rows if row[-1] == ItemStatus.PUBLISHED
    }
    named = [
        i
        for i in dict.fromkeys([*indexed, *numbered])
        if i in by_id and exact.names(by_id[i], query.text)
    ]
    # Attachments (their text can run to pages) are read only for the hits that
    # need them: one whose title shows every word is explained by it, its snippet
    # the start of its summary or body; one whose summary or body does has its
    # snippet there (``highlight.Passage.every``: the snippet stops at it).
    own = {
        i: highlight.passage([item.summary, item.body], terms)
        for i, item in by_id.items()
    }
    texts = _attachment_texts(
        [
            i
            for i, item in by_id.items()
            if not own[i].every and not highlight.passage([item.title], terms).every
        ]
    )

    def shown(item_id: int) -> highlight.Passage:
        if not texts[item_id]:
            return own[item_id]
        item = by_id[item_id]
        return highlight.passage([item.summary, item.body, *texts[item_id]], terms)

    hits = [
        _hit(by_id[item_id], terms, shown(item_id), tier)
        for item_id, tier in ranked
        if item_id in by_id and item_id not in named
    ]
    # A 文号 found is one of the search's own matches, counted already; a 索引号
    # is not in the index, so its item is a match more unless on this page.
    extra = sum(1 for i in named if i not in ranked_ids and i not in numbered)
    return SearchPage(
        hits=hits,
        total=min(total, request.count_limit) + extra,
        query=query,
        terms=terms,
        more=total > request.count_limit,
        exact=[_hit(by_id[i], terms, shown(i), Tier.TITLE) for i in named],
    )


# What a hit's item carries (``HitItem``), in its order.
HIT_VALUES = (
    "pk",
    "agency_id",
    "agency__name",
    "index_number",
    "title",
    "document_number",
    "category",
    "summary",
    "body",
    "formed_on",
    "published_on",
)


@lru_cache(maxsize=1)
def _hit_along() -> Along:
    """``_hit_rows``'s columns, for the index to bring along with a first page:
    the same values in the same order (an id without a row brings NULLs, so is
    not shown, as an id ``_hit_rows`` does not find)."""
    item = {f.attname: f.column for f in Item._meta.concrete_fields}
    agency = {f.attname: f.column for f in Agency._meta.concrete_fields}
    columns = [
        f"agency.{agency[name.removeprefix('agency__')]}"
        if name.startswith("agency__")
        else f"item.{item[name]}"
        for name in (*HIT_VALUES[1:], "status")
    ]
    return Along(
        columns=", ".join(columns),
        joins=(
            f"LEFT JOIN {Item._meta.db_table} AS item "
            f"ON item.{item['id']} = page.item_id "
            f"LEFT JOIN {Agency._meta.db_table} AS agency "
            f"ON agency.{agency['id']} = item.{item['agency_id']}"
        ),
    )


def _hit_item(row: tuple[Any, ...]) -> HitItem:
    pk, agency_id, agency_name, *shown = row
    return HitItem(pk, HitAgency(agency_id, agency_name), *shown)


@compiled(ids=[-1])
def _hit_rows(*, ids: list[int]) -> QuerySet[Item, Any]:
    """The hits' items with their status, compiled once per number of hits."""
    return Item.objects.filter(pk__in=ids).values_list(*HIT_VALUES, "status")


def page_request(query: SearchQuery, terms: list[str]) -> PageRequest:
    """What the index is asked for ``query``, its words already cut."""
    return PageRequest(
        terms=tuple(terms),
        filters=query.filters,
        sort=query.sort,
        limit=query.per_page,
        offset=query.offset,
        count_limit=settings.GONGKAI_SEARCH_COUNT_LIMIT,
    )


def _published(items: QuerySet[Item]) -> QuerySet[Item]:
    return items.filter(status=ItemStatus.PUBLISHED).select_related("agency")


def _attachment_texts(item_ids: list[int]) -> dict[int, list[str]]:
    texts: dict[int, list[str]] = defaultdict(list)
    if not item_ids:  # no query, but Django would still build and compile one
        return texts
    rows = Attachment.objects.filter(item_id__in=item_ids).values_list(
        "item_id", "segments"
    )
    for item_id, segments in rows:
        texts[item_id] += [s["text"] for s in segments]
    return texts


def _hit(
    item: HitItem, terms: list[str], passage: highlight.Passage, tier: Tier | None
) -> SearchHit:
    return SearchHit(
        item=item,
        title_html=highlight.mark(item.title, terms),
        snippet_html=highlight.mark(passage.text, terms),
        tier=tier,
    )


def _browse(query: SearchQuery) -> SearchPage:
    """The published catalogue under the filters, without words to match."""
    items = filtered_items(query.filters)
    order = (
        ("published_on", "pk")
        if query.sort == Sort.OLDEST
        else ("-published_on", "-pk")
    )
    total = items.count()
    rows = items.order_by(*order).values_list(*HIT_VALUES)
    page = [
        _hit_item(row) for row in rows[query.offset : query.offset + query.per_page]
    ]
    hits = [
        SearchHit(
            item=item,
            title_html=highlight.mark(item.title, []),
            snippet_html=highlight.snippet([item.summary, item.body], []),
        )
        for item in page
    ]
    return SearchPage(hits=hits, total=total, query=query, terms=[])


def filtered_items(filters: SearchFilters) -> QuerySet[Item]:
    """The published items that ``filters`` select (the search's filters over the
    catalogue itself: for browsing, and for exporting a filtered list)."""
    items = _published(Item.objects.all())
    if filters.agency_ids is not None:
        items = items.filter(agency_id__in=filters.agency_ids)
    lookups = {
        "category": filters.category,
        "subject": filters.subject,
        "published_on__year": filters.year,
        "article20_item": filters.article20_item,
        "document_number__contains": filters.document_number,
    }
    return items.filter(**{k: v for k, v in lookups.items() if v not in ("", None)})


__all__ = [
    "SearchFilters",
    "SearchHit",
    "SearchPage",
    "SearchQuery",
    "Sort",
    "filtered_items",
    "index_items",
    "page_request",
    "search",
    "search_rebuild",
    "unindex_items",
]
