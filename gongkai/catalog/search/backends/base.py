"""What a search backend does, and what both backends share.

Every indexed item has a *sort key*: its publication day and its id in one integer
(``day << 32 | id``). Ordered by it, the index lists items newest first without
reading them, so a page sorted by date costs the page and not the matches; a year is
a range of keys; and relevance can be ranked among the most recently published
matches only (``GONGKAI_SEARCH_RANK_WINDOW``), which bounds the cost of a query
whatever the number of items that match it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from ..query import SearchFilters, Sort

Params = list[Any]
ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1
IndexKey = tuple[int, date | None]  # an item's id and publication day


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

    @property
    def year(self) -> int | None:
        return self.published_on.year if self.published_on else None


Hit = tuple[int, float | None]  # an item id and its score (None when by date)


@dataclass(frozen=True)
class PageRequest:
    """One page of a search, as a backend answers it: every term required, the
    filters, the order, the page, and the bounds of ``search``'s cost."""

    terms: tuple[str, ...]
    filters: SearchFilters
    sort: Sort
    limit: int
    offset: int
    count_limit: int
    rank_window: int


class Backend(Protocol):
    name: str

    def insert(self, cursor: Any, rows: Sequence[IndexRow]) -> None: ...
    def delete(self, cursor: Any, keys: Sequence[IndexKey]) -> None: ...
    def clear(self, cursor: Any) -> None: ...
    def size(self, cursor: Any) -> int: ...
    def before_bulk(self, cursor: Any) -> None: ...
    def after_bulk(self, cursor: Any) -> None: ...
    def search_page(self, cursor: Any, request: PageRequest) -> tuple[int, list[Hit]]:
        """How many items match (exactly up to ``count_limit``, or more) and the
        requested page of them."""
        ...

    def full_rank(self, cursor: Any, terms: Sequence[str], limit: int) -> list[int]:
        """The plain query ranking every match, for the benchmark."""
        ...
