"""Querysets compiled once per process: for the busiest public pages' reads.

Django compiles a queryset into SQL anew every time it is evaluated. For the small
reads of a public page that is most of their cost: an item's attachments by its id
take SQLite 0.08 ms to answer and Django 0.3 ms to compile, so an uncached page
of four such reads spends a third of its time writing the same SQL again.

``@compiled(item_id=-1)`` on a function that builds a ``values_list`` queryset from
its arguments compiles it once per process and database, with the stand-in values
given (each must reach the SQL as a parameter of its own, which is checked), and
then answers each call by running that SQL with the call's values in their place,
the rows converted as Django converts them (dates read from SQLite, for one). Any
other argument (a count, a flag) is part of what is kept: one compilation per
value. A list argument (``pk__in=ids``) has a list of one stand-in, ``ids=[-1]``:
it is compiled once per length, its items standing in as -1, -2, … (an empty list
is the caller's to spare: Django compiles it to no query at all). The queries
still go through Django's cursor, so they are counted, logged and routed
(``core.routers``) like any other.

The queryset must depend on its arguments alone, nothing read at call time (no
"today"), since it is built once; and a stand-in must be a value no other
parameter of the query has.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import ValuesListIterable
from django.db.models.sql.compiler import SQLCompiler

Build = Callable[..., QuerySet[Any]]
Rows = list[tuple[Any, ...]]


# Where a call's value goes: (index in the parameters, argument, item of a list
# argument or None).
Place = tuple[int, str, int | None]


@dataclass(frozen=True)
class _Kept:
    """A compiled query: its SQL, its parameters with the stand-ins' places, and
    the compiler that converts its rows."""

    sql: str
    params: tuple[Any, ...]
    places: tuple[Place, ...]
    compiler: SQLCompiler

    def run(self, alias: str, values: dict[str, Any]) -> Rows:
        params = list(self.params)
        for index, name, item in self.places:
            value = values[name] if item is None else values[name][item]
            params[index] = _as(params[index], value)
        with connections[alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        converted = self.compiler.results_iter(results=[fetched], tuple_expected=True)
        return [tuple(row) for row in converted]


def _as(stand_in: Any, value: Any) -> Any:
    """``value`` in the stand-in's type when the backend wrapped it (PostgreSQL's
    small integers arrive as ``Int2``), so the SQL stays typed as compiled."""
    if type(stand_in) is not type(value) and isinstance(stand_in, type(value)):
        return type(stand_in)(value)
    return value


def _standing_in(
    stand_ins: dict[str, Any], arguments: dict[str, Any]
) -> dict[str, Any]:
    """The stand-ins for a call: a list argument's as many as it has items."""
    return {
        name: (
            [stand_in[0] - i for i in range(len(arguments[name]))]
            if isinstance(stand_in, list)
            else stand_in
        )
        for name, stand_in in stand_ins.items()
    }


def _compile(queryset: QuerySet[Any], alias: str, stand_ins: dict[str, Any]) -> _Kept:
    query = queryset.query
    if (
        queryset._iterable_class is not ValuesListIterable
        or query.extra_select
        or query.annotation_select
    ):  # whose rows would be reordered, or flattened, after the compiler's
        raise TypeError("@compiled 只用于只含字段的 values_list 查询")
    compiler = query.get_compiler(using=alias)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet as empty:  # e.g. a stand-in out of its field's range
        raise ValueError(f"@compiled：替代值 {stand_ins!r} 使查询为空") from empty
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
                    f"@compiled：替代值 {name}={value!r} 在参数中出现 {len(found)} 次，"
                    "应恰好一次"
                )
            places.append((found[0], name, item))
    return _Kept(sql, tuple(params), tuple(places), compiler)


def compiled(**stand_ins: Any) -> Callable[[Build], Callable[..., Rows]]:
    """Decorate a function building a ``values_list`` queryset: it then returns
    the rows, from SQL compiled once (see the module's docstring)."""

    def decorate(build: Build) -> Callable[..., Rows]:
        kept: dict[Hashable, _Kept] = {}
        model: type[Model] | None = None  # known from the first queryset built

        @wraps(build)
        def rows(**arguments: Any) -> Rows:
            nonlocal model
            fixed = tuple(
                sorted((k, v) for k, v in arguments.items() if k not in stand_ins)
            )
            lengths = tuple(
                len(arguments[k]) for k, v in stand_ins.items() if isinstance(v, list)
            )
            alias: str = router.db_for_read(model) if model else ""
            query = kept.get((alias, fixed, lengths))
            if query is None:
                standing = _standing_in(stand_ins, arguments)
                queryset = build(**{**arguments, **standing})
                model, alias = queryset.model, queryset.db
                query = kept.setdefault(
                    (alias, fixed, lengths), _compile(queryset, alias, standing)
                )
            return query.run(alias, arguments)

        return rows

    return decorate
