"""The shapes of a report format: tables, headers, cells, sections, checks, facts.

Plain frozen dataclasses and nothing else: no file reading, no check kinds, no
Django. ``formats`` reads the YAML files into these shapes; ``checks``,
``narrative``, ``layout`` and the renderers read them. Kept apart from the loader
so that the loader may validate a file with ``checks`` and ``narrative`` while
they, in turn, only need the shapes (no import cycle).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .data import CellRef

PATH_SEPARATOR = "/"


class FormatError(ValueError):
    """A format file that cannot be used, with the file and place it went wrong."""


@dataclass(frozen=True)
class Node:
    """A row or column header. Rows and columns share one shape.

    ``args`` and the presentation attributes are inherited from the ancestors;
    ``indicator`` is the nearest one defined on the path. A leaf always carries
    data; an inner row carries data too when it names an indicator itself
    (the legacy table's "（一）收到申请数" has a value and sub-rows).
    """

    label: str
    indicator: str | None = None
    args: Mapping[str, Any] = field(default_factory=dict)
    unit: str | None = None
    signed: bool = False
    decimals: int | None = None
    children: tuple[Node, ...] = ()
    own_indicator: bool = False

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True)
class HeaderPath:
    """A data row or column: the nodes from the outermost header down."""

    nodes: tuple[Node, ...]
    prefix: tuple[str, ...] = ()  # e.g. the block title for table 二's rows

    @functools.cached_property
    def label(self) -> str:
        # Cached: the checks ask every path's label many times per report.
        labels = [*self.prefix, *(n.label for n in self.nodes)]
        return PATH_SEPARATOR.join(label for label in labels if label)

    @property
    def last(self) -> Node:
        return self.nodes[-1]


@dataclass(frozen=True)
class Block:
    """A rectangle of a table with its own column headers (table 二 has five)."""

    title: str | None
    corner: str | None  # the top-left header; None means the rows have no labels
    unit_column: str | None  # statistics tables print a unit column, e.g. "单位"
    columns: tuple[Node, ...]
    rows: tuple[Node, ...]

    def data_columns(self) -> list[HeaderPath]:
        return list(self._data_columns)

    def data_rows(self) -> list[HeaderPath]:
        return list(self._data_rows)

    # Computed once per block: a build and its checks walk the headers hundreds of
    # times (a frozen dataclass can still cache, in the instance's __dict__).
    @functools.cached_property
    def _data_columns(self) -> tuple[HeaderPath, ...]:
        return tuple(HeaderPath(p) for p in _leaf_paths(self.columns))

    @functools.cached_property
    def _data_rows(self) -> tuple[HeaderPath, ...]:
        prefix = (self.title,) if self.title else ()
        return tuple(HeaderPath(p, prefix) for p in _data_row_paths(self.rows))


@dataclass(frozen=True)
class CellSpec:
    """One data cell of a format: where it is and which indicator fills it."""

    ref: CellRef
    indicator: str
    args: Mapping[str, Any]
    unit: str | None
    signed: bool
    decimals: int | None


@dataclass(frozen=True)
class Table:
    id: str  # the number as printed ("二"), or the statistics table's name
    title: str | None  # printed caption; may contain {year}
    blocks: tuple[Block, ...]

    def cells(self) -> Iterator[CellSpec]:
        for block in self.blocks:
            for row in block.data_rows():
                for column in block.data_columns():
                    yield _cell_spec(self.id, row, column)

    def caption(self, year: int) -> str:
        return (self.title or "").format(year=year)


@dataclass(frozen=True)
class SectionSpec:
    number: str
    heading: str
    narrative: str | None = None  # key of the text staff write, e.g. "overview"
    table: str | None = None  # id of the table printed under it

    @property
    def full_heading(self) -> str:
        return f"{self.number}、{self.heading}" if self.number else self.heading


@dataclass(frozen=True)
class CheckSpec:
    """A consistency rule instance; ``kind`` selects the code that evaluates it."""

    id: str
    kind: str
    message: str
    severity: str
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Fact:
    """A figure the narrative states: how the draft words it and how to find it."""

    section: str
    template: str
    pattern: str
    ref: CellRef


@dataclass(frozen=True)
class Format:
    id: str
    name: str
    basis: str
    first_year: int
    last_year: int | None
    title: str
    sections: tuple[SectionSpec, ...]
    tables: tuple[Table, ...]
    checks: tuple[CheckSpec, ...]
    facts: tuple[Fact, ...] = ()
    attested: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    extends: str | None = None

    def table(self, table_id: str) -> Table:
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)

    def cells(self) -> Iterator[CellSpec]:
        for table in self.tables:
            yield from table.cells()

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (
            self.last_year is None or year <= self.last_year
        )

    def report_title(self, agency: str, year: int) -> str:
        return self.title.format(agency=agency, year=year)


# -- header paths -------------------------------------------------------------


def _leaf_paths(
    nodes: tuple[Node, ...], above: tuple[Node, ...] = ()
) -> Iterator[tuple[Node, ...]]:
    for node in nodes:
        path = (*above, node)
        if node.is_leaf:
            yield path
        else:
            yield from _leaf_paths(node.children, path)


def _data_row_paths(
    nodes: tuple[Node, ...], above: tuple[Node, ...] = ()
) -> Iterator[tuple[Node, ...]]:
    for node in nodes:
        path = (*above, node)
        if node.is_leaf or node.own_indicator:
            yield path
        yield from _data_row_paths(node.children, path)


def _cell_spec(table_id: str, row: HeaderPath, column: HeaderPath) -> CellSpec:
    r, c = row.last, column.last
    indicator = r.indicator or c.indicator
    if r.indicator and c.indicator:
        raise FormatError(
            f"表{table_id}「{row.label}」×「{column.label}」: 行和列都指定了 indicator"
        )
    if not indicator:
        raise FormatError(
            f"表{table_id}「{row.label}」×「{column.label}」: 没有 indicator"
        )
    return CellSpec(
        ref=CellRef(table_id, row.label, column.label),
        indicator=indicator,
        args={**c.args, **r.args},
        unit=r.unit or c.unit,
        signed=r.signed or c.signed,
        decimals=r.decimals if r.decimals is not None else c.decimals,
    )
