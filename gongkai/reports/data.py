"""ReportData: one annual report as data, whoever produced it.

The builder (from the ledger) and the importer (from a published file) both produce
a ``ReportData``; the checks and the renderers only consume it. It is plain Python
(no Django) and round-trips through the open JSON schema ``gongkai.annual-report/1``
(docs/reference/json-schema.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

SCHEMA = "gongkai.annual-report/1"

Value = int | Decimal | None


@dataclass(frozen=True, order=True)
class CellRef:
    """Where a cell sits: the table as printed and the official labels of its row
    and column, joined by "/" from the outermost header down."""

    table: str
    row: str
    column: str

    def __str__(self) -> str:
        return f"表{self.table}「{self.row}」×「{self.column}」"


@dataclass
class Cell:
    ref: CellRef
    value: Value
    source: dict[str, Any] | None = None


@dataclass
class Section:
    heading: str
    text: str
    key: str | None = None  # the narrative slot it fills, e.g. "overview"


@dataclass
class Finding:
    rule: str
    severity: str  # "error" or "warning"
    message: str
    cells: list[CellRef] = field(default_factory=list)


@dataclass
class AgencyRef:
    name: str
    code: str | None = None


@dataclass
class PrintedFigure:
    """One figure of a printed table, under its labels as printed: the row's
    labels from the outermost down, and the column's from the top header down."""

    row: tuple[str, ...]
    column: tuple[str, ...]
    value: Value
    source: dict[str, Any] | None = None


@dataclass
class PrintedTable:
    """A table a published report prints that no format describes (a province's
    own statistics table before 2019, a table with two period columns), kept as
    printed: its title, its rows and columns in order, and every figure."""

    title: str
    rows: list[tuple[str, ...]] = field(default_factory=list)
    columns: list[tuple[str, ...]] = field(default_factory=list)
    figures: list[PrintedFigure] = field(default_factory=list)
    source: dict[str, Any] | None = None

    def value(self, row: tuple[str, ...], column: tuple[str, ...]) -> Value:
        return next(
            (f.value for f in self.figures if f.row == row and f.column == column),
            None,
        )


@dataclass
class ReportData:
    format: str
    agency: AgencyRef
    year: int
    sections: list[Section] = field(default_factory=list)
    cells: dict[CellRef, Cell] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    # -- reading -----------------------------------------------------------------

    def value(self, table: str, row: str, column: str) -> Value:
        cell = self.cells.get(CellRef(table, row, column))
        return cell.value if cell else None

    def has(self, ref: CellRef) -> bool:
        return ref in self.cells

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def table_cells(self, table: str) -> Iterator[Cell]:
        return (c for c in self.cells.values() if c.ref.table == table)

    # -- writing -----------------------------------------------------------------

    def set(
        self, ref: CellRef, value: Value, source: dict[str, Any] | None = None
    ) -> None:
        self.cells[ref] = Cell(ref, value, source)

    def add_printed(self, table: PrintedTable, source: dict[str, Any]) -> None:
        """Keep a table no format describes as cells of its own: its printed title
        as the table, its printed labels joined by "/" as the row and column, and
        the paths themselves in the source (``as_printed``), which the open schema
        leaves open, so a reader of version 1 needs nothing new."""
        for figure in table.figures:
            self.set(
                CellRef(table.title, "/".join(figure.row), "/".join(figure.column)),
                figure.value,
                {
                    **source,
                    **(figure.source or {}),
                    "as_printed": True,
                    "row_path": list(figure.row),
                    "column_path": list(figure.column),
                },
            )

    def printed_tables(self) -> list[PrintedTable]:
        """The tables kept as printed, rebuilt from their cells in printed order."""
        tables: dict[str, PrintedTable] = {}
        rows: dict[str, set[tuple[str, ...]]] = {}
        columns: dict[str, set[tuple[str, ...]]] = {}
        for cell in self.cells.values():
            source = cell.source or {}
            if not source.get("as_printed"):
                continue
            name = cell.ref.table
            table = tables.setdefault(name, PrintedTable(name))
            row = tuple(source.get("row_path") or cell.ref.row.split("/"))
            column = tuple(source.get("column_path") or cell.ref.column.split("/"))
            if row not in rows.setdefault(name, set()):
                rows[name].add(row)
                table.rows.append(row)
            if column not in columns.setdefault(name, set()):
                columns[name].add(column)
                table.columns.append(column)
            table.figures.append(PrintedFigure(row, column, cell.value, source))
        return list(tables.values())

    def extend_findings(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    # -- JSON --------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "format": self.format,
            "agency": {"name": self.agency.name, "code": self.agency.code},
            "year": self.year,
            "sections": [
                {
                    "heading": s.heading,
                    "text": s.text,
                    **({"key": s.key} if s.key else {}),
                }
                for s in self.sections
            ],
            "cells": [
                {
                    "table": c.ref.table,
                    "row": c.ref.row,
                    "column": c.ref.column,
                    "value": _json_number(c.value),
                    "source": c.source,
                }
                for c in self.cells.values()
            ],
            "findings": [
                {
                    "rule": f.rule,
                    "severity": f.severity,
                    "message": f.message,
                    "cells": [
                        {"table": r.table, "row": r.row, "column": r.column}
                        for r in f.cells
                    ],
                }
                for f in self.findings
            ],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportData:
        if data.get("schema") != SCHEMA:
            raise ValueError(
                f"不是 {SCHEMA} 格式的年度报告数据（schema 为 {data.get('schema')!r}）"
            )
        report = cls(
            format=str(data["format"]),
            agency=AgencyRef(data["agency"]["name"], data["agency"].get("code")),
            year=int(data["year"]),
            sections=[
                Section(s["heading"], s.get("text", ""), s.get("key"))
                for s in data.get("sections", [])
            ],
        )
        for c in data.get("cells", []):
            report.set(
                CellRef(str(c["table"]), str(c["row"]), str(c["column"])),
                _parse_number(c.get("value")),
                c.get("source"),
            )
        for f in data.get("findings", []):
            refs = [
                CellRef(r["table"], r["row"], r["column"]) for r in f.get("cells", [])
            ]
            report.findings.append(
                Finding(f["rule"], f["severity"], f["message"], refs)
            )
        return report

    @classmethod
    def from_json(cls, text: str) -> ReportData:
        return cls.from_dict(json.loads(text))


def _json_number(value: Value) -> int | float | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _parse_number(value: Any) -> Value:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("a cell value is a number or null, not a boolean")
    if isinstance(value, int):
        return value
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else number
