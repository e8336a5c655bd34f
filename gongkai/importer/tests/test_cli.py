"""``gongkai import report``: a batch of files and folders, a summary table, JSON
lines, storing; one bad file never stops the batch."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from gongkai.cli import main
from gongkai.importer.models import ImportedReport

from .helpers import seed


@pytest.fixture
def batch(tmp_path):
    """Two seeds in a folder, binary junk beside them, and an empty report."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for number in ("002", "004"):
        shutil.copy(seed(number), folder)
    (folder / "junk.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    (folder / "empty.html").write_bytes(b"")
    (folder / "notes.md").write_text("not a report")  # not a report file: skipped
    return folder


def run(*args: str):
    return CliRunner().invoke(main, ["import", "report", *args])


def test_a_batch_reads_every_file_and_lists_each_error(batch):
    result = run(str(batch))
    assert result.exit_code == 1  # some files could not be imported
    output = result.output
    assert "导入 4 个文件：成功 2 个" in output
    assert "临沂市民政局" in output and "佳木斯市前进区人民政府" in output
    assert "文件是空的。" in output
    # The table wraps the message after "PDF ": its second line is the tell.
    assert "文件已损坏或不完整，无法读取。" in output
    assert "STAT.channels" in output  # the seeds' defects, under their file
    assert "notes.md" not in output


def test_json_prints_one_line_per_file(batch):
    result = run(str(batch / "junk.pdf"), str(seed("002")), "--json")
    lines = [
        json.loads(line) for line in result.output.splitlines() if line.startswith("{")
    ]
    assert [(line["file"], line["ok"]) for line in lines] == [
        ("junk.pdf", False),
        (seed("002").name, True),
    ]
    report = lines[1]["report"]
    assert report["schema"] == "gongkai.annual-report/1"
    assert report["agency"]["name"] == "临沂市民政局"
    assert [f["rule"] for f in report["findings"]] == [
        "STAT.channels",
        "STAT.refusal_reasons",
    ]


def test_a_file_that_does_not_exist_is_listed(tmp_path):
    result = run(str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert "文件不存在。" in result.output


@pytest.mark.django_db
def test_store_keeps_the_reports_with_their_quality_scores(batch):
    result = run(str(batch / "002_ee2593d71c2311bb.txt"), str(seed("003")), "--store")
    assert result.exit_code == 0, result.output
    assert "质量分" in result.output and "已保存" in result.output
    assert sorted(ImportedReport.objects.values_list("agency_name", "year")) == [
        ("临沂市民政局", 2017),
        ("兴义市应急管理局", 2019),
    ]


def test_an_unknown_format_is_a_usage_error(batch):
    result = run(str(batch), "--format", "nowhere")
    assert result.exit_code == 2
    assert "没有名为 'nowhere' 的报告格式" in result.output


@pytest.mark.django_db
def test_storing_a_year_holds_its_carried_in_against_the_stored_year_before(tmp_path):
    from .test_store import WORDING, balanced, rendered_text

    for year, table in ((2020, balanced(10, 0, 7)), (2021, balanced(12, 2, 13))):
        path = tmp_path / f"{year}.txt"
        path.write_bytes(rendered_text("测试县教育局", year, table, WORDING))
        result = run(str(path), "--store")
    assert result.exit_code == 0, result.output
    assert "T3.carry_over" in result.output
    assert "本年上年结转为2，上一年度报告结转下年度继续办理为3" in result.output
