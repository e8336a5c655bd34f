"""``gongkai crawl``: a government site's 年报 column walked (against a local
mirror), every annual report found and imported, robots.txt obeyed, and a second
run fetching nothing new."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from gongkai.cli import main
from gongkai.importer.crawl.recognise import recognise
from gongkai.importer.models import ImportedReport, ImportUpload

from .mirror import AGENCY, REPORTS, build_site, serve


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    build_site(root)
    served = serve(root)
    yield served
    served.server.shutdown()


def crawl(mirror, folder, *extra):
    finished = subprocess.run(
        [
            sys.executable, "-m", "gongkai.importer.crawl.run", mirror.column,
            "--out", str(folder / "files"), "--state", str(folder / "state"),
            "--delay", "0", *extra,
        ],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return [json.loads(line) for line in finished.stdout.splitlines()]


def test_every_report_of_the_column_is_found_once(mirror, tmp_path):
    mirror.asked.clear()
    found = crawl(mirror, tmp_path)
    assert sorted(f["year"] for f in found) == sorted(REPORTS)
    assert {f["agency"] for f in found} == {AGENCY}
    assert all((tmp_path / "files" / f["file"]).stat().st_size > 0 for f in found)
    paths = set(mirror.asked)
    assert not any("notice" in p for p in paths)  # a 通知, not a report
    assert not any(p.startswith("/private/") for p in paths)  # robots.txt
    assert "/robots.txt" in paths
    manifest = (tmp_path / "files" / "manifest.jsonl").read_text("utf-8")
    assert len(manifest.splitlines()) == len(REPORTS)


def test_a_second_run_fetches_nothing_new(mirror, tmp_path):
    crawl(mirror, tmp_path)
    mirror.asked.clear()
    assert crawl(mirror, tmp_path) == []
    fetched = [p for p in mirror.asked if p != "/robots.txt"]
    assert fetched == ["/zwgk/ndbg/index.html"]  # the first list page, to look


def test_until_passes_over_older_reports(mirror, tmp_path):
    found = crawl(mirror, tmp_path, "--until", "2022")
    assert sorted(f["year"] for f in found) == [2022, 2023]


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("兴义市应急管理局2023年政府信息公开工作年度报告", 2023),
        ("2019年度政府信息公开年报", 2019),
        ("黔西南州人民政府2008年政府信息公开工作年度报告（全文）", 2008),
    ],
)
def test_report_titles_are_recognised(title, year):
    found = recognise(title)
    assert found is not None and found.year == year


@pytest.mark.parametrize(
    "title",
    [
        "关于做好2024年政府信息公开工作年度报告编制的通知",
        "《2022年政府信息公开工作年度报告》解读",
        "政府信息公开指南",
    ],
)
def test_other_titles_are_not(title):
    assert recognise(title) is None


@pytest.mark.slow
@pytest.mark.django_db
def test_the_command_stores_and_imports_every_report(mirror, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    result = CliRunner().invoke(
        main, ["crawl", mirror.column, "--store", "--delay", "0"]
    )
    assert result.exit_code == 0, result.output
    assert f"找到 {len(REPORTS)} 份年报" in result.output
    assert ImportUpload.objects.count() == len(REPORTS)
    years = sorted(ImportedReport.objects.values_list("year", flat=True))
    assert years == sorted(REPORTS)
    again = CliRunner().invoke(
        main, ["crawl", mirror.column, "--store", "--delay", "0"]
    )
    assert "没有新的年报" in again.output
    assert ImportUpload.objects.count() == len(REPORTS)
