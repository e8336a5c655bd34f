"""Search on SQLite: an FTS5 table of jieba-cut words.

``catalog_search`` (made by migration ``catalog.0003``) holds one row per published
item, its rowid the item's sort key (``base.sort_key``): four parts (title,
summary, body, attachments), a fifth part of *facet* words (``a12`` for agency 12,
``n5`` for 第二十条 item (五), a digest of the category and of the subject) that the
filters match through the index instead of reading every matching row, and the 文号,
stored unindexed for the one filter that looks inside it. A year is a range of
rowids. A tier is a column filter (``{title} : ...``): FTS5 walks its lists of
rowids newest first and stops at the end of the page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from ..query import SearchFilters, Sort, Tier
from .base import (
    Along,
    IndexKey,
    IndexRow,
    PageRequest,
    Params,
    Row,
    item_id_of,
    sort_key,
    year_keys,
)

TEXT = "{title summary body attachments}"
TIER_EXPRESSIONS = {  # what each tier matches, "%s" the words
    None: TEXT + " : (%s)",
    Tier.TITLE: "{title} : (%s)",
    Tier.HEAD: "({title summary} : (%s)) NOT ({title} : (%s))",
    Tier.TEXT: TEXT + " : (%s) NOT ({title summary} : (%s))",
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


def match_expression(
    terms: Sequence[str], filters: SearchFilters, tier: Tier | None = None
) -> str:
    """Every term (each quoted, so that no word is read as an operator) where
    ``tier`` looks, and for each filter given, its facet words in the facets
    column."""
    words = " ".join(_quoted(term) for term in terms)
    parts = [TIER_EXPRESSIONS[tier].replace("%s", words)]
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


def _where(request: PageRequest, tier: Tier | None) -> tuple[str, Params]:
    filters = request.filters
    sql = "catalog_search MATCH %s"
    params: Params = [match_expression(request.terms, filters, tier)]
    if filters.year:
        sql += " AND rowid BETWEEN %s AND %s"
        params += list(year_keys(filters.year))
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
        self, cursor: Any, request: PageRequest, limit: int, tier: Tier | None = None
    ) -> int:
        where, params = _where(request, tier)
        cursor.execute(
            f"SELECT count(*) FROM (SELECT rowid FROM catalog_search WHERE {where} "
            "LIMIT %s)",
            [*params, limit + 1],
        )
        return cursor.fetchone()[0]

    def page(
        self,
        cursor: Any,
        request: PageRequest,
        limit: int,
        offset: int,
        tier: Tier | None = None,
    ) -> list[int]:
        where, params = _where(request, tier)
        order = "ASC" if request.sort == Sort.OLDEST else "DESC"
        cursor.execute(
            f"SELECT rowid FROM catalog_search WHERE {where} "
            f"ORDER BY rowid {order} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [item_id_of(rowid) for (rowid,) in cursor.fetchall()]

    def first_page(
        self,
        cursor: Any,
        request: PageRequest,
        tier: Tier | None,
        along: Along | None = None,
    ) -> tuple[int, list[int], list[Row]]:
        """One after the other, and no row brought along: SQLite has no round
        trip to save."""
        total = self.count(cursor, request, request.count_limit)
        if not total:
            return 0, [], []
        return total, self.page(cursor, request, request.limit, 0, tier), []

    def full_rank(self, cursor: Any, terms: Sequence[str], limit: int) -> list[int]:
        """BM25 (the table's ``rank``: title 10, summary 4, body and attachments
        1) over every match."""
        cursor.execute(
            "SELECT rowid FROM catalog_search WHERE catalog_search MATCH %s "
            "ORDER BY rank LIMIT %s",
            [match_expression(terms, SearchFilters()), limit],
        )
        return [item_id_of(row[0]) for row in cursor.fetchall()]
