"""Reads of the public pages from a read replica of PostgreSQL, when there is one.

PostgreSQL is the one truth: every write, and every read that is not asked for
otherwise, goes to ``default``. With ``GONGKAI_READ_REPLICA_URL`` set, the settings
add the alias ``replica`` (a streaming replica of ``default``), and the reads made
inside ``reading_replica()`` go there: the views that only read what the public
may see (the catalogue and its search, published reports) are wrapped with
``reads_from_replica``, so the primary's work is left to staff, writes and tasks
(docs/how-to/deploy-at-scale.md).

A replica lags the primary by a moment, which a public page can bear: a visitor
sees an item published a second ago on the next load. A view that writes, or that
must read what the same request just wrote, is never wrapped. Inside the context,
some reads still go to ``default``: the session, the cache table and the task
queue (``PRIMARY_ONLY``), and a record reached from one that was read from
``default`` (Django follows the instance's own database).

``portal.caching.public_page`` (every public page) applies it around the page
cache too: the cache's key (the newest event's id) is read from the replica as
well, so a page is never stored under a key newer than the rows it came from.

Without the ``replica`` alias the context changes nothing, so the decorator can
stay on the views of a site that runs one database (SQLite included).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model

__all__ = ["REPLICA", "ReplicaRouter", "reading_replica", "reads_from_replica"]

REPLICA = "replica"
# Apps whose rows are read where they are written, replica or not: a session just
# signed in, the shared limits' counts, the task queue.
PRIMARY_ONLY = frozenset({"sessions", "django_cache", "django_tasks_db"})

_reading_replica: ContextVar[bool] = ContextVar(
    "gongkai_reading_replica", default=False
)

View = TypeVar("View", bound=Callable[..., Any])


@contextmanager
def reading_replica() -> Iterator[None]:
    """Send the reads made inside to the replica (when the site has one). Safe
    across threads and async tasks: each has its own context."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def reads_from_replica(view: View) -> View:
    """Decorate a view that only reads what the public may see: its queries go to
    the replica (``reading_replica``)."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with reading_replica():
            return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """``DATABASE_ROUTERS``: reads to the replica inside ``reading_replica()``;
    everything else where Django sends it without a router (``default``);
    nothing is ever migrated on the replica (a copy of ``default``, schema
    included)."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if not _reading_replica.get() or not replica_configured():
            return None
        if model._meta.app_label in PRIMARY_ONLY:
            return None
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return None  # Django follows the instance's own database
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        # Never the replica: Django's own choice (the instance's database, else
        # ``default``), inside the context or not.
        return None

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # The replica holds the same rows as default: a record read from one may
        # point at a record read from the other.
        if {obj1._state.db, obj2._state.db} <= {"default", REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        if db == REPLICA:
            return False
        return None
