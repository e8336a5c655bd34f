"""``gongkai import export``: the imported corpus as one long table of cells (CSV,
XLSX, Parquet) and as JSON lines in the open schema, for pandas or R."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from gongkai.cli import main
from gongkai.importer.importing import (
    import_bytes,
    limits_from_settings,
    options_from_settings,
)
from gongkai.importer.services import imported_report_store

from .helpers import seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    stored = []
    for number in ("002", "003", "004"):
        path = seed(number)
        outcome = import_bytes(
            path.read_bytes(),
            path.name,
            limits_from_settings(),
            options_from_settings(),
        )
        stored.append(imported_report_store(outcome=outcome, acting_user=None)[0])
    return stored


def export(tmp_path, *args):
    result = CliRunner().invoke(main, ["import", "export", str(tmp_path), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_every_cell_of_every_report_is_one_row_in_each_format(corpus, tmp_path):
    output = export(tmp_path)
    expected = sum(len(r.data["cells"]) for r in corpus)
    assert f"已导出 3 份报告、{expected} 个单元格" in output

    with (tmp_path / "cells.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == expected
    linyi = [r for r in rows if r["agency"] == "临沂市民政局"]
    assert linyi and {r["year"] for r in linyi} == {"2017"}
    assert all(
        r["source"] in {"table", "sentence", "split", "collapsed", "unread", ""}
        for r in rows
    )

    sheet = load_workbook(tmp_path / "cells.xlsx", read_only=True).worksheets[0]
    assert sum(1 for _ in sheet.iter_rows()) == expected + 1  # the header

    table = pq.read_table(tmp_path / "cells.parquet")
    assert table.num_rows == expected
    assert table.schema.field("value").type == "double"
    # The same figure in CSV and Parquet.
    first = rows[0]
    same = table.to_pylist()[0]
    assert (same["row"], same["column"]) == (first["row"], first["column"])
    assert (same["value"] is None) == (first["value"] == "")

    lines = (tmp_path / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    report = json.loads(lines[0])
    assert report["report"]["schema"].startswith("gongkai")
    assert "imported_by" not in report


def test_a_year_and_a_format_can_be_chosen(corpus, tmp_path):
    years = {r.year for r in corpus}
    year = min(years)
    export(tmp_path, "--format", "csv", "--year", str(year))
    assert [p.name for p in tmp_path.iterdir()] == ["cells.csv"]
    with (tmp_path / "cells.csv").open(encoding="utf-8-sig") as handle:
        assert {row["year"] for row in csv.DictReader(handle)} == {str(year)}


def test_a_replaced_import_is_not_exported(corpus, tmp_path):
    path = seed("002")
    corrected = path.read_bytes() + "\n（更正后重新发布）\n".encode()
    again = import_bytes(
        corrected, path.name, limits_from_settings(), options_from_settings()
    )
    assert imported_report_store(outcome=again, acting_user=None)[1]
    output = export(tmp_path, "--format", "jsonl")
    assert "已导出 3 份报告" in output
