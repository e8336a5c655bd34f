"""The two search backends, chosen by the database in use."""

from __future__ import annotations

from typing import Any

from .base import Backend, IndexKey, IndexRow
from .postgresql import PostgreSQLBackend
from .sqlite import SQLiteBackend

BACKENDS: dict[str, Backend] = {
    "sqlite": SQLiteBackend(),
    "postgresql": PostgreSQLBackend(),
}


class UnsupportedDatabase(RuntimeError):
    pass


def backend_for(connection: Any) -> Backend:
    """SQLite FTS5 on SQLite, full text search on PostgreSQL."""
    try:
        return BACKENDS[connection.vendor]
    except KeyError:
        raise UnsupportedDatabase(
            f"全文检索只支持 SQLite 和 PostgreSQL，不支持 {connection.vendor}。"
        ) from None


__all__ = [
    "BACKENDS",
    "Backend",
    "IndexKey",
    "IndexRow",
    "UnsupportedDatabase",
    "backend_for",
]
