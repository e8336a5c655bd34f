"""The ``gongkai report`` commands, and the report benchmark, run as a user would.
(``gongkai bench`` itself is tested in ``gongkai/core/tests/test_bench.py``.)"""

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongkai.reports.bench import BENCH_YEAR, bench_agency, measure_report
from gongkai.reports.cli import report
from gongkai.reports.tests.helpers import narratives_write
from gongkai.testing import factories as f
from gongkai.testing.ledgers import LedgerSize

DATA = Path(__file__).parent / "data"
RECEIVED = "一、本年新收政府信息公开申请数量"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def minzheng(db):
    agency = f.AgencyFactory(name="临沂市民政局", credit_code=f.credit_code(4242))
    f.ApplicationFactory.create_batch(3, agency=agency, received_on=date(2021, 6, 1))
    return agency


def cell(data: dict, table: str, row: str, column: str):
    return next(
        c["value"]
        for c in data["cells"]
        if (c["table"], c["row"], c["column"]) == (table, row, column)
    )


@pytest.mark.django_db
def test_build_prints_the_json_report_by_name_or_code(runner, minzheng):
    by_name = runner.invoke(
        report, ["build", "--agency", "临沂市民政局", "--year", "2021"]
    )
    by_code = runner.invoke(
        report, ["build", "--agency", minzheng.credit_code.lower(), "--year", "2021"]
    )

    assert by_name.exit_code == 0, by_name.output
    data = json.loads(by_name.stdout)
    assert data["schema"] == "gongkai.annual-report/1"
    assert (data["format"], data["year"]) == ("2021", 2021)
    assert cell(data, "三", RECEIVED, "申请人情况/总计") == 3
    assert json.loads(by_code.stdout) == data


@pytest.mark.django_db
def test_build_in_another_format_to_a_file(runner, minzheng, tmp_path):
    target = tmp_path / "report.xlsx"

    result = runner.invoke(
        report,
        [
            "build",
            "--agency",
            "临沂市民政局",
            "--year",
            "2017",
            "--format",
            "shandong-legacy",
            "--to",
            "xlsx",
            "-o",
            str(target),
        ],
    )

    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:2] == b"PK"  # a zip: the xlsx package
    assert "已写入" in result.stderr


@pytest.mark.django_db
def test_a_binary_format_needs_an_output_file(runner, minzheng):
    result = runner.invoke(
        report, ["build", "--agency", "临沂市民政局", "--year", "2021", "--to", "pdf"]
    )

    assert result.exit_code == 2
    assert "-o" in result.output


@pytest.mark.django_db
def test_an_unknown_agency_is_refused_with_the_names_that_come_close(runner, minzheng):
    f.AgencyFactory(name="临沂市民族宗教事务局")

    result = runner.invoke(
        report, ["build", "--agency", "临沂民政局", "--year", "2021"]
    )

    assert result.exit_code == 1
    assert "找不到机构「临沂民政局」" in result.output
    assert "临沂市民政局" in result.output


@pytest.mark.django_db
def test_a_name_two_agencies_share_asks_for_the_code(runner, minzheng):
    f.AgencyFactory(name="临沂市民政局")

    result = runner.invoke(
        report, ["build", "--agency", "临沂市民政局", "--year", "2021"]
    )

    assert result.exit_code == 1
    assert "统一社会信用代码" in result.output
    assert minzheng.credit_code in result.output


@pytest.mark.django_db
def test_check_passes_a_computed_report(runner, minzheng, tmp_path):
    """Once the office has written every section gongkai cannot draft itself."""
    narratives_write(minzheng, 2021)
    built = runner.invoke(
        report, ["build", "--agency", "临沂市民政局", "--year", "2021"]
    )
    path = tmp_path / "report.json"
    path.write_text(built.stdout, encoding="utf-8")

    result = runner.invoke(report, ["check", str(path)])

    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.output


@pytest.mark.django_db
def test_check_names_every_section_left_to_write(runner, minzheng, tmp_path):
    """A draft straight from the ledger still has its 【…】 placeholders: an error."""
    built = runner.invoke(
        report, ["build", "--agency", "临沂市民政局", "--year", "2021"]
    )
    path = tmp_path / "report.json"
    path.write_text(built.stdout, encoding="utf-8")

    result = runner.invoke(report, ["check", str(path)])

    assert result.exit_code == 1
    assert "NARR.placeholders" in result.output
    assert "【请说明本年度政府信息公开工作存在的主要问题及改进情况。】" in result.output


@pytest.mark.django_db
def test_check_finds_a_table_that_does_not_balance(runner, minzheng, tmp_path):
    built = json.loads(
        runner.invoke(
            report, ["build", "--agency", "临沂市民政局", "--year", "2021"]
        ).stdout
    )
    for c in built["cells"]:
        if (c["row"], c["column"]) == (RECEIVED, "申请人情况/自然人"):
            c["value"] = 4  # typed by hand: one too many
    path = tmp_path / "typed.json"
    path.write_text(json.dumps(built, ensure_ascii=False), encoding="utf-8")

    result = runner.invoke(report, ["check", str(path)])

    assert result.exit_code == 1
    assert "T3.balance" in result.output
    assert "T3.applicants" in result.output


def test_check_names_the_defects_of_seed_002(runner):
    """临沂市民政局 2017: 500 items by "other" channels against 393 in total, and
    4 refusals with no reason."""
    result = runner.invoke(report, ["check", str(DATA / "seed-002-linyi-2017.json")])

    assert result.exit_code == 1
    assert "STAT.channels" in result.output
    assert "STAT.refusal_reasons" in result.output
    assert "500" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "不是有效的 JSON"),
        ('{"schema": "something/else"}', "不是 gongkai.annual-report/1"),
        (
            '{"schema": "gongkai.annual-report/1", "format": "2099",'
            ' "agency": {"name": "某局"}, "year": 2099}',
            "没有名为 '2099' 的报告格式",
        ),
    ],
)
def test_check_refuses_a_file_it_cannot_read(runner, tmp_path, content, message):
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")

    result = runner.invoke(report, ["check", str(path)])

    assert result.exit_code == 2
    assert message in result.stderr


def test_formats_lists_every_format(runner):
    result = runner.invoke(report, ["formats"])

    assert result.exit_code == 0
    for expected in ("legacy", "2019", "2021", "guizhou-2019", "shandong-legacy"):
        assert expected in result.output
    assert "国办公开办函〔2021〕30号" in result.output


@pytest.mark.django_db
def test_the_report_benchmark_times_the_build_against_its_bare_queries():
    agency = bench_agency(print, size=LedgerSize(items=30, applications=20))
    assert bench_agency(print) == agency  # made once, then found

    build, sql, queries = measure_report(agency, BENCH_YEAR, runs=1)

    assert (build.metric, build.unit, build.baseline) == (
        "report.build",
        "s",
        sql.value,
    )
    assert (sql.metric, queries.metric) == ("report.sql", "report.queries")
    assert queries.value == 8  # table 二's two, table 三's four, table 四's two
