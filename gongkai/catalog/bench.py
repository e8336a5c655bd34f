"""``gongkai bench search``: Chinese full-text search over 1,000,000 items.

In the benchmark database (never the user's: ``gongkai.core.bench``), on first use:
a synthetic county-level catalogue of 1,000,000 published items over 30 agencies
and ten years (``corpus_insert`` in ``gongkai.catalog.synthetic``), then the
search index, built once with every processor cutting words; later runs reuse
both. Then, for a dozen queries a person would type (rare to common, one or two
words, some filtered):

- ``search.query_p50`` / ``search.query_p95``: a whole search as the portal runs
  it (words cut, hits counted, a page by relevance, its items read, snippets
  highlighted), against the bare FTS queries on the same index (the same count
  and page of ids as raw SQL, nothing else) as baseline: target p95 ≤ 2×;
- ``search.full_rank_p50`` / ``_p95``: the classic ranked query, scoring every
  match (BM25 on SQLite, ``ts_rank`` on PostgreSQL) to keep the best twenty, to
  show what relevance by tier saves on common words;
- ``search.like_scan``: the same queries as ``LIKE '%word%'`` over titles,
  summaries and bodies, counted and paged (what a site without an index does),
  its median against the search's median: the ratio is the speed-up, target
  ≥ 50×;
- ``search.index_build``: how long the last full build of the index took, and
  ``search.index_items`` how many items it holds.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import connection, transaction

from gongkai.core.bench import Measurement, Progress, analyze, benchmark, measuring

from .synthetic import VERSION, corpus_insert

ITEMS = 1_000_000
AGENCIES = 30
CODE_STEM = "11522300BENCH"  # + 4 digits + check character: the bench agencies
LIKE_SAMPLES = 1  # each LIKE scan reads the whole table: one timing per query


def _bench_agencies(progress: Progress) -> list[Any]:
    from gongkai.agencies.codes import credit_code_check_char
    from gongkai.agencies.models import Agency
    from gongkai.agencies.synthetic import synthetic_agency

    # The generator's version is the first of the four digits: items made by an
    # older generator belong to other agencies, and are deleted.
    stems = [f"{CODE_STEM}{VERSION}{n:03d}" for n in range(AGENCIES)]
    codes = [stem + credit_code_check_char(stem) for stem in stems]
    found = list(Agency.objects.filter(credit_code__in=codes).order_by("credit_code"))
    if len(found) == AGENCIES:
        return found
    progress(f"首次运行：正在生成 {ITEMS:,} 条合成的主动公开信息……")
    started = time.perf_counter()
    with transaction.atomic():
        _delete_stale()
        agencies = [
            synthetic_agency(
                name=f"基准检索县第{n + 1}局",
                code_stem=stem,
                level=Agency.Level.COUNTY,
                kind=Agency.Kind.DEPARTMENT,
            )[0]
            for n, stem in enumerate(stems)
        ]
        corpus_insert(agencies, count=ITEMS, seed=2024, progress=progress)
    progress(f"合成数据已生成，用时 {time.perf_counter() - started:.0f} 秒")
    return agencies


def _delete_stale() -> None:
    """Every benchmark agency and its items, when this generator's are not all
    there: those of an older generator (other codes), of a run cut short."""
    from gongkai.agencies.models import Agency

    stale = list(
        Agency.objects.filter(credit_code__startswith=CODE_STEM).values_list(
            "pk", flat=True
        )
    )
    if stale:
        marks = ", ".join(["%s"] * len(stale))
        with connection.cursor() as cursor:  # a million rows: not one by one
            cursor.execute(
                f"DELETE FROM catalog_item WHERE agency_id IN ({marks})", stale
            )
        Agency.objects.filter(pk__in=stale).delete()


def _index(progress: Progress) -> Any:
    """The index of every published item: built when it does not hold them all."""
    from gongkai.catalog.models import Item, ItemStatus, SearchIndexBuild
    from gongkai.catalog.search import search_rebuild
    from gongkai.catalog.search.backends import backend_for

    with connection.cursor() as cursor:
        indexed = backend_for(connection).size(cursor)
    published = Item.objects.filter(status=ItemStatus.PUBLISHED).count()
    last = SearchIndexBuild.objects.filter(items=published).first()
    if indexed == published and last is not None:
        return last
    workers = os.cpu_count() or 1
    progress(f"正在建立全文索引（{published:,} 条，{workers} 个进程分词）……")
    build = search_rebuild(acting_user=None, workers=workers, progress=progress)
    analyze()
    return build


def _timed(function: Callable[[], Any]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _like_scan(terms: list[str]) -> Callable[[], Any]:
    """What a site without an index does for a page of results: count the items
    containing every word (``LIKE '%word%'``), then fetch the newest twenty."""
    where = " AND ".join(
        "(title LIKE %s OR summary LIKE %s OR body LIKE %s)" for _ in terms
    )
    params = [f"%{term}%" for term in terms for _ in range(3)]
    matching = f"FROM catalog_item WHERE status = 'published' AND {where}"

    def scan() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) {matching}", params)
            cursor.fetchone()
            cursor.execute(
                f"SELECT id {matching} ORDER BY published_on DESC LIMIT 20", params
            )
            cursor.fetchall()

    return scan


def _queries() -> list[tuple[Any, list[str]]]:
    from gongkai.catalog.search import SearchFilters, SearchQuery
    from gongkai.catalog.search.segment import query_terms

    from .synthetic import QUERIES

    return [
        (SearchQuery(text=text, filters=SearchFilters(**filters)), query_terms(text))
        for text, filters in QUERIES
    ]


Timings = dict[str, list[float]]


def _bare_page(backend: Any, request: Any, cursor: Any) -> Any:
    from gongkai.catalog.search.backends.base import search_page

    return search_page(backend, cursor, request)


def _full_rank(backend: Any, terms: list[str], cursor: Any) -> Any:
    return backend.full_rank(cursor, terms, 20)


def _measure_queries(runs: int) -> Timings:
    """Each query's search, bare FTS query and full ranking, alternated ``runs``
    times (so that all meet the same load), then its LIKE scan."""
    from gongkai.catalog.search import page_request, search
    from gongkai.catalog.search.backends import backend_for

    backend = backend_for(connection)

    def fts(work: Callable[[Any], Any]) -> Callable[[], Any]:
        def run() -> None:
            with connection.cursor() as cursor:
                work(cursor)

        return run

    plans: list[dict[str, Callable[[], Any]]] = []
    for query, terms in _queries():
        request = page_request(query, terms)
        plans.append(
            {
                "search": partial(search, query),
                "bare": fts(partial(_bare_page, backend, request)),
                "full": fts(partial(_full_rank, backend, terms)),
            }
        )
    timings: Timings = {"search": [], "bare": [], "full": [], "like": []}
    for plan in plans:  # warm the caches once
        for work in plan.values():
            work()
    for _ in range(max(1, runs)):
        for plan in plans:
            for name, work in plan.items():
                timings[name].append(_timed(work))
    for _, terms in _queries():
        timings["like"] += [_timed(_like_scan(terms)) for _ in range(LIKE_SAMPLES)]
    return timings


@benchmark("search")
def search_benchmark(*, runs: int, progress: Progress) -> list[Measurement]:
    """Full-text search over 1,000,000 synthetic Chinese items: latency against
    the bare FTS query (target p95 ≤ 2×) and the speed-up over a LIKE scan
    (target ≥ 50×)."""
    _bench_agencies(progress)
    build = _index(progress)
    measuring(progress)
    timings = _measure_queries(runs)
    p50, p95 = (_percentile(timings["search"], f) for f in (0.5, 0.95))
    bare50, bare95 = (_percentile(timings["bare"], f) for f in (0.5, 0.95))
    full50, full95 = (_percentile(timings["full"], f) for f in (0.5, 0.95))
    return [
        Measurement("search.index_build", build.seconds, "s"),
        Measurement("search.index_items", float(build.items), "items"),
        Measurement("search.query_p50", p50, "s", baseline=bare50),
        Measurement("search.query_p95", p95, "s", baseline=bare95),
        Measurement("search.bare_p50", bare50, "s"),
        Measurement("search.bare_p95", bare95, "s"),
        Measurement("search.full_rank_p50", full50, "s"),
        Measurement("search.full_rank_p95", full95, "s"),
        Measurement(
            "search.like_scan", statistics.median(timings["like"]), "s", baseline=p50
        ),
    ]
