"""The catalogue's background work: rebuilding the search index."""

from __future__ import annotations

from gongkai.accounts.models import User
from gongkai.core.tasks import task

from .search.index import search_rebuild


@task()
def search_reindex(acting_user_id: int | None = None) -> int:
    """Rebuild the search index (idempotent: it is built whole each time); the
    number of items indexed."""
    user = User.objects.filter(pk=acting_user_id).first() if acting_user_id else None
    return search_rebuild(acting_user=user).items
