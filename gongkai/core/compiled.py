"""Querysets compiled once per process (ADR 12): for the queries asked again and
again with the same shape, a report's indicators and the public pages' reads.

Django compiles a queryset into SQL anew every time it is evaluated. For the small
reads of a public page that is most of their cost: an item's attachments by its id
take SQLite 0.08 ms to answer and Django 0.3 ms to compile, so an uncached page of
four such reads spends a third of its time writing the same SQL again; a report
asks the same grouped aggregates on every build.

``CompiledQuery`` is a ``values()`` or ``values_list()`` queryset compiled through
Django's compiler: its SQL, its parameters, and the compiler, whose converters turn
raw rows into values as the fields define them (dates read from SQLite, booleans,
decimals). ``COMPILED`` keeps them by what they ask, per database connection (a
compiled query belongs to the connection of the thread that compiled it), the least
recently used out first.

``@compiled(item_id=-1)`` on a function that builds a ``values_list`` queryset from
its arguments makes it return the rows, compiled once with the stand-in values
given (each must reach the SQL as a parameter of its own, which is checked) and run
at each call with the call's values in their place. Any other argument (a count, a
flag) is part of what is kept: one compilation per value. A list argument
(``pk__in=ids``) has a list of one stand-in, ``ids=[-1]``: it is compiled once per
length, its items standing in as -1, -2, … (an empty list is the caller's to spare:
Django compiles it to no query at all). The queries still go through Django's
cursor, so they are counted, logged and routed (``core.routers``) like any other.

The queryset must depend on its arguments alone, nothing read at call time (no
"today"), since it is built once; and a stand-in must be a value no other
parameter of the query has, within its field's range.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Lookup, Model, QuerySet
from django.db.models.query import ValuesListIterable
from django.utils.dateparse import parse_datetime

Build = Callable[..., QuerySet[Any, Any]]
Rows = list[tuple[Any, ...]]
# Where a call's value goes: (index in the parameters, argument, item of a list
# argument or None).
Place = tuple[int, str, int | None]


class CompiledQuery:
    """A ``values()``/``values_list()`` queryset compiled once: its SQL, its
    parameters (with the stand-ins' places), its columns' names, and the
    compiler that converts its raw rows. ``prepared``: run through
    ``prepared_cursor``, for a read whose best plan does not depend on its
    values."""

    def __init__(
        self,
        queryset: QuerySet[Any, Any],
        stand_ins: Mapping[str, Any] = {},
        *,
        prepared: bool = True,
    ) -> None:
        self.prepared = prepared
        query = queryset.query
        self.compiler = query.get_compiler(queryset.db)
        try:
            sql, params = self.compiler.as_sql()
        except EmptyResultSet as empty:  # e.g. a stand-in out of its field's range
            raise ValueError(f"替代值 {dict(stand_ins)!r} 使查询为空") from empty
        self.sql: str = sql
        self.params: tuple[Any, ...] = tuple(params)
        # The columns in the SQL's order (``query.selected`` is Django 5.2's).
        self.names: list[str] = (
            list(query.selected)
            if query.selected
            else [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        self.places = _places(self.params, stand_ins)
        self.ranges = _integer_ranges(query, self.compiler.connection, stand_ins)
        # What ``results_iter`` would work out on every call: once is enough.
        columns = [column for column, _, _ in self.compiler.select]
        self.converters = _quicker(
            self.compiler.get_converters(columns[: self.compiler.col_count]),
            self.compiler.connection,
        )

    @property
    def key(self) -> tuple[str, tuple[Any, ...]]:
        return (self.sql, self.params)

    def tuples(self, values: Mapping[str, Any] = {}) -> Rows:
        """The rows, in the columns' order, with ``values`` for the stand-ins."""
        if self.matches_nothing(values):
            return []
        connection = self.compiler.connection
        cursor = prepared_cursor(connection) if self.prepared else connection.cursor()
        with cursor:
            cursor.execute(self.sql, self.bound(values))
            return self.converted(cursor.fetchall())

    def matches_nothing(self, values: Mapping[str, Any]) -> bool:
        """Whether a value is outside the range of the integer column it is
        compared with: no row can match, as Django's own queries conclude
        without asking (the database would refuse the number: SQLite cannot
        hold 10²⁰, PostgreSQL's smallint stops at 32767)."""
        for name, (low, high) in self.ranges.items():
            given = values[name]
            for value in given if isinstance(given, list) else [given]:
                if (low is not None and value < low) or (
                    high is not None and value > high
                ):
                    return True
        return False

    def bound(self, values: Mapping[str, Any]) -> list[Any]:
        """The parameters, with ``values`` in the stand-ins' places."""
        params = list(self.params)
        for index, name, item in self.places:
            value = values[name] if item is None else values[name][item]
            params[index] = _as(params[index], value)
        return params

    def converted(self, raw: list[tuple[Any, ...]]) -> Rows:
        """Raw rows as the fields define their values."""
        if not self.converters:
            return [tuple(row) for row in raw]
        rows = self.compiler.apply_converters(raw, self.converters)
        return [tuple(row) for row in rows]

    def dicts(self, values: Mapping[str, Any] = {}) -> list[dict[str, Any]]:
        """The rows as ``values()`` gives them: each a dict by column."""
        return [dict(zip(self.names, row, strict=True)) for row in self.tuples(values)]


def _quicker(converters: dict[int, Any], connection: Any) -> dict[int, Any]:
    """Django's converters, with SQLite's for an aware datetime replaced by one
    that does the same without asking the settings and the value's offset twice
    for every value: a region's thousand units' attested figures, each with the
    time it was attested, were 3 ms of a 100 ms report. Settings read once, when
    the query is compiled."""
    if connection.vendor != "sqlite" or not settings.USE_TZ:
        return converters
    slow = connection.ops.convert_datetimefield_value
    aware = _aware_in(connection.timezone)
    return {
        position: ([aware] if found == [slow] else found, expression)
        for position, (found, expression) in converters.items()
    }


def _aware_in(zone: tzinfo) -> Callable[[Any, Any, Any], datetime | None]:
    """SQLite's datetime converter (``convert_datetimefield_value``) with
    ``USE_TZ``: a stored time (naive, in ``zone``) made aware."""

    def aware(value: Any, expression: Any, connection: Any) -> datetime | None:
        if value is None:
            return None
        read: datetime | None = (
            value if isinstance(value, datetime) else parse_datetime(value)
        )
        if read is None or read.tzinfo is not None:
            return read
        return read.replace(tzinfo=zone)

    return aware


def _places(params: tuple[Any, ...], stand_ins: Mapping[str, Any]) -> tuple[Place, ...]:
    places: list[Place] = []
    for name, stand_in in stand_ins.items():
        items = (
            enumerate(stand_in) if isinstance(stand_in, list) else [(None, stand_in)]
        )
        for item, value in items:
            found = [
                i
                for i, p in enumerate(params)
                if isinstance(p, type(value)) and p == value
            ]
            if len(found) != 1:
                raise ValueError(
                    f"替代值 {name}={value!r} 在参数中出现 {len(found)} 次，应恰好一次"
                )
            places.append((found[0], name, item))
    return tuple(places)


def _integer_ranges(
    query: Any, connection: Any, stand_ins: Mapping[str, Any]
) -> dict[str, tuple[int | None, int | None]]:
    """For each stand-in compared with an integer column (a foreign key's: its
    target's), that column's range on this database."""
    ranges: dict[str, tuple[int | None, int | None]] = {}

    def walk(node: Any) -> None:
        for child in getattr(node, "children", ()):
            if not isinstance(child, Lookup):
                walk(child)
                continue
            field = child.lhs.output_field
            field = getattr(field, "target_field", None) or field
            try:
                bounds = connection.ops.integer_field_range(field.get_internal_type())
            except KeyError:  # not an integer column
                continue
            compared = child.rhs if isinstance(child.rhs, list | tuple) else [child.rhs]
            for name, stand_in in stand_ins.items():
                standing = stand_in if isinstance(stand_in, list) else [stand_in]
                if any(s in compared for s in standing):
                    ranges[name] = bounds

    walk(query.where)
    return ranges


def _as(stand_in: Any, value: Any) -> Any:
    """``value`` in the stand-in's type when the backend wrapped it (PostgreSQL's
    small integers arrive as ``Int2``), so the SQL stays typed as compiled."""
    if type(stand_in) is not type(value) and isinstance(stand_in, type(value)):
        return type(stand_in)(value)
    return value


class CompiledQueries:
    """Compiled queries by what they ask, per database connection."""

    LIMIT = 512

    def __init__(self) -> None:
        self._by_connection: weakref.WeakKeyDictionary[
            Any, OrderedDict[Hashable, CompiledQuery]
        ] = weakref.WeakKeyDictionary()

    def get(
        self,
        key: Hashable,
        make: Callable[[], QuerySet[Any, Any]],
        *,
        alias: str = "default",
        stand_ins: Mapping[str, Any] = {},
        prepared: bool = True,
    ) -> CompiledQuery:
        """The query ``key`` names completely, compiled from ``make()`` the first
        time this connection of ``alias`` asks for it."""
        store = self._by_connection.setdefault(connections[alias], OrderedDict())
        found = store.get(key)
        if found is None:
            found = store[key] = CompiledQuery(make(), stand_ins, prepared=prepared)
            if len(store) > self.LIMIT:
                store.popitem(last=False)  # the least recently used
        else:
            store.move_to_end(key)
        return found


COMPILED = CompiledQueries()


@dataclass(frozen=True)
class Asked:
    """A compiled query and the values of one call, not yet run."""

    query: CompiledQuery
    values: Mapping[str, Any]

    def tuples(self) -> Rows:
        return self.query.tuples(self.values)


class Compiled:
    """What ``@compiled`` makes of a function building a ``values_list``
    queryset: called, it returns the rows; ``asked`` is the same call not yet
    run, for ``together``."""

    def __init__(self, build: Build, stand_ins: Mapping[str, Any]) -> None:
        self.build = build
        self.stand_ins = dict(stand_ins)
        self.model: type[Model] | None = None  # known from the first queryset
        wraps(build)(self)

    def __call__(self, **arguments: Any) -> Rows:
        return self.asked(**arguments).tuples()

    def asked(self, **arguments: Any) -> Asked:
        stand_ins = self.stand_ins
        fixed = tuple(
            sorted((k, v) for k, v in arguments.items() if k not in stand_ins)
        )
        lengths = tuple(
            len(arguments[k]) for k, v in stand_ins.items() if isinstance(v, list)
        )
        standing = {
            name: (
                [given[0] - i for i in range(len(arguments[name]))]
                if isinstance(given, list)
                else given
            )
            for name, given in stand_ins.items()
        }

        def make() -> QuerySet[Any, Any]:
            queryset = self.build(**{**arguments, **standing})
            self.model = queryset.model
            query = queryset.query
            if (
                queryset._iterable_class is not ValuesListIterable
                or query.extra_select
                or query.annotation_select
            ):  # whose rows Django would reorder, or flatten, after the SQL's
                raise TypeError("@compiled 只用于只含字段的 values_list 查询")
            return queryset

        source: Callable[[], QuerySet[Any, Any]] = make
        if self.model is None:  # the first call: the queryset says where it reads
            first = make()
            alias = first.db
            source = lambda: first  # noqa: E731 (built once, not twice)
        else:
            alias = router.db_for_read(self.model)
        query = COMPILED.get(
            (self, fixed, lengths), source, alias=alias, stand_ins=standing
        )
        return Asked(query, arguments)


def compiled(**stand_ins: Any) -> Callable[[Build], Compiled]:
    """Decorate a function building a ``values_list`` queryset: it then returns
    the rows, from SQL compiled once (see the module's docstring)."""

    def decorate(build: Build) -> Compiled:
        return Compiled(build, stand_ins)

    return decorate


def together(*asked: Asked) -> list[Rows]:
    """The rows of several compiled reads, in one round trip on PostgreSQL (one
    query of several statements, answered one result after another, from one
    snapshot); one after another elsewhere (SQLite has no round trip to save).
    For a page that reads a few small lists at once: on PostgreSQL a round trip
    costs about as much as compiling the query did."""
    connection = asked[0].query.compiler.connection if asked else None
    if (
        connection is None
        or not takes_several_statements(connection)
        or len(asked) == 1
        or any(a.query.compiler.connection is not connection for a in asked)
    ):
        return [a.tuples() for a in asked]
    sent = [a for a in asked if not a.query.matches_nothing(a.values)]
    if not sent:
        return [[] for _ in asked]
    sql = ";\n".join(a.query.sql for a in sent)
    params = [p for a in sent for p in a.query.bound(a.values)]
    answered: dict[int, Rows] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for number, a in enumerate(sent):
            if number:
                cursor.nextset()
            answered[id(a)] = a.query.converted(cursor.fetchall())
    return [answered.get(id(a), []) for a in asked]


def takes_several_statements(connection: Any) -> bool:
    """Whether one query may hold several statements, each answered in turn:
    PostgreSQL with psycopg's client-side binding, Django's default (with
    ``server_side_binding`` each query is one prepared statement)."""
    options = connection.settings_dict.get("OPTIONS", {})
    return connection.vendor == "postgresql" and not options.get("server_side_binding")


def prepared_cursor(connection: Any) -> Any:
    """A cursor for statements a process runs again and again with new values:
    on PostgreSQL with client-side binding (Django's default), one that binds
    them on the server, which psycopg prepares once they have run
    ``prepare_threshold`` times on a connection (``gongkai.settings.base``), so
    that PostgreSQL plans them no more: planning was half of what a page's small
    reads cost it (the twenty hits of a search by their ids: 0.21 → 0.09 ms).
    Wrapped as Django wraps its own cursors, so its queries are counted, logged
    and routed alike; elsewhere, Django's cursor.

    Only for statements whose best plan does not depend on their values (rows by
    their ids, a word's count): a prepared statement may keep one plan for all."""
    if not takes_several_statements(connection):
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        cursor = ServerBindingCursor(connection.connection)  # type: ignore[call-arg]
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)
