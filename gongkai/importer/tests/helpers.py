"""Shared by the importer's tests: the seeds, and reading a report's cells by the
end of their row label."""

from __future__ import annotations

from pathlib import Path

from gongkai.importer.importing import limits_from_settings
from gongkai.importer.parsing import Parsed, ParseOptions, parse_document
from gongkai.importer.readers import read_document
from gongkai.reports.data import Cell, ReportData

SEEDS = Path(__file__).resolve().parents[2] / "reports" / "tests" / "data" / "seeds"
DATA = Path(__file__).resolve().parent / "data"


def seed(number: str) -> Path:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path


def parse_file(path: Path, **options: object) -> Parsed:
    document = read_document(path.read_bytes(), path.name, limits_from_settings())
    return parse_document(document, ParseOptions(**options))  # type: ignore[arg-type]


def parse_bytes(data: bytes, name: str = "report.txt", **options: object) -> Parsed:
    return parse_document(
        read_document(data, name, limits_from_settings()), ParseOptions(**options)
    )  # type: ignore[arg-type]


def cell(report: ReportData, table: str, row: str, column: str) -> Cell:
    """The one cell of ``table`` whose row label ends with ``row`` (whole
    segments) and whose column label ends with ``column``."""
    found = [
        c
        for ref, c in report.cells.items()
        if ref.table == table
        and (ref.row == row or ref.row.endswith("/" + row))
        and (ref.column == column or ref.column.endswith("/" + column))
    ]
    assert len(found) == 1, f"{table} {row} × {column}: {len(found)} cells"
    return found[0]


def values(
    report: ReportData, table: str, column: str, rows: dict[str, object]
) -> dict:
    """``rows`` (row label end → expected value) as the report has them."""
    return {row: cell(report, table, row, column).value for row in rows}
