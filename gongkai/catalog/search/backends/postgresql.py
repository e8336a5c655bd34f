"""Search on PostgreSQL: a tsvector of jieba-cut words under a GIN index.

``catalog_search`` (made by migration ``catalog.0003``) holds one row per published
item: the words of its four parts weighted A (title) to D (attachments) in one
``tsvector``, its sort key (``base.sort_key``, under a b-tree) and the filter
columns. The ``simple`` configuration keeps every word as it is (no stemming, no
stop words: jieba has already cut the text). Queries are ``plainto_tsquery``
(every word, AND), ranked by ``ts_rank``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..query import SearchFilters, Sort
from .base import Hit, IndexKey, IndexRow, PageRequest, Params

CONFIG = "simple"
QUERY = f"plainto_tsquery('{CONFIG}', %s)"
ORDER = {
    Sort.RELEVANCE: "score DESC, sort_key DESC",
    Sort.NEWEST: "sort_key DESC",
    Sort.OLDEST: "sort_key ASC",
}
DOCUMENT = " || ".join(
    f"setweight(to_tsvector('{CONFIG}', %s), '{weight}')" for weight in "ABCD"
)
INDEXES = {
    "catalog_search_document": "USING gin (document)",
    "catalog_search_sort_key": "(sort_key)",
}


def _where(terms: Sequence[str], filters: SearchFilters) -> tuple[str, Params]:
    clauses, params = [f"document @@ {QUERY}"], [" ".join(terms)]
    if filters.agency_ids is not None:
        clauses.append("agency_id = ANY(%s)")
        params.append(list(filters.agency_ids))
    for column, value in (
        ("category", filters.category),
        ("subject", filters.subject),
        ("year", filters.year),
        ("article20", filters.article20_item),
    ):
        if value not in ("", None):
            clauses.append(f"{column} = %s")
            params.append(value)
    if filters.document_number:
        clauses.append("strpos(document_number, %s) > 0")
        params.append(filters.document_number)
    return " AND ".join(clauses), params


class PostgreSQLBackend:
    name = "postgresql-tsvector"

    def insert(self, cursor: Any, rows: Sequence[IndexRow]) -> None:
        cursor.executemany(
            "INSERT INTO catalog_search (item_id, document, sort_key, agency_id, "
            "category, subject, year, article20, document_number) VALUES "
            f"(%s, {DOCUMENT}, %s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    row.item_id,
                    row.title,
                    row.summary,
                    row.body,
                    row.attachments,
                    row.key,
                    row.agency_id,
                    row.category,
                    row.subject,
                    row.year,
                    row.article20,
                    row.document_number,
                )
                for row in rows
            ],
        )

    def delete(self, cursor: Any, keys: Sequence[IndexKey]) -> None:
        cursor.execute(
            "DELETE FROM catalog_search WHERE item_id = ANY(%s)",
            [[item_id for item_id, _ in keys]],
        )

    def clear(self, cursor: Any) -> None:
        cursor.execute("TRUNCATE catalog_search")

    def size(self, cursor: Any) -> int:
        cursor.execute("SELECT count(*) FROM catalog_search")
        return cursor.fetchone()[0]

    def before_bulk(self, cursor: Any) -> None:
        """Indexes are built faster once, at the end, than row by row."""
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")

    def after_bulk(self, cursor: Any) -> None:
        for name, definition in INDEXES.items():
            cursor.execute(f"CREATE INDEX {name} ON catalog_search {definition}")
        cursor.execute("ANALYZE catalog_search")

    def count(
        self, cursor: Any, terms: Sequence[str], filters: SearchFilters, limit: int
    ) -> int:
        """How many items match, counting no further than ``limit`` + 1."""
        where, params = _where(terms, filters)
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM catalog_search WHERE {where} "
            "LIMIT %s) AS matching",
            [*params, limit + 1],
        )
        return cursor.fetchone()[0]

    def search_page(self, cursor: Any, request: PageRequest) -> tuple[int, list[Hit]]:
        """Count (up to the limit: the scan stops there), then the page, every
        match ranked: here what costs is reading each matching row from the
        table, not ranking it (``ts_rank`` needs no statistics of the whole
        index), so a ranking window would save little."""
        total = self.count(cursor, request.terms, request.filters, request.count_limit)
        if total <= request.offset:
            return total, []
        where, params = _where(request.terms, request.filters)
        cursor.execute(
            f"SELECT item_id, ts_rank(document, {QUERY}) AS score "
            f"FROM catalog_search WHERE {where} "
            f"ORDER BY {ORDER[request.sort]} LIMIT %s OFFSET %s",
            [" ".join(request.terms), *params, request.limit, request.offset],
        )
        return total, [(item_id, score) for item_id, score in cursor.fetchall()]

    def full_rank(self, cursor: Any, terms: Sequence[str], limit: int) -> list[int]:
        """The plain ranked query over every match (no window), for comparison."""
        text = " ".join(terms)
        cursor.execute(
            f"SELECT item_id FROM catalog_search WHERE document @@ {QUERY} "
            f"ORDER BY ts_rank(document, {QUERY}) DESC LIMIT %s",
            [text, text, limit],
        )
        return [row[0] for row in cursor.fetchall()]
