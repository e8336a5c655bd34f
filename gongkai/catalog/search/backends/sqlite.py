"""Search on SQLite: an FTS5 table of jieba-cut words, ranked by BM25.

``catalog_search`` (made by migration ``catalog.0003``) holds one row per published
item, its rowid the item's sort key (``base.sort_key``): four weighted parts
(title, summary, body, attachments; BM25 weights 10, 4, 1, 1, the table's rank
function), a fifth part of *facet* words (``a12`` for agency 12, ``n5`` for 第二十条
item (五), a digest of the category and of the subject) that the filters match
through the index instead of reading every matching row, and the 文号, stored
unindexed for the one filter that looks inside it. A year is a range of rowids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from ..query import SearchFilters, Sort
from .base import (
    Hit,
    IndexKey,
    IndexRow,
    PageRequest,
    Params,
    item_id_of,
    sort_key,
    year_keys,
)

ORDER = {
    Sort.RELEVANCE: "rank, rowid DESC",
    Sort.NEWEST: "rowid DESC",
    Sort.OLDEST: "rowid ASC",
}


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _digest(prefix: str, text: str) -> str:
    return prefix + hashlib.blake2s(text.encode(), digest_size=6).hexdigest()


def facets(
    agency_id: int, category: str, subject: str, article20: int | None
) -> list[str]:
    """The facet words of an item: what its filters match."""
    words = [f"a{agency_id}"]
    if category:
        words.append(_digest("c", category))
    if subject:
        words.append(_digest("s", subject))
    if article20:
        words.append(f"n{article20}")
    return words


def match_expression(terms: Sequence[str], filters: SearchFilters) -> str:
    """Every term (each quoted, so that no word is read as an operator), and for
    each filter given, its facet words in the facets column."""
    parts = [" ".join(_quoted(term) for term in terms)]
    chosen: list[list[str]] = []
    if filters.agency_ids is not None:
        chosen.append([f"a{agency_id}" for agency_id in filters.agency_ids] or ["a0"])
    if filters.category:
        chosen.append([_digest("c", filters.category)])
    if filters.subject:
        chosen.append([_digest("s", filters.subject)])
    if filters.article20_item:
        chosen.append([f"n{filters.article20_item}"])
    parts += [f"facets : ({' OR '.join(map(_quoted, words))})" for words in chosen]
    return " AND ".join(f"({part})" for part in parts)


def _where(
    terms: Sequence[str],
    filters: SearchFilters,
    since: int | None = None,
    before: int | None = None,
) -> tuple[str, Params]:
    sql, params = "catalog_search MATCH %s", [match_expression(terms, filters)]
    if filters.year:
        sql += " AND rowid BETWEEN %s AND %s"
        params += list(year_keys(filters.year))
    if since is not None:
        sql += " AND rowid >= %s"
        params.append(since)
    if before is not None:
        sql += " AND rowid < %s"
        params.append(before)
    if filters.document_number:
        sql += " AND instr(document_number, %s) > 0"
        params.append(filters.document_number)
    return sql, params


class SQLiteBackend:
    name = "sqlite-fts5"

    def insert(self, cursor: Any, rows: Sequence[IndexRow]) -> None:
        cursor.executemany(
            "INSERT INTO catalog_search (rowid, title, summary, body, attachments, "
            "facets, document_number) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    row.key,
                    row.title,
                    row.summary,
                    row.body,
                    row.attachments,
                    " ".join(
                        facets(row.agency_id, row.category, row.subject, row.article20)
                    ),
                    row.document_number,
                )
                for row in rows
            ],
        )

    def delete(self, cursor: Any, keys: Sequence[IndexKey]) -> None:
        rowids = [sort_key(item_id, day) for item_id, day in keys]
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"DELETE FROM catalog_search WHERE rowid IN ({marks})", chunk
            )

    def clear(self, cursor: Any) -> None:
        cursor.execute("DELETE FROM catalog_search")

    def size(self, cursor: Any) -> int:
        cursor.execute("SELECT count(*) FROM catalog_search")
        return cursor.fetchone()[0]

    def before_bulk(self, cursor: Any) -> None:
        """Nothing to drop: FTS5 merges its segments as it goes."""

    def after_bulk(self, cursor: Any) -> None:
        """Merge the index's segments into one b-tree: queries read less."""
        cursor.execute("INSERT INTO catalog_search(catalog_search) VALUES ('optimize')")

    def count(
        self, cursor: Any, terms: Sequence[str], filters: SearchFilters, limit: int
    ) -> int:
        """How many items match, counting no further than ``limit`` + 1."""
        where, params = _where(terms, filters)
        cursor.execute(
            f"SELECT count(*) FROM (SELECT rowid FROM catalog_search WHERE {where} "
            "LIMIT %s)",
            [*params, limit + 1],
        )
        return cursor.fetchone()[0]

    def window_start(
        self, cursor: Any, terms: Sequence[str], filters: SearchFilters, window: int
    ) -> int | None:
        """The key of the ``window``-th most recently published match, or None
        when fewer match."""
        where, params = _where(terms, filters)
        cursor.execute(
            f"SELECT rowid FROM catalog_search WHERE {where} "
            "ORDER BY rowid DESC LIMIT 1 OFFSET %s",
            [*params, window - 1],
        )
        found = cursor.fetchone()
        return found[0] if found else None

    def page(
        self,
        cursor: Any,
        terms: Sequence[str],
        filters: SearchFilters,
        sort: Sort,
        limit: int,
        offset: int,
        since: int | None = None,
        before: int | None = None,
    ) -> list[tuple[int, float | None]]:
        """A page in ``sort`` order, of the matches with keys from ``since`` and
        below ``before`` when given."""
        where, params = _where(terms, filters, since, before)
        order = ORDER[sort]
        if since is not None and sort == Sort.RELEVANCE:
            # Sorted by the table's own ranking, FTS5 ranks every match and only
            # then applies the rowid range: sorting outside it ranks the window.
            order = "+rank, rowid DESC"
        cursor.execute(
            f"SELECT rowid, rank FROM catalog_search WHERE {where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [(item_id_of(rowid), -rank) for rowid, rank in cursor.fetchall()]

    def search_page(self, cursor: Any, request: PageRequest) -> tuple[int, list[Hit]]:
        """Count (up to the limit), then the page. By relevance, when more match
        than the ranking window, the most recently published ``rank_window`` come
        first, most relevant first, then the older ones, newest first."""
        terms, filters = request.terms, request.filters
        total = self.count(cursor, terms, filters, request.count_limit)
        if total <= request.offset:
            return total, []
        window, since = request.rank_window, None
        bound = min(window, request.count_limit)
        if request.sort == Sort.RELEVANCE and window and total > bound:
            since = self.window_start(cursor, terms, filters, window)
        page = {"limit": request.limit, "offset": request.offset}
        if since is None:
            return total, self.page(cursor, terms, filters, request.sort, **page)
        ranked = []
        if request.offset < window:
            ranked = self.page(
                cursor, terms, filters, Sort.RELEVANCE, **page, since=since
            )
        older = []
        if len(ranked) < request.limit:
            older = self.page(
                cursor,
                terms,
                filters,
                Sort.NEWEST,
                limit=request.limit - len(ranked),
                offset=max(0, request.offset - window),
                before=since,
            )
        return total, ranked + older

    def full_rank(self, cursor: Any, terms: Sequence[str], limit: int) -> list[int]:
        """The plain ranked query over every match (no window), for comparison."""
        cursor.execute(
            "SELECT rowid FROM catalog_search WHERE catalog_search MATCH %s "
            "ORDER BY rank LIMIT %s",
            [match_expression(terms, SearchFilters()), limit],
        )
        return [item_id_of(row[0]) for row in cursor.fetchall()]
