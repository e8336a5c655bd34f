"""The imported corpus for analysis: every stored report's cells as one long table,
and the reports themselves as JSON lines in the open schema.

One row per cell: which report (agency, region, year, format, file), which cell
(table, row path, column path as the format names them), its value, and where the
value came from (a table cell, a sentence, a collapsed parent row, a cell printed
but not readable, or ``as_printed``: a figure of a table no format describes, under
that table's printed title and its row and column labels as printed). The same rows
go to CSV (UTF-8 with a byte-order mark, so Excel opens it in Chinese), XLSX
(written row by row: a corpus of thousands of reports does not fit in a worksheet
built in memory) and Parquet (typed columns, for pandas and R's arrow). Only
current imports are exported, never the replaced ones, and nothing about who
imported them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .models import ImportedReport
from .selectors import current_reports

FORMATS = ("csv", "xlsx", "parquet", "jsonl")
COLUMNS = (
    "report_id",
    "agency",
    "region",
    "year",
    "format",
    "file",
    "table",
    "row",
    "column",
    "value",
    "source",
    "printed",
)
XLSX_ROWS = 1_048_575  # a worksheet's rows, less the header
CHUNK = 200  # reports read from the database at a time


@dataclass
class Exported:
    reports: int = 0
    cells: int = 0
    files: list[Path] | None = None


def export_corpus(
    folder: Path,
    *,
    formats: tuple[str, ...] = FORMATS,
    year: int | None = None,
    region: str | None = None,
) -> Exported:
    """Write the chosen ``formats`` of the current imported reports into
    ``folder`` (created if need be): cells.csv, cells.xlsx, cells.parquet,
    reports.jsonl."""
    folder.mkdir(parents=True, exist_ok=True)
    reports = current_reports(year=year, region=region)
    result = Exported(files=[])
    writers = _Writers(folder, formats)
    try:
        for report in reports.iterator(chunk_size=CHUNK):
            result.reports += 1
            writers.report(report)
            for row in cell_rows(report):
                result.cells += 1
                writers.cell(row)
    finally:
        result.files = writers.close()
    return result


def cell_rows(report: ImportedReport) -> Iterator[tuple[Any, ...]]:
    """The report's cells, one tuple per cell in the order of ``COLUMNS``."""
    for cell in report.data.get("cells", []):
        source = cell.get("source") or {}
        yield (
            report.pk,
            report.agency_name,
            report.region,
            report.year,
            report.format,
            report.file_name,
            cell["table"],
            cell["row"],
            cell["column"],
            cell.get("value"),
            _source_kind(source),
            source.get("printed") or source.get("stated") or "",
        )


def _source_kind(source: dict[str, Any]) -> str:
    if source.get("as_printed"):
        return "as_printed"
    if source.get("printed_child"):
        return "printed_child"
    if source.get("unread"):
        return "unread"
    if source.get("collapsed"):
        return "collapsed"
    if source.get("stated"):
        return "sentence"
    if source.get("split"):
        return "split"
    return "table" if source else ""


class _Writers:
    """The open files, written one row at a time."""

    def __init__(self, folder: Path, formats: tuple[str, ...]) -> None:
        self.paths: list[Path] = []
        # Each writer is None unless its format was asked for.
        self.csv_file: Any = None
        self.csv: Any = None
        self.workbook: Any = None
        self.sheet: Any = None
        self.parquet: Any = None
        self.jsonl: Any = None
        self.batch: list[tuple[Any, ...]] = []
        self.rows_in_sheet = 0
        if "csv" in formats:
            path = self._path(folder / "cells.csv")
            self.csv_file = path.open("w", encoding="utf-8-sig", newline="")
            self.csv = csv.writer(self.csv_file)
            self.csv.writerow(COLUMNS)
        if "xlsx" in formats:
            from openpyxl import Workbook

            self.workbook_path = self._path(folder / "cells.xlsx")
            self.workbook = Workbook(write_only=True)
            self._new_sheet()
        if "parquet" in formats:
            import pyarrow.parquet as pq

            self.parquet = pq.ParquetWriter(
                self._path(folder / "cells.parquet"), _schema()
            )
        if "jsonl" in formats:
            self.jsonl = self._path(folder / "reports.jsonl").open(
                "w", encoding="utf-8"
            )

    def _path(self, path: Path) -> Path:
        self.paths.append(path)
        return path

    def _new_sheet(self) -> None:
        assert self.workbook is not None
        self.sheet = self.workbook.create_sheet(
            f"单元格{len(self.workbook.worksheets) + 1}"
        )
        self.sheet.append(COLUMNS)
        self.rows_in_sheet = 0

    def report(self, report: ImportedReport) -> None:
        if self.jsonl is not None:
            line = {
                "id": report.pk,
                "agency": report.agency_name,
                "region": report.region,
                "year": report.year,
                "file": report.file_name,
                "sha256": report.file_sha256,
                "published_on": (
                    report.published_on.isoformat() if report.published_on else None
                ),
                "tables_found": report.tables_found,
                "report": report.data,
            }
            self.jsonl.write(json.dumps(line, ensure_ascii=False) + "\n")

    def cell(self, row: tuple[Any, ...]) -> None:
        if self.csv is not None:
            self.csv.writerow(["" if v is None else v for v in row])
        if self.sheet is not None:
            if self.rows_in_sheet >= XLSX_ROWS:
                self._new_sheet()
            self.sheet.append(row)
            self.rows_in_sheet += 1
        if self.parquet is not None:
            self.batch.append(row)
            if len(self.batch) >= 50_000:
                self._flush_parquet()

    def _flush_parquet(self) -> None:
        import pyarrow as pa

        if self.parquet is None or not self.batch:
            return
        columns = list(zip(*self.batch, strict=True))
        arrays = {
            name: list(values) for name, values in zip(COLUMNS, columns, strict=True)
        }
        arrays["value"] = [None if v is None else float(v) for v in arrays["value"]]
        self.parquet.write_table(pa.Table.from_pydict(arrays, schema=_schema()))
        self.batch = []

    def close(self) -> list[Path]:
        if self.csv_file is not None:
            self.csv_file.close()
        if self.workbook is not None:
            self.workbook.save(self.workbook_path)
        if self.parquet is not None:
            self._flush_parquet()
            self.parquet.close()
        if self.jsonl is not None:
            self.jsonl.close()
        return self.paths


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("report_id", pa.int64()),
            ("agency", pa.string()),
            ("region", pa.string()),
            ("year", pa.int32()),
            ("format", pa.string()),
            ("file", pa.string()),
            ("table", pa.string()),
            ("row", pa.string()),
            ("column", pa.string()),
            ("value", pa.float64()),
            ("source", pa.string()),
            ("printed", pa.string()),
        ]
    )
