"""Django's database cache, with an ``incr`` that two workers cannot interleave.

Django's own database cache increments by reading the value and writing it back,
so two processes counting at once can both write the same number (and the write
also resets the entry's expiry). Here the row is locked first, in the same
transaction as the read and the write: a row lock on PostgreSQL, the write lock on
SQLite. The entry keeps its expiry, so a count over a window ends with the window.
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction


class DatabaseCache(DjangoDatabaseCache):
    """The database cache whose counters are exact across processes."""

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
        made = self.make_and_validate_key(key, version=version)
        with transaction.atomic(using=db), connection.cursor() as cursor:
            # Takes the lock before the read: later counters wait for this one.
            cursor.execute(
                f"UPDATE {table} SET expires = expires WHERE cache_key = %s", [made]
            )
            value = self.get(key, self._missing_key, version=version)
            if value is self._missing_key:
                raise ValueError(f"Key '{key}' not found")
            new = int(value) + delta
            pickled = base64.b64encode(pickle.dumps(new, self.pickle_protocol))
            cursor.execute(
                f"UPDATE {table} SET value = %s WHERE cache_key = %s",
                [pickled.decode("latin1"), made],
            )
        return new

    def decr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self.incr(key, -delta, version)
