"""The five real published reports import: every table cell of seeds 002, 003 and
004, every figure seeds 000 and 001 state in sentences, and their known defects.

Expected values are copied by hand from the seeds' printed text (seeds/README.md
lists the defects). The parser needs no database.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from gongkai.reports.data import ReportData

from .helpers import SEEDS, cell, parse_file, seed, values

STAT = "政府信息公开情况统计表"
TOTAL = "统计数"


@pytest.fixture(scope="module")
def seed_002():
    return parse_file(seed("002"))


@pytest.fixture(scope="module")
def seed_003():
    return parse_file(seed("003"))


@pytest.fixture(scope="module")
def seed_004():
    return parse_file(seed("004"))


def rules(report: ReportData) -> list[str]:
    return [f.rule for f in report.findings]


# -- seed 002: 临沂市民政局 2017, the Shandong statistics table ----------------------

SEED_002 = {
    "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）": 393,
    "其中：主动公开规范性文件数": 3,
    "制发规范性文件总数": 3,
    "1.政府公报公开政府信息数": 0,
    "2.政府网站公开政府信息数": 393,
    "3.政务微博公开政府信息数": 48,
    "4.政务微信公开政府信息数": 194,
    "5.其他方式公开政府信息数": 500,
    "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）": 13,
    "1.参加或举办新闻发布会总次数": 10,
    "其中：主要负责同志参加新闻发布会次数": 9,
    "2.政府网站在线访谈次数": 1,
    "其中：主要负责同志参加政府网站在线访谈次数": 1,
    "3.政策解读稿件发布数": 10,
    "4.微博微信回应事件数": 5,
    "5.其他方式回应事件数": 0,
    "（一）收到申请数": 4,
    "1.当面申请数": 0,
    "2.传真申请数": 0,
    "3.网络申请数": 2,
    "4.信函申请数": 2,
    "5.其他形式": 0,
    "（二）申请办结数": 4,
    "1.按时办结数": 4,
    "2.延期办结数": 0,
    "（三）申请答复数": 4,
    "1.属于已主动公开范围数": 0,
    "2.同意公开答复数": 0,
    "3.同意部分公开答复数": 0,
    "4.不同意公开答复数": 4,
    "其中：涉及国家秘密": 0,
    "涉及商业秘密": 0,
    "涉及个人隐私": 0,
    "危及国家安全、公共安全、经济安全和社会稳定": 0,
    "不是《条例》所指政府信息": 0,
    "法律法规规定的其他情形": 0,
    "5.不属于本行政机关公开数": 0,
    "6.申请信息不存在数": 0,
    "7.告知作出更改补充数": 0,
    "8.告知通过其他途径办理数": 0,
    "四、行政复议数量": 0,
    "四、行政复议数量/（一）维持具体行政行为数": 0,
    "四、行政复议数量/（二）被依法纠错数": 0,
    "四、行政复议数量/（三）其他情形数": 0,
    "五、行政诉讼数量": 0,
    "（一）维持具体行政行为或者驳回原告诉讼请求数": 0,
    "五、行政诉讼数量/（二）被依法纠错数": 0,
    "五、行政诉讼数量/（三）其他情形数": 0,
    "六、被举报投诉数量": 0,
    "六、被举报投诉数量/（一）维持具体行政行为数": 0,
    "（二）被纠错数": 0,
    "六、被举报投诉数量/（三）其他情形数": 0,
    "七、向图书馆、档案馆等查阅场所报送信息数": 0,
    "（一）纸质文件数": 0,
    "（二）电子文件数": 0,
    "（一）政府信息公开工作专门机构数": 1,
    "（二）设置政府信息公开查阅点数": 2,
    "（三）从事政府信息公开工作人员数": 38,
    "1.专职人员数（不包括政府网站工作人员数）": 0,
    "2.兼职人员数": 38,
    "（四）政府信息公开专项经费（不包括用于政府网站建设维护等方面的经费）": 2,
    "（一）召开政府信息公开工作会议或专题会议数": 2,
    "（二）举办各类培训班数": 2,
    "（三）接受培训人员数": 63,
}


def test_seed_002_is_read_in_the_shandong_format_with_its_agency_and_year(seed_002):
    report = seed_002.report
    assert (report.format, report.agency.name, report.year) == (
        "shandong-legacy",
        "临沂市民政局",
        2017,
    )


def test_seed_002_every_cell_of_its_statistics_table(seed_002):
    assert len(seed_002.report.cells) == len(SEED_002) == 64
    assert values(seed_002.report, STAT, TOTAL, SEED_002) == SEED_002


def test_seed_002_cells_say_where_they_were_printed(seed_002):
    source = cell(seed_002.report, STAT, "5.其他方式公开政府信息数", TOTAL).source
    assert source == {
        "kind": "import",
        "file": seed("002").name,
        "line": 81,
        "table": 1,
        "printed": "500",
        "label": "5.其他方式公开政府信息数",
    }


def test_seed_002_defects_are_reported(seed_002):
    """500 published through "other" channels against 393 in total, and four
    refusals with every reason 0."""
    findings = seed_002.report.findings
    assert rules(seed_002.report) == ["STAT.channels", "STAT.refusal_reasons"]
    assert "为500，超过主动公开政府信息总数393" in findings[0].message
    assert findings[1].message.startswith("不同意公开答复数为4，")


# -- seed 003: 兴义市应急管理局 2019, the 2019 tables and the Guizhou 附件2 ------------

SEED_003_TABLE_2 = {
    ("第二十条第（一）项/规章", "本年新制作数量"): 0,
    ("第二十条第（一）项/规章", "本年新公开数量"): 0,
    ("第二十条第（一）项/规章", "对外公开总数量"): 0,
    ("第二十条第（一）项/规范性文件", "本年新制作数量"): 0,
    ("第二十条第（一）项/规范性文件", "本年新公开数量"): 0,
    ("第二十条第（一）项/规范性文件", "对外公开总数量"): 0,
    ("行政许可", "上一年项目数量"): 2,
    ("行政许可", "本年增/减"): 0,
    ("行政许可", "处理决定数量"): 285,
    ("其他对外管理服务事项", "上一年项目数量"): 13,
    ("其他对外管理服务事项", "本年增/减"): 14,
    ("其他对外管理服务事项", "处理决定数量"): 818,
    ("行政处罚", "上一年项目数量"): 160,
    ("行政处罚", "本年增/减"): -27,
    ("行政处罚", "处理决定数量"): 7,
    ("行政强制", "上一年项目数量"): 7,
    ("行政强制", "本年增/减"): 1,
    ("行政强制", "处理决定数量"): 0,
    ("行政事业性收费", "上一年项目数量"): 0,
    ("行政事业性收费", "本年增/减"): 0,
    ("政府集中采购", "采购项目数量"): 0,
    ("政府集中采购", "采购总金额"): 0,
}
GUIZHOU_BUDGET = (
    "（五）政府信息公开专项经费"
    "（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）"
)
SEED_003_APPENDIX = {
    "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）": 300,
    "1.政府公报公开政府信息数": 0,
    "2.政府网站公开政府信息数": 98,
    "3.政务微博公开政府信息数": 122,
    "4.政务微信公开政府信息数": 118,
    "5.政务客户端公开政府信息数": 0,
    "6.其他方式公开政府信息数": 15,
    "1.人大代表建议": 0,
    "2.政协提案": 0,
    "1.依申请公开信息转主动公开信息数": 0,
    "2.解密公开信息数": 0,
    "1.重大决策征集公众意见次数": 0,
    "2.公众反馈意见次数": 0,
    "3.征集到意见数": 0,
    "4.不予采纳意见数": 0,
    "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）": 0,
    "1.参加或举办新闻发布会总次数": 0,
    "其中：主要负责同志参加新闻发布会次数": 0,
    "2.政府网站在线访谈次数": 0,
    "其中：主要负责同志参加政府网站在线访谈次数": 0,
    "3.主要负责同志解读政策数": 0,
    "4.政策解读稿件发布数": 2,
    "5.微博微信回应事件数": 0,
    "6.其他方式回应事件数": 0,
    "1.面向公众开放会议次数": 0,
    "2.参会公众代表人数": 0,
    "三、举报投诉数量": 0,
    "（一）政府信息公开工作专门机构数": 1,
    "（二）设置政府信息公开查阅点数": 3,
    "（三）从事政府信息公开工作人员数": 2,
    "1.专职人员数（不包括政府公报及政府网站工作人员数）": 1,
    "2.兼职人数": 1,
    "1.本地区政务公开监督员人数": 0,
    "2.开展政务公开监督次数": 0,
    "3.提出意见数": 0,
    "4.采纳意见数": 0,
    GUIZHOU_BUDGET: Decimal("0.3"),
    "（一）召开政府信息公开工作会议或专题会议数": 3,
    "（二）举办各类培训班数": 1,
    "（三）接受培训人员数": 60,
}


def test_seed_003_is_read_in_the_guizhou_variant(seed_003):
    report = seed_003.report
    assert (report.format, report.agency.name, report.year) == (
        "guizhou-2019",
        "兴义市应急管理局",
        2019,
    )
    assert seed_003.tables == {"二": True, "三": True, "四": True, STAT: True}


def test_seed_003_table_2(seed_003):
    got = {
        (row, column): cell(seed_003.report, "二", row, column).value
        for row, column in SEED_003_TABLE_2
    }
    assert got == SEED_003_TABLE_2


def test_seed_003_tables_3_and_4_are_printed_all_zero(seed_003):
    """Table 三 (7 columns × 23 rows, values printed as " 0" and "0 ") and table 四
    (15 columns) hold 0 everywhere: every cell read, none left blank."""
    for table, count in (("三", 161), ("四", 15)):
        cells = list(seed_003.report.table_cells(table))
        assert len(cells) == count
        assert {c.value for c in cells} == {0}
        assert all(c.source and c.source["kind"] == "import" for c in cells)


def test_seed_003_appendix_2(seed_003):
    assert values(seed_003.report, STAT, TOTAL, SEED_003_APPENDIX) == SEED_003_APPENDIX


def test_seed_003_passes_every_check(seed_003):
    assert seed_003.report.findings == []


# -- seed 004: 佳木斯市前进区人民政府 2017, the national statistics table --------------

SEED_004_PRINTED = {
    "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）": 157,
    "2.政府网站公开政府信息数": 403,
    "3.政务微博公开政府信息数": 107,
    "4.政务微信公开政府信息数": 2895,
    "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）": 32,
    "3.政策解读稿件发布数": 2,
    "（一）政府信息公开工作专门机构数": 1,
    "（三）从事政府信息公开工作人员数": 1,
    "1.专职人员数（不包括政府公报及政府网站工作人员数）": 1,
    "（一）召开政府信息公开工作会议或专题会议数": 1,
    "（二）举办各类培训班数": 1,
    "（三）接受培训人员数": 41,
}


def test_seed_004_printed_cells_and_blanks(seed_004):
    """Twelve figures are printed; the other 46 cells are blank and stay blank
    (never 0)."""
    report = seed_004.report
    assert (report.format, report.agency.name, report.year) == (
        "legacy",
        "佳木斯市前进区人民政府",
        2017,
    )
    assert values(report, STAT, TOTAL, SEED_004_PRINTED) == SEED_004_PRINTED
    blank = [c for c in report.cells.values() if c.value is None]
    assert len(report.cells) == 58
    assert len(blank) == 58 - len(SEED_004_PRINTED)


def test_seed_004_defects_are_reported(seed_004):
    """403 on the website and 2895 on WeChat against 157 in total, and the 3562
    printed on the heading row 一、主动公开情况, which no cell holds."""
    report = seed_004.report
    assert rules(report) == [
        "STAT.channels",
        "STAT.channels",
        "IMPORT.unexpected_value",
    ]
    assert "为403，超过主动公开政府信息总数157" in report.findings[0].message
    assert "为2895，超过主动公开政府信息总数157" in report.findings[1].message
    assert "3562" in report.findings[2].message


# -- seeds 000 and 001: narrative only -----------------------------------------------

SEED_000 = {
    "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）": 46,
    "1.政府公报公开政府信息数": 4,
    "2.政府网站公开政府信息数": 30,
    "5.其他方式公开政府信息数": 12,
    "（一）收到申请数": 0,
    "（三）申请答复数": 0,
    "四、行政复议数量": 0,
    "五、行政诉讼数量": 0,
    "七、依申请公开信息收取的费用": 0,
}
SEED_001 = {
    "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）": 4435,
    "其中：主动公开规范性文件数": 23,
    "5.其他方式公开政府信息数": 798,
    "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）": 12,
    "1.参加或举办新闻发布会总次数": 4,
    "2.政府网站在线访谈次数": 11,
    "（一）收到申请数": 26,
    "1.当面申请数": 10,
    "4.信函申请数": 16,
    "四、行政复议数量": 18,
    "四、行政复议数量/（一）维持具体行政行为数": 3,
    "四、行政复议数量/（二）被依法纠错数": 2,
    "四、行政复议数量/（三）其他情形数": 13,
    "五、行政诉讼数量": 2,
    "（一）维持具体行政行为或者驳回原告诉讼请求数": 2,
    "七、依申请公开信息收取的费用": 0,
    "（三）从事政府信息公开工作人员数": 123,
    "1.专职人员数（不包括政府公报及政府网站工作人员数）": 5,
    "2.兼职人员数": 118,
}


@pytest.mark.parametrize(
    ("number", "agency", "year", "expected"),
    [
        ("000", "白山市人防办", 2017, SEED_000),
        ("001", "绵阳市安州区", 2018, SEED_001),
    ],
)
def test_narrative_only_seeds_yield_every_stated_figure(number, agency, year, expected):
    """Every figure the sentences state fills its cell of the legacy table, and
    nothing else is filled: approximate figures ("解读政策200余次") and figures
    with no cell stay out."""
    parsed = parse_file(seed(number))
    report = parsed.report
    assert (report.format, report.agency.name, report.year) == ("legacy", agency, year)
    assert values(report, STAT, TOTAL, expected) == expected
    filled = [c for c in report.cells.values() if c.value is not None]
    assert len(filled) == len(expected)
    assert all("stated" in c.source for c in filled)
    assert rules(report) == ["IMPORT.table_missing"]


def test_a_stated_figure_cites_its_sentence():
    report = parse_file(seed("001")).report
    source = cell(report, STAT, "（一）收到申请数", TOTAL).source
    assert source["stated"] == "收到政府信息公开申请26件"
    assert source["line"] > 0


def test_every_seed_in_the_folder_is_covered():
    assert sorted(p.name[:3] for p in SEEDS.glob("0*.txt")) == [
        "000",
        "001",
        "002",
        "003",
        "004",
    ]


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_every_imported_seed_is_valid_in_the_open_schema(number):
    """Every non-null source has a ``kind`` (``import``), as the schema requires."""
    schema_file = (
        Path(__file__).resolve().parents[3]
        / "docs"
        / "reference"
        / "gongkai.annual-report-1.schema.json"
    )
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    report = parse_file(seed(number)).report.to_dict()
    jsonschema.validate(report, schema)
    assert {c["source"]["kind"] for c in report["cells"] if c["source"]} <= {"import"}
