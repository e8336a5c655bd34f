"""What every indicator shares: families of grouped queries, and cells answered
from their rows.

A *family* is one grouped aggregate query over a scope and year: for instance the
applications closed in the year, grouped by applicant type, outcome, ground and
extension. An *indicator* names a family, the arguments it accepts and the measure it
sums. A report asks the same family for dozens of cells (table 三 has 150), so a
``Tally`` runs each family's query once per build and answers every cell in Python
from the grouped rows: a report costs about one pass over its year's records,
whatever the number of cells.

Each answer carries its provenance, and ``Indicator.records`` returns exactly the
records an answer counted, so any figure can be traced to the records behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Aggregate, Count, F, IntegerField, Q, QuerySet
from django.db.models import Value as Constant

from gongkai.core.compiled import COMPILED, CompiledQuery
from gongkai.reports.data import Value
from gongkai.reports.scope import Scope, YearBounds

Args = Mapping[str, Any]
Source = dict[str, Any]
Row = dict[str, Any]

BOOLEANS = frozenset({True, False})

# The dimension of a family whose rows are one per agency (the attested figures):
# its rows then say which agencies have a record.
AGENCY = "agency_id"


class ArgumentError(ValueError):
    """A cell's arguments that its indicator cannot answer."""


# -- families ------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """What a family sums per group: a count or a sum, optionally over a subset.

    ``where`` narrows the rows measured (the documents family counts, in one query,
    those issued in the year, those repealed in it, those in force at its end...);
    the drill-down applies the same condition, so it returns what was measured.
    """

    function: type[Aggregate] = Count
    expression: Any = "pk"
    where: Callable[[YearBounds], Q] | None = None

    def aggregate(self, bounds: YearBounds) -> Aggregate:
        condition = self.where(bounds) if self.where else None
        return self.function(self.expression, filter=condition)


COUNT = Measure()


def measure_column(name: str) -> str:
    """A measure's column in the grouped rows, named apart from the model's fields
    (the profile sums ``full_time_staff`` into ``m_full_time_staff``)."""
    return f"m_{name}"


Dimension = str | Callable[[YearBounds], Any]


@dataclass(frozen=True)
class Family:
    """One grouped aggregate query, and how to list the records behind its rows.

    - ``source`` selects the year's rows for a scope (through the ledger selectors);
    - ``dimensions`` are the GROUP BY columns: a field name, a path to annotate, or
      an expression built for the year (a case's result *at year end*);
    - ``measures`` are the aggregates of each group (``count`` always among them);
    - ``records`` turns matching source rows into the records counted, when the
      source is a join (channel rows → the items they carry);
    - ``fanout`` names the dimensions on which one record spans several rows (an
      item on two channels): "any of" several values there needs an exact count,
      of the distinct ``record_key`` (``item_id``);
    - ``narrowed_by`` names a dimension whose values the cells ask for one by one
      (an attested figure's key): a report then reads the rows of the values its
      format asks for, not of every value there is.
    """

    name: str
    model: str
    source: Callable[[Scope, YearBounds], QuerySet]
    dimensions: Mapping[str, Dimension] = field(default_factory=dict)
    measures: Mapping[str, Measure] = field(default_factory=lambda: {"count": COUNT})
    records: Callable[[QuerySet], QuerySet] | None = None
    record_key: str = "pk"
    fanout: frozenset[str] = frozenset()
    narrowed_by: str | None = None

    def annotated(self, scope: Scope, bounds: YearBounds) -> QuerySet:
        """The source rows with every dimension available as a column."""
        queryset = self.source(scope, bounds)
        computed = {
            column: spec(bounds) if callable(spec) else F(spec)
            for column, spec in self.dimensions.items()
            if spec != column
        }
        return queryset.annotate(**computed) if computed else queryset

    def grouped(
        self, scope: Scope, bounds: YearBounds, only: frozenset[Any] | None = None
    ) -> QuerySet:
        """The family's one query: a row per group with every measure (with
        ``only``, the groups of those values of ``narrowed_by``).

        Without dimensions it is one aggregate row (SQL without GROUP BY), so an
        empty year still yields a row: counts 0, sums NULL.
        """
        measures = {
            measure_column(name): m.aggregate(bounds)
            for name, m in self.measures.items()
        }
        queryset = self.annotated(scope, bounds)
        if only is not None and self.narrowed_by is not None:
            named = sorted(only, key=repr)
            queryset = queryset.filter(**{f"{self.narrowed_by}__in": named})
        if not self.dimensions:
            queryset = queryset.annotate(_all=Constant(1, output_field=IntegerField()))
            return queryset.values("_all").annotate(**measures).order_by()
        return queryset.values(*self.dimensions).annotate(**measures).order_by()

    def filtered(
        self,
        scope: Scope,
        bounds: YearBounds,
        filters: Mapping[str, frozenset[Any]],
        measure: str,
    ) -> QuerySet:
        """The source rows that ``filters`` select and ``measure`` measures."""
        queryset = self.annotated(scope, bounds)
        for column, values in filters.items():
            queryset = queryset.filter(**{f"{column}__in": list(values)})
        where = self.measures[measure].where
        return queryset.filter(where(bounds)) if where is not None else queryset

    def matching(
        self,
        scope: Scope,
        bounds: YearBounds,
        filters: Mapping[str, frozenset[Any]],
        measure: str,
    ) -> QuerySet:
        """The records behind the rows that ``filters`` select, for ``measure``."""
        queryset = self.filtered(scope, bounds, filters, measure)
        return self.records(queryset) if self.records else queryset

    def distinct_count(
        self,
        scope: Scope,
        bounds: YearBounds,
        filters: Mapping[str, frozenset[Any]],
        measure: str,
    ) -> QuerySet:
        """One row counting the distinct records behind the selected rows: what
        "any of" several fan-out values needs (an item on two of them is one)."""
        return (
            self.filtered(scope, bounds, filters, measure)
            .annotate(_all=Constant(1, output_field=IntegerField()))
            .values("_all")
            .annotate(count=Count(self.record_key, distinct=True))
            .order_by()
        )


# -- arguments -----------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    """An argument that selects groups: its values narrow a dimension.

    A list means "any of these" (the legacy 网络申请数 counts [online, email]).
    ``to_db`` translates a format's word into the column's value where they differ
    (route ``direct`` is ``after_review = False``).
    """

    name: str
    values: frozenset[Any]
    column: str = ""
    to_db: Mapping[Any, Any] = field(default_factory=dict)

    @property
    def dimension(self) -> str:
        return self.column or self.name

    def db_values(self, given: Any) -> frozenset[Any]:
        return frozenset(self.to_db.get(v, v) for v in _as_list(given))


@dataclass(frozen=True)
class Pick:
    """An argument that selects which measure to sum (``field: attendees``)."""

    name: str
    measures: Mapping[Any, str]
    default: str | None = None  # None: the argument is required

    @property
    def values(self) -> frozenset[Any]:
        return frozenset(self.measures)


def _as_list(given: Any) -> list[Any]:
    return list(given) if isinstance(given, list | tuple | set | frozenset) else [given]


def _accepts(allowed: frozenset[Any], value: Any) -> bool:
    """Whether ``value`` is one of ``allowed``; a boolean argument takes only
    booleans (YAML ``true``), a word argument never does (``True == 1``)."""
    try:
        known = value in allowed
    except TypeError:  # unhashable: a mapping where a value was expected
        return False
    return known and isinstance(value, bool) == (allowed == BOOLEANS)


def _allowed(values: Iterable[Any]) -> str:
    return "、".join(sorted(repr(v) for v in values))


# -- indicators ----------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """A figure a format cell can show, answered from a family's grouped rows.

    ``families`` are tried in order; the first whose dimensions cover the filters a
    cell gives answers it (``activities.count`` reads activities, or their channels
    when a cell names a channel). ``blank_when_empty``: with no record at all the
    figure is unknown (None), not 0 — the agency-year profile nobody entered.
    ``scale`` converts the unit (fees are kept in 元, printed in 万元).
    """

    name: str
    label: str
    families: tuple[Family, ...]
    filters: tuple[Filter, ...] = ()
    pick: Pick | None = None
    measure: str = "count"
    blank_when_empty: bool = False
    scale: Decimal | None = None

    # -- the contract with format files --------------------------------------------

    def problems(self, args: Args) -> list[str]:
        """Why ``args`` cannot be answered (empty when they can), in Chinese."""
        problems = []
        accepted = {f.name: f.values for f in self.filters}
        if self.pick:
            accepted[self.pick.name] = self.pick.values
            if self.pick.default is None and self.pick.name not in args:
                problems.append(f"指标 {self.name} 需要参数 {self.pick.name}")
        for name, given in args.items():
            if name not in accepted:
                known = "、".join(sorted(accepted)) or "无"
                problems.append(f"指标 {self.name} 不接受参数 {name}（可用：{known}）")
                continue
            values = _as_list(given)
            if not values:
                problems.append(f"指标 {self.name} 的参数 {name} 为空列表")
            if self.pick and name == self.pick.name and len(values) > 1:
                problems.append(f"指标 {self.name} 的参数 {name} 只能取一个值")
            problems.extend(
                f"指标 {self.name} 的参数 {name} 不能取 {value!r}"
                f"（可取：{_allowed(accepted[name])}）"
                for value in values
                if not _accepts(accepted[name], value)
            )
        if not problems and self._family(args) is None:
            problems.append(
                f"指标 {self.name} 无法同时按 {'、'.join(sorted(args))} 统计"
            )
        return problems

    def ask(self, args: Args) -> Question:
        """The cell's arguments checked and resolved, once per format: which family
        to read, which groups, which measure, and the provenance to report."""
        if problems := self.problems(args):
            raise ArgumentError("；".join(problems))
        family = self._family(args)
        assert family is not None  # problems() said so
        selection = {
            f.dimension: f.db_values(args[f.name])
            for f in self.filters
            if f.name in args
        }
        return Question(
            indicator=self,
            args=_plain(args),
            family=family,
            selection=selection,
            measure=self.measure_for(args),
            # One record may sit in several selected groups (an item on two of the
            # channels asked for): then records are counted, not groups summed.
            exact=any(len(selection.get(d, ())) > 1 for d in family.fanout),
            source={
                "kind": "ledger",
                "indicator": self.name,
                "args": _plain(args),
                "model": family.model,
            },
        )

    def _family(self, args: Args) -> Family | None:
        wanted = {f.dimension for f in self.filters if f.name in args}
        return next((f for f in self.families if wanted <= set(f.dimensions)), None)

    def measure_for(self, args: Args) -> str:
        """The measure summed for ``args``: ``count`` unless the indicator sums a
        field (fees, attendees) or an argument picks one."""
        if self.pick is None:
            return self.measure
        chosen = args.get(self.pick.name, None)
        if chosen is None:
            return self.pick.default or self.measure
        return self.pick.measures[chosen]

    # -- answering -----------------------------------------------------------------

    def answer(self, tally: Tally, question: Question) -> tuple[Value, Source]:
        """The value of an asked question over ``tally``, and its provenance."""
        if question.exact:
            total: Any = tally.exact(
                question.family, question.selection, question.measure
            )
            found = total > 0
        else:
            groups = tally.rows(question.family)
            total, found = groups.total(question.selection, question.measure)
        value = None if self.blank_when_empty and not found else total
        return (
            None if value is None else _number(value, self.scale),
            # Each cell gets its own copy: a report's sources may be edited freely.
            {**question.source, "args": _plain(question.args)},
        )

    def evaluate(self, tally: Tally, args: Args) -> tuple[Value, Source]:
        """The value for ``args`` over ``tally``, and where it comes from."""
        return self.answer(tally, self.ask(args))

    def records(self, scope: Scope, year: int, args: Args) -> QuerySet:
        """Exactly the records the value for ``args`` counts (or sums)."""
        question = self.ask(args)
        return question.family.matching(
            scope, YearBounds(year), question.selection, question.measure
        )


@dataclass(frozen=True)
class Question:
    """A cell's arguments, checked and resolved: what to read and how to sum it."""

    indicator: Indicator
    args: Mapping[str, Any]
    family: Family
    selection: Mapping[str, frozenset[Any]]
    measure: str
    exact: bool
    source: Source

    def answer(self, tally: Tally) -> tuple[Value, Source]:
        return self.indicator.answer(tally, self)


class Groups:
    """A family's grouped rows, with an index per column built on first use, so a
    cell picks its rows with a few set operations instead of a scan: table 三 asks
    the closed applications' few hundred groups 150 times."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self._index: dict[str, dict[Any, set[int]]] = {}
        self._chosen: dict[tuple[str, frozenset[Any]], set[int]] = {}

    def _positions(self, column: str, values: frozenset[Any]) -> set[int]:
        chosen = self._chosen.get((column, values))
        if chosen is not None:
            return chosen
        index = self._index.get(column)
        if index is None:
            index = {}
            for position, row in enumerate(self.rows):
                index.setdefault(row[column], set()).add(position)
            self._index[column] = index
        chosen = self._chosen[(column, values)] = set().union(
            *(index.get(v, ()) for v in values)
        )
        return chosen

    def select(self, selection: Mapping[str, frozenset[Any]]) -> list[Row]:
        positions: set[int] | None = None
        for column, values in selection.items():
            found = self._positions(column, values)
            positions = found if positions is None else positions & found
        if positions is None:
            return self.rows
        return [self.rows[p] for p in sorted(positions)]

    def total(
        self, selection: Mapping[str, frozenset[Any]], measure: str
    ) -> tuple[Any, bool]:
        """``measure`` summed over the selected groups; and whether they hold any
        record at all (``count`` > 0), which tells a blank from a zero."""
        rows = self.select(selection)
        measured, counted = measure_column(measure), measure_column("count")
        total = sum((row[measured] or 0 for row in rows), start=0)
        return total, any(row[counted] for row in rows)


def _number(value: Any, scale: Decimal | None = None) -> int | Decimal:
    """A cell value: an int when whole, else a Decimal without trailing zeros."""
    if scale is not None:
        value = Decimal(value) * scale
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value.normalize()
    return int(value)


def _plain(args: Args) -> dict[str, Any]:
    """Arguments as JSON values (lists stay lists), for provenance and snapshots."""
    return {
        k: list(v) if isinstance(v, list | tuple | set | frozenset) else v
        for k, v in args.items()
    }


# -- one build's memory --------------------------------------------------------------


class QueryCache:
    """Grouped rows by the SQL that produced them, shared by the tallies of a build.

    Two tallies may ask the same question in different words: last year's
    结转下年度 is this year's 上年结转, one and the same query. Keyed by SQL, it runs
    once. ``queries`` keeps each distinct query in order, which is what the
    benchmark replays as its bare-SQL baseline.

    ``compiled=False`` is the plain ORM path: every question is asked as an
    ordinary queryset, with neither the process-wide compiled queries nor the
    sharing by SQL (``queries`` stays empty). It gives the same rows, more slowly;
    the tests compare the two on random ledgers (ADR 12).
    """

    def __init__(self, *, compiled: bool = True) -> None:
        self.compiled = compiled
        self._rows: dict[tuple[str, tuple[Any, ...]], list[Row]] = {}

    def fetch(self, query: CompiledQuery) -> list[Row]:
        if query.key not in self._rows:
            self._rows[query.key] = query.dicts()
        return self._rows[query.key]

    def rows(self, key: tuple[Any, ...], make: Callable[[], QuerySet]) -> list[Row]:
        """The rows of the ``values()`` queryset ``make`` builds, which ``key``
        names completely: compiled once per process and connection, and run once
        per build; or, on the plain path, the queryset evaluated as it is."""
        if not self.compiled:
            return [dict(row) for row in make()]
        # Not prepared: a generic plan, which PostgreSQL may keep for a prepared
        # statement, can be worse than one made for the year's dates (the year
        # before's carry-over: 0.6 → 4.3 ms), and planning is little beside
        # reading a year of records.
        return self.fetch(COMPILED.get(key, make, prepared=False))

    @property
    def queries(self) -> list[tuple[str, tuple[Any, ...]]]:
        return list(self._rows)


class Tally:
    """The ledger's grouped rows for one scope and year: each family queried once.

    A builder makes one per report; every cell of a family is then answered from
    the rows already fetched. Given the questions it will be ``asked`` (a
    format's), a family ``narrowed_by`` a dimension reads only the values they
    name there.
    """

    def __init__(
        self,
        scope: Scope,
        year: int,
        cache: QueryCache | None = None,
        asked: Iterable[Question] = (),
    ) -> None:
        self.scope = scope
        self.year = year
        self.bounds = YearBounds(year)
        self.cache = cache or QueryCache()
        self._groups: dict[str, Groups] = {}
        self._only = _narrowing(asked)
        agency = scope.agency
        # Everything a family's query depends on: the scope's agency (a region's
        # subtree stays a subquery, read when the query runs) and the year.
        self._key = (agency.pk, agency.path, scope.region, year)

    def rows(self, family: Family) -> Groups:
        if family.name not in self._groups:
            only = self._only.get(family.name)
            named = () if only is None else tuple(sorted(only, key=repr))
            rows = self.cache.rows(
                (family.name, *self._key, named),
                lambda: family.grouped(self.scope, self.bounds, only),
            )
            self._groups[family.name] = Groups(rows)
        return self._groups[family.name]

    def exact(
        self, family: Family, selection: Mapping[str, frozenset[Any]], measure: str
    ) -> int:
        """How many distinct records the selected groups hold, counted in SQL."""
        chosen = tuple(
            sorted((c, tuple(sorted(v, key=repr))) for c, v in selection.items())
        )
        rows = self.cache.rows(
            ("exact", family.name, chosen, measure, *self._key),
            lambda: family.distinct_count(self.scope, self.bounds, selection, measure),
        )
        count: int = rows[0]["count"]
        return count


def _narrowing(asked: Iterable[Question]) -> dict[str, frozenset[Any] | None]:
    """For each family ``narrowed_by`` a dimension, the values the questions
    name there; None when one of them names none (it needs every row)."""
    only: dict[str, frozenset[Any] | None] = {}
    for question in asked:
        family, dimension = question.family.name, question.family.narrowed_by
        if dimension is None:
            continue
        named = question.selection.get(dimension)
        so_far = only.get(family, frozenset())
        only[family] = None if named is None or so_far is None else so_far | named
    return only
