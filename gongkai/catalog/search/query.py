"""What a search asks and what it answers (no database here): the query, the
filters, the order, the page of hits, and the relevance tiers the backends (which
import this module, never the other way round) rank by."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum
from typing import NamedTuple

from ..categories import canonical

MAX_PER_PAGE = 100


class Tier(IntEnum):
    """Where every word of a query is found, the most relevant first."""

    TITLE = 1  # the title (with its 文号)
    HEAD = 2  # the title or the summary (with the keywords), not the title alone
    TEXT = 3  # anywhere else too: the body, the attachments


Hit = tuple[int, Tier | None]  # an item id, and its tier when sorted by relevance


class Sort(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"


@dataclass(frozen=True)
class SearchFilters:
    """Narrowing a search: every filter given must hold. ``agency_ids`` is one
    agency or a region (a government and the agencies under it)."""

    agency_ids: tuple[int, ...] | None = None
    category: str = ""
    subject: str = ""
    year: int | None = None
    article20_item: int | None = None
    document_number: str = ""  # a part of the 文号 is enough: 〔2019〕3号

    def __post_init__(self) -> None:
        """A category asked for by an older name of the 通用目录's is its name
        (``gongkai.catalog.categories``)."""
        object.__setattr__(self, "category", canonical(self.category))


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    per_page: int = 20

    def __post_init__(self) -> None:
        if self.page < 1 or not 1 <= self.per_page <= MAX_PER_PAGE:
            raise ValueError(f"page ≥ 1 and 1 ≤ per_page ≤ {MAX_PER_PAGE}")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


class HitAgency(NamedTuple):
    pk: int
    name: str


class HitItem(NamedTuple):
    """A hit's item as the results show it (the catalogue page, the API, the
    command line) and its text for the snippet: read as values, not as a model
    (twenty models with their agencies cost more than the search itself), and
    named tuples rather than frozen dataclasses, which a page makes sixty of
    (a frozen dataclass sets each field through ``object.__setattr__``)."""

    pk: int
    agency: HitAgency
    index_number: str | None
    title: str
    document_number: str
    category: str
    summary: str
    body: str
    formed_on: date
    published_on: date | None

    @property
    def agency_id(self) -> int:
        return self.agency.pk


class SearchHit(NamedTuple):
    item: HitItem
    title_html: str
    snippet_html: str
    tier: Tier | None = None  # where the words were found, when by relevance


@dataclass(frozen=True)
class SearchPage:
    """A page of hits. ``total`` is exact up to ``GONGKAI_SEARCH_COUNT_LIMIT``;
    beyond it, ``more`` is true and ``total`` is the limit ("至少")."""

    hits: list[SearchHit]
    total: int
    query: SearchQuery
    terms: list[str]
    more: bool = False
    # Items whose 索引号 or 文号 is the query itself, shown before the hits (which
    # then leave them out); on the first page only.
    exact: list[SearchHit] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))
