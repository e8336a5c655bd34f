"""Keeping the search index in step with the catalogue.

Only published items are in the index: the public never finds a draft, an item
under review or a withdrawn one. The workflow's services call ``index_items`` when
an item is published or corrected and ``unindex_items`` when it is withdrawn, in
their own transaction. ``search_rebuild`` builds the whole index again (after an
import of old data, or a change of dictionary), cutting words in several processes.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, transaction

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.catalog.models import Attachment, Item, ItemStatus, SearchIndexBuild
from gongkai.core.events import event_record

from . import segment
from .backends import IndexKey, IndexRow, backend_for

CHUNK = 2000
# The columns of an item the index reads, in ``_row``'s order.
FIELDS = (
    "id",
    "title",
    "keywords",
    "document_number",
    "summary",
    "body",
    "agency_id",
    "category",
    "subject",
    "article20_item",
    "published_on",
)
Source = tuple[tuple[Any, ...], str]  # an item's FIELDS values, its attachments' text
Progress = Callable[[str], None]


def _row(source: Source) -> IndexRow:
    """Cut one item's text into words (pure: runs in worker processes)."""
    values, attachments = source
    (item_id, title, keywords, number, summary, body, agency_id) = values[:7]
    category, subject, article20, published_on = values[7:]
    return IndexRow(
        item_id=item_id,
        title=segment.index_text(f"{title} {number}"),
        summary=segment.index_text(f"{summary} {keywords}"),
        body=segment.index_text(body),
        attachments=segment.index_text(attachments),
        agency_id=agency_id,
        category=category,
        subject=subject,
        article20=article20,
        document_number=number,
        published_on=published_on,
    )


def _rows(sources: Sequence[Source]) -> list[IndexRow]:
    return [_row(source) for source in sources]


def _sources(item_ids: Sequence[int]) -> list[Source]:
    """The published items among ``item_ids``, with their attachments' text."""
    values = list(
        Item.objects.filter(pk__in=item_ids, status=ItemStatus.PUBLISHED)
        .order_by("pk")
        .values_list(*FIELDS)
    )
    texts: dict[int, list[str]] = defaultdict(list)
    found = [v[0] for v in values]
    for item_id, segments in Attachment.objects.filter(item_id__in=found).values_list(
        "item_id", "segments"
    ):
        texts[item_id] += [s["text"] for s in segments]
    return [(v, "\n".join(texts[v[0]])) for v in values]


def _keys(items: Iterable[Item]) -> list[IndexKey]:
    """Where the items are in the index: their ids and publication days, as
    stored (a published item's day never changes: it is published once)."""
    ids = [item.pk for item in items]
    return list(Item.objects.filter(pk__in=ids).values_list("pk", "published_on"))


def index_items(items: Iterable[Item]) -> None:
    """Put the published ones of ``items`` in the index (again), drop the others."""
    keys = _keys(items)
    backend = backend_for(connection)
    rows = _rows(_sources([item_id for item_id, _ in keys]))
    with connection.cursor() as cursor:
        backend.delete(cursor, keys)
        if rows:
            backend.insert(cursor, rows)


def unindex_items(items: Iterable[Item]) -> None:
    with connection.cursor() as cursor:
        backend_for(connection).delete(cursor, _keys(items))


# -- rebuilding ----------------------------------------------------------------------


def _published_id_chunks() -> Iterator[list[int]]:
    ids = Item.objects.filter(status=ItemStatus.PUBLISHED).order_by("pk")
    last = 0
    while chunk := list(ids.filter(pk__gt=last).values_list("pk", flat=True)[:CHUNK]):
        yield chunk
        last = chunk[-1]


def _source_chunks() -> Iterator[list[Source]]:
    for ids in _published_id_chunks():
        yield _sources(ids)


def _row_chunks(workers: int) -> Iterator[list[IndexRow]]:
    """Chunks of index rows, the words cut by ``workers`` processes."""
    segment.warm()  # loaded once, then shared by the forked workers
    if workers <= 1:
        yield from map(_rows, _source_chunks())
        return
    # The database is read here, in this thread; the workers only cut words.
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        pending: deque[Any] = deque()
        for sources in _source_chunks():
            pending.append(pool.apply_async(_rows, (sources,)))
            if len(pending) > workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


@transaction.atomic
def search_rebuild(
    *,
    acting_user: User | None,
    workers: int = 1,
    progress: Progress = lambda _: None,
) -> SearchIndexBuild:
    """Build the whole index again from the published items; one event. An
    administrator's (or the system's) work: it holds every agency's items."""
    authorize(acting_user, Permission.CATALOG_REINDEX)
    backend = backend_for(connection)
    started = time.perf_counter()
    count = 0
    with connection.cursor() as cursor:
        backend.clear(cursor)
        backend.before_bulk(cursor)
        for rows in _row_chunks(workers):
            backend.insert(cursor, rows)
            count += len(rows)
            if count % (CHUNK * 50) == 0:
                progress(f"已索引 {count} 条")
        backend.after_bulk(cursor)
    build = SearchIndexBuild.objects.create(
        seconds=time.perf_counter() - started,
        items=count,
        backend=backend.name,
        built_by=acting_user,
    )
    event_record(
        actor=acting_user,
        verb="search_index_rebuilt",
        target=build,
        data={"items": count, "seconds": round(build.seconds, 3)},
    )
    return build
