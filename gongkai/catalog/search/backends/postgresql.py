"""Search on PostgreSQL: tsvectors of jieba-cut words under GIN indexes.

``catalog_search`` (made by migrations ``catalog.0003`` and ``0004``) holds one row
per published item: the words of its four parts weighted A (title) to D
(attachments) in one ``tsvector``, ``document``, kept in the row; the title's words
and the title's and summary's (``title_words``, ``head_words``, generated from
``document`` by weight) for the tiers; its sort key (``base.sort_key``, under a
b-tree: a year is a range of it) and the filter columns. The ``simple``
configuration keeps every word as it is (no stemming, no stop words: jieba has
already cut the text). Queries are ``plainto_tsquery`` (every word, AND). Each tier
has its own column so that the planner judges from the statistics of the words where
they are looked for: it reads the sort key's index backwards when a tier's matches are
many, and the tier's GIN index when they are few.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import OperationalError, transaction
from psycopg.errors import QueryCanceled

from gongkai.core.compiled import takes_several_statements

from ..query import SearchFilters, Sort, Tier
from .base import Along, IndexKey, IndexRow, PageRequest, Params, Row, year_keys

CONFIG = "simple"
QUERY = f"plainto_tsquery('{CONFIG}', %s)"
DOCUMENT = " || ".join(
    f"setweight(to_tsvector('{CONFIG}', %s), '{weight}')" for weight in "ABCD"
)
INDEXES = {
    "catalog_search_document": "USING gin (document)",
    "catalog_search_title_words": "USING gin (title_words)",
    "catalog_search_head_words": "USING gin (head_words)",
    # Covering the title tier's page (migration ``catalog.0008``).
    "catalog_search_sort_key": "(sort_key) INCLUDE (item_id, title_words)",
}
# The table's triggers but its foreign key's: those that keep the words' counts
# (migration ``catalog.0007``), off while a rebuild loads every row.
WORD_TRIGGERS = "USER"
PLAN_BUDGET = "200ms"  # for the planner's own plan of a page (see ``page``)
INDEXES_ONLY = {"enable_seqscan": "off", "enable_indexscan": "off"}  # past it
# A page bringing rows along (``Along``) is planned as written: the page as it is
# planned alone, then the rows joined to its ids. Weighing every way of folding the
# page into the joins cost 0.07 ms of planning a search, for the same plan.
AS_WRITTEN = {"from_collapse_limit": "1", "join_collapse_limit": "1"}
TIER_CONDITIONS = {  # "%s" the words
    None: [f"document @@ {QUERY}"],
    Tier.TITLE: [f"title_words @@ {QUERY}"],
    Tier.HEAD: [f"head_words @@ {QUERY}", f"NOT title_words @@ {QUERY}"],
    Tier.TEXT: [f"document @@ {QUERY}", f"NOT head_words @@ {QUERY}"],
}


def _where(request: PageRequest, tier: Tier | None) -> tuple[str, Params]:
    words, filters = " ".join(request.terms), request.filters
    clauses = list(TIER_CONDITIONS[tier])
    params: Params = [words] * len(clauses)
    if filters.agency_ids is not None:
        clauses.append("agency_id = ANY(%s)")
        params.append(list(filters.agency_ids))
    for column, value in (
        ("category", filters.category),
        ("subject", filters.subject),
        ("article20", filters.article20_item),
    ):
        if value not in ("", None):
            clauses.append(f"{column} = %s")
            params.append(value)
    if filters.year:  # a range of the sort key's index, read from its newest end
        clauses.append("sort_key BETWEEN %s AND %s")
        params += list(year_keys(filters.year))
    if filters.document_number:
        clauses.append("strpos(document_number, %s) > 0")
        params.append(filters.document_number)
    return " AND ".join(clauses), params


class PostgreSQLBackend:
    name = "postgresql-tsvector"

    def insert(self, cursor: Any, rows: Sequence[IndexRow]) -> None:
        cursor.executemany(
            "INSERT INTO catalog_search (item_id, document, sort_key, agency_id, "
            "category, subject, article20, document_number) VALUES "
            f"(%s, {DOCUMENT}, %s, %s, %s, %s, %s, %s)",
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
        """Indexes are built faster once, at the end, than row by row; so are
        the words' counts."""
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
        cursor.execute(f"ALTER TABLE catalog_search DISABLE TRIGGER {WORD_TRIGGERS}")

    def after_bulk(self, cursor: Any) -> None:
        for name, definition in INDEXES.items():
            cursor.execute(f"CREATE INDEX {name} ON catalog_search {definition}")
        cursor.execute("TRUNCATE catalog_search_word")
        cursor.execute(
            "INSERT INTO catalog_search_word (word, items) SELECT word, count(*) "
            "FROM catalog_search, unnest(tsvector_to_array(document)) AS word "
            "GROUP BY word"
        )
        cursor.execute(f"ALTER TABLE catalog_search ENABLE TRIGGER {WORD_TRIGGERS}")
        cursor.execute("ANALYZE catalog_search")
        cursor.execute("ANALYZE catalog_search_word")

    def count(
        self, cursor: Any, request: PageRequest, limit: int, tier: Tier | None = None
    ) -> int:
        """Matches up to ``limit`` + 1: of one word, anywhere, unfiltered, read
        from the word's count (``catalog_search_word``); otherwise found through
        the GIN index."""
        if tier is None and _one_word(request):
            found = _word_count(cursor, request.terms[0])
            if found is not None:
                return min(found, limit + 1)
        return self._counted(cursor, request, limit, tier)

    def _counted(
        self, cursor: Any, request: PageRequest, limit: int, tier: Tier | None
    ) -> int:
        """Matches up to ``limit`` + 1, each visited. Under a LIMIT the planner
        would rather read the table until it has enough, as if testing a row's
        words were free; it is not (each row's ``document`` is decompressed
        first): a word in a fifth of the demo's 14,000 items took 10–25 ms that
        way, 2 ms through the index. Through the index, each match still costs
        its entry and a visit to its row (~1 ms for 1,000)."""
        where, params = _where(request, tier)
        statement = (
            f"SELECT count(*) FROM (SELECT 1 FROM catalog_search WHERE {where} "
            "LIMIT %s) AS matching"
        )
        rows = _rows_under(
            cursor, statement, [*params, limit + 1], enable_seqscan="off"
        )
        return rows[0][0]

    def page(
        self,
        cursor: Any,
        request: PageRequest,
        limit: int,
        offset: int,
        tier: Tier | None = None,
    ) -> list[int]:
        """As the planner chooses, within ``PLAN_BUDGET``; past it, again through
        the GIN indexes only. The planner takes words to be independent, so two
        words often apart (安全生产 and 疫情防控: in many titles, never in one)
        have it read the whole table in date order for matches that are not
        there: 9 s in ``gongkai bench search``'s catalogue, against 70 ms."""
        [rows] = _within_budget(cursor, [_page(request, limit, offset, tier)])
        return [item_id for item_id, _ in rows]

    def first_page(
        self,
        cursor: Any,
        request: PageRequest,
        tier: Tier | None,
        along: Along | None = None,
    ) -> tuple[int, list[int], list[Row]]:
        """For one word, its count and the page in one round trip (within the
        page's budget); otherwise the count, then the page if anything matched.
        The page brings ``along`` its rows, sparing the search a round trip."""
        limit = request.count_limit
        page = _page(request, request.limit, 0, tier, along)
        planned = AS_WRITTEN if along else {}
        if not _one_word(request):
            total = self.count(cursor, request, limit)
            if not total:
                return 0, [], []
            [rows] = _within_budget(cursor, [page], **planned)
        else:
            counted, rows = _within_budget(
                cursor, [(WORD_COUNT, [request.terms[0]]), page], **planned
            )
            [(found,)] = counted
            total = (
                min(int(found), limit + 1)
                if found is not None
                else self._counted(cursor, request, limit, None)  # two words to it
            )
        return total, [row[0] for row in rows], rows if along else []

    def full_rank(self, cursor: Any, terms: Sequence[str], limit: int) -> list[int]:
        """``ts_rank`` over every match."""
        text = " ".join(terms)
        cursor.execute(
            f"SELECT item_id FROM catalog_search WHERE document @@ {QUERY} "
            f"ORDER BY ts_rank(document, {QUERY}) DESC LIMIT %s",
            [text, text, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _one_word(request: PageRequest) -> bool:
    return len(set(request.terms)) == 1 and request.filters == SearchFilters()


# How many items hold the query's word, when PostgreSQL's parser makes one word of
# it (as ``plainto_tsquery`` would: COVID-19 is two); NULL else. The function is
# migration ``catalog.0007``'s: its plan is kept by the connection.
WORD_COUNT = "SELECT catalog_search_word_items(%s)"


def _word_count(cursor: Any, term: str) -> int | None:
    """How many indexed items hold ``term``, kept by triggers on the index
    (migration ``catalog.0007``); ``None`` when it is not one word to the index."""
    cursor.execute(WORD_COUNT, [term])
    (found,) = cursor.fetchone()
    return None if found is None else int(found)


def _page(
    request: PageRequest,
    limit: int,
    offset: int,
    tier: Tier | None,
    along: Along | None = None,
) -> tuple[str, Params]:
    """The statement of a page of ids (each with its sort key), in date order,
    and its values; with ``along``, each id with its row."""
    where, params = _where(request, tier)
    order = "ASC" if request.sort == Sort.OLDEST else "DESC"
    statement = (
        f"SELECT item_id, sort_key FROM catalog_search WHERE {where} "
        f"ORDER BY sort_key {order} LIMIT %s OFFSET %s"
    )
    if along is not None:
        statement = (
            f"SELECT page.item_id, {along.columns} "
            f"FROM ({statement}) AS page {along.joins} "
            f"ORDER BY page.sort_key {order}"
        )
    return statement, [*params, limit, offset]


def _within_budget(
    cursor: Any, asked: list[tuple[str, Params]], **settings: str
) -> list[list[tuple[Any, ...]]]:
    """The rows of each statement ``asked``, as the planner plans them within
    ``PLAN_BUDGET``; past it, again through the GIN indexes only. Both under
    PostgreSQL's ``settings`` too."""
    try:
        return _results_under(cursor, asked, statement_timeout=PLAN_BUDGET, **settings)
    except OperationalError as error:
        if not isinstance(error.__cause__, QueryCanceled):
            raise
    return _results_under(cursor, asked, **INDEXES_ONLY, **settings)


def _rows_under(
    cursor: Any, statement: str, values: Params, **settings: str
) -> list[tuple[Any, ...]]:
    """The rows of ``statement`` run under PostgreSQL's ``settings``."""
    [rows] = _results_under(cursor, [(statement, values)], **settings)
    return rows


def _results_under(
    cursor: Any, asked: list[tuple[str, Params]], **settings: str
) -> list[list[tuple[Any, ...]]]:
    """The rows of each statement ``asked`` (with its values), run under
    PostgreSQL's ``settings`` (``SET LOCAL``), which end with them.

    Outside a transaction, in one round trip (with psycopg's client-side
    binding, Django's default): the settings and the statements go as one query
    of several statements, which PostgreSQL runs as one implicit transaction
    (and, from version 13, times statement by statement, so a
    ``statement_timeout`` set by the first bounds each of the others). A
    transaction of its own would cost four (BEGIN, the settings, the statement,
    COMMIT), and a search's round trips are much of its cost on PostgreSQL.

    Inside the caller's transaction, a savepoint puts the settings back after an
    error, and they are put back by hand after success: only then are they read
    first."""
    names = list(settings)
    assign = "SELECT " + ", ".join(f"set_config('{n}', %s, true)" for n in names)
    if cursor.db.get_autocommit() and takes_several_statements(cursor.db):
        statements = "; ".join([assign, *(statement for statement, _ in asked)])
        values = [*settings.values(), *(v for _, given in asked for v in given)]
        cursor.execute(statements, values)
        results = []
        for _ in asked:
            cursor.nextset()
            results.append(cursor.fetchall())
        return results
    with transaction.atomic(using=cursor.db.alias):
        read = ", ".join(f"current_setting('{n}')" for n in names)
        cursor.execute(f"SELECT {read}")
        before = cursor.fetchone()
        cursor.execute(assign, list(settings.values()))
        results = []
        for statement, given in asked:
            cursor.execute(statement, given)
            results.append(cursor.fetchall())
        cursor.execute(assign, list(before))
    return results
