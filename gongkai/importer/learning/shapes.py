"""The shapes of a drafted format file: its tables, rows, columns and checks.

Shared by ``draft`` (which builds them from printed tables) and
``writing`` (which writes them out).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gongkai.reports.data import PrintedTable
from gongkai.reports.formats import PATH_SEPARATOR

from .match import Match
from .read import LearnedTable


@dataclass
class RowNode:
    label: str
    path: tuple[str, ...]
    has_figures: bool = False
    unit: str | None = None
    match: Match | None = None
    attested_key: str | None = None
    children: list[RowNode] = field(default_factory=list)


@dataclass
class ColumnNode:
    label: str
    children: list[ColumnNode] = field(default_factory=list)


@dataclass
class DraftCheck:
    id: str
    kind: str
    for_each: str
    operands: dict[str, Any]
    message: str


@dataclass
class DraftTable:
    id: str
    title: str | None
    learned: LearnedTable
    rows: list[RowNode]
    columns: list[ColumnNode]
    checks: list[DraftCheck] = field(default_factory=list)
    replaces: bool = False

    @property
    def printed(self) -> PrintedTable:
        return self.learned.printed


def walk(rows: list[RowNode]) -> Iterator[RowNode]:
    for node in rows:
        yield node
        yield from walk(node.children)


def label(path: tuple[str, ...]) -> str:
    return PATH_SEPARATOR.join(p for p in path if p)
