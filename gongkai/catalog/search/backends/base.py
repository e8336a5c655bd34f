"""What a search backend does, and what both backends share.

Every indexed item has a *sort key*: its publication day and its id in one integer
(``day << 32 | id``). Ordered by it, the index lists items newest first without
reading them, so a page sorted by date costs the page and not the matches, and a
year is a range of keys.

Relevance is *where* the words are found (``Tier``): items with every word in the
title come first, then those with every word in the title or the summary, then the
rest; within a tier, the newest first (docs/adr/0011). Each tier is a query the
index answers newest first, so a page by relevance, like a page by date, costs the
page and not the matches: no query scores every item that has a common word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, Protocol

from ..query import Hit, SearchFilters, Sort, Tier

Params = list[Any]
ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1
IndexKey = tuple[int, date | None]  # an item's id and publication day
Row = tuple[Any, ...]


class Along(NamedTuple):
    """What a search asks to be brought along with its first page's ids, where
    that saves a round trip to the database (PostgreSQL): ``columns`` of each
    id's row, reached by ``joins`` from ``page.item_id`` (an id with no row
    brings NULLs). SQLite, in the process, has no round trip to save."""

    columns: str
    joins: str


def sort_key(item_id: int, published_on: date | None) -> int:
    """The item's place in the index: newer publication, greater key."""
    if item_id > ID_MASK:
        raise ValueError(f"item id {item_id} does not fit the search index's key")
    day = published_on.toordinal() if published_on else 0
    return day << ID_BITS | item_id


def item_id_of(key: int) -> int:
    return key & ID_MASK


def year_keys(year: int) -> tuple[int, int]:
    """The first and last sort keys of a year's publications."""
    first = date(year, 1, 1).toordinal() << ID_BITS
    last = (date(year, 12, 31).toordinal() + 1 << ID_BITS) - 1
    return first, last


@dataclass(frozen=True)
class IndexRow:
    """One published item as the index holds it: words cut by jieba (separated by
    spaces) in four weighted parts, and what the filters read."""

    item_id: int
    title: str
    summary: str
    body: str
    attachments: str
    agency_id: int
    category: str
    subject: str
    article20: int | None
    document_number: str
    published_on: date | None

    @property
    def key(self) -> int:
        return sort_key(self.item_id, self.published_on)


@dataclass(frozen=True)
class PageRequest:
    """One page of a search, as a backend answers it: every term required, the
    filters, the order, the page, and where counting stops."""

    terms: tuple[str, ...]
    filters: SearchFilters
    sort: Sort
    limit: int
    offset: int
    count_limit: int


class Backend(Protocol):
    name: str

    def insert(self, cursor: Any, rows: Sequence[IndexRow]) -> None: ...
    def delete(self, cursor: Any, keys: Sequence[IndexKey]) -> None: ...
    def clear(self, cursor: Any) -> None: ...
    def size(self, cursor: Any) -> int: ...
    def before_bulk(self, cursor: Any) -> None: ...
    def after_bulk(self, cursor: Any) -> None: ...
    def count(
        self,
        cursor: Any,
        request: PageRequest,
        limit: int,
        tier: Tier | None = None,
    ) -> int:
        """How many items match (in ``tier``, or at all), counting no further
        than ``limit`` + 1."""
        ...

    def page(
        self,
        cursor: Any,
        request: PageRequest,
        limit: int,
        offset: int,
        tier: Tier | None = None,
    ) -> list[int]:
        """The ids of the matches (in ``tier``, or all), in the request's date
        order (by relevance: newest first), ``limit`` from ``offset``."""
        ...

    def first_page(
        self,
        cursor: Any,
        request: PageRequest,
        tier: Tier | None,
        along: Along | None = None,
    ) -> tuple[int, list[int], list[Row]]:
        """``count`` (up to ``request.count_limit``) and the first page of
        ``tier`` (``request.limit`` ids from the start), asked together where the
        database allows: a search's first page is most of its pages. With
        ``along``, the rows of the page's ids (each its id, then the columns),
        where they come in the same round trip; else none."""
        ...

    def full_rank(self, cursor: Any, terms: Sequence[str], limit: int) -> list[int]:
        """The classic query, scoring every match (BM25, ``ts_rank``) to keep the
        best: for the benchmark, to show what the tiers save."""
        ...


class Found(NamedTuple):
    """A page of a search as the index answers it."""

    total: int  # exact up to the request's ``count_limit``; more means more
    hits: list[Hit]
    along: list[Row]  # the rows brought along (``Along``), of some hits or none


def search_page(
    backend: Backend, cursor: Any, request: PageRequest, along: Along | None = None
) -> Found:
    """How many items match (exactly up to ``request.count_limit``, or more) and
    the requested page: by date, one query; by relevance, the tiers in turn,
    each from where the page starts in it. A first page is counted and its first
    query asked together, with ``along`` (``Backend.first_page``)."""
    tiers: list[Tier | None] = list(Tier) if request.sort == Sort.RELEVANCE else [None]
    first: list[int] | None = None
    rows: list[Row] = []
    if request.offset:
        total = backend.count(cursor, request, request.count_limit)
    else:
        total, first, rows = backend.first_page(cursor, request, tiers[0], along)
    if total <= request.offset:
        return Found(total, [], [])
    hits: list[Hit] = []
    skip = request.offset  # of the page's start, how much is still ahead
    exact = total <= request.count_limit
    for tier in tiers:
        wanted = request.limit - len(hits)
        if not wanted or (exact and request.offset + len(hits) >= total):
            break  # the page is full, or every match is on it or before it
        if first is not None:
            ids, first = first, None
        else:
            ids = backend.page(cursor, request, wanted, skip, tier)
        hits += [(item_id, tier) for item_id in ids]
        if ids:
            skip = 0
        elif skip and tier is not tiers[-1]:  # it starts after this tier: how far?
            skip -= backend.count(cursor, request, skip, tier)
    return Found(total, hits, rows)
