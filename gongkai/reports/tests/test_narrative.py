"""The narrative: drafts state only the cells' figures, and the narrative check
finds a figure a writer got wrong."""

from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.reports.checks import run_checks
from gongkai.reports.data import AgencyRef, CellRef, ReportData, Section
from gongkai.reports.formats import FormatError, get_format
from gongkai.reports.narrative import (
    chinese_numeral,
    compile_fact_pattern,
    draft,
    draft_sections,
    parse_number,
    stated_figures,
)

TOT = "申请人情况/总计"
NEW = CellRef("三", "一、本年新收政府信息公开申请数量", TOT)
CLOSED = CellRef("三", "三、本年度办理结果/（七）总计", TOT)
STAT = "政府信息公开情况统计表"


def report_2021() -> ReportData:
    data = ReportData("2021", AgencyRef("示例市示例局"), 2021)
    for cell in get_format("2021").cells():
        data.set(cell.ref, 0)
    values = {
        NEW: 46,
        CellRef("三", "二、上年结转政府信息公开申请数量", TOT): 3,
        CLOSED: 45,
        CellRef("三", "三、本年度办理结果/（一）予以公开", TOT): 30,
        CellRef(
            "三",
            "三、本年度办理结果/（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            TOT,
        ): 5,
        CellRef("三", "四、结转下年度继续办理", TOT): 4,
        CellRef("四", "", "行政复议/总计"): 2,
        CellRef("四", "", "行政诉讼/未经复议直接起诉/总计"): 1,
        CellRef("二", "第二十条第（一）项/行政规范性文件", "本年制发件数"): 12,
        CellRef("二", "第二十条第（一）项/行政规范性文件", "现行有效件数"): 103,
    }
    for ref, value in values.items():
        data.set(ref, value)
    return data


def narrative_findings(data: ReportData, fmt_id: str):
    return [f for f in run_checks(data, get_format(fmt_id)) if f.rule == "NARR.figures"]


# -- numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("零", 0),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("四十六", 46),
        ("一百零三", 103),
        ("三百", 300),
        ("两千", 2000),
        ("三千零五", 3005),
        ("一万二千", 12000),
        ("二〇一九", 2019),
    ],
)
def test_chinese_numerals_are_read(text, number):
    assert chinese_numeral(text) == number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("393", 393),
        ("１２", 12),
        ("1,011", 1011),
        ("0.3", Decimal("0.3")),
        ("四十六", 46),
    ],
)
def test_numbers_in_either_script_are_read(text, number):
    assert parse_number(text) == number


def test_a_word_that_is_not_a_numeral_is_refused():
    with pytest.raises(ValueError, match="不是中文数字"):
        chinese_numeral("若干")


# -- drafting ------------------------------------------------------------------------


def test_a_2021_draft_states_the_tables_figures_in_plain_chinese():
    drafts = draft(report_2021(), get_format("2021"))
    assert sorted(drafts) == ["other", "overview", "problems"]
    paragraphs = drafts["overview"].split("\n")
    assert paragraphs[0] == (
        "本报告根据《中华人民共和国政府信息公开条例》规定编制，"
        "所列数据的统计期限为2021年1月1日至2021年12月31日。"
    )
    assert paragraphs[1] == (
        "（一）主动公开。本年度制发规章0件，行政规范性文件12件；"
        "现行有效规章0件，现行有效行政规范性文件103件。"
    )
    assert paragraphs[2] == (
        "（二）依申请公开。本年度新收政府信息公开申请46件，上年结转3件；"
        "办结45件，其中予以公开30件，部分公开5件；结转下年度继续办理4件。"
    )
    assert paragraphs[3] == (
        "本年度因政府信息公开被申请行政复议2件，被直接提起行政诉讼1件，"
        "经复议后被提起行政诉讼0件。"
    )
    assert paragraphs[-1].startswith("【请补充")
    assert drafts["problems"].startswith("【")  # only staff know the problems


def test_a_legacy_draft_fills_the_old_headings():
    data = ReportData("legacy", AgencyRef("示例"), 2017)
    fee = CellRef(STAT, "七、依申请公开信息收取的费用", "统计数")
    data.set(fee, Decimal("0.3"))
    drafts = draft(data, get_format("legacy"))
    assert list(drafts) == [
        "overview",
        "proactive",
        "applications",
        "fees",
        "cases",
        "problems",
        "other",
    ]
    assert drafts["fees"] == "本年度依申请公开政府信息收取费用0.30万元。"
    assert drafts["cases"] == "本年度因政府信息公开申请行政复议0件，提起行政诉讼0件。"


def test_a_section_without_figures_or_words_asks_staff_to_fill_it():
    drafts = draft(
        ReportData("shandong-legacy", AgencyRef("示例"), 2017),
        get_format("shandong-legacy"),
    )
    assert drafts["fees"] == "【请填写“政府信息公开的收费及减免情况”。】"


@pytest.mark.parametrize(
    "format_id", ["legacy", "2019", "2021", "guizhou-2019", "shandong-legacy"]
)
def test_a_draft_passes_the_narrative_check(format_id):
    data = (
        report_2021()
        if format_id == "2021"
        else ReportData(format_id, AgencyRef("示例"), 2019)
    )
    data.sections = draft_sections(data, get_format(format_id))
    assert narrative_findings(data, format_id) == []


# -- reading figures back ------------------------------------------------------------


def test_figures_are_read_back_in_arabic_or_chinese_numerals():
    text = "本年度新收政府信息公开申请四十六件，上年结转3件；办结四十五件。"
    figures = stated_figures(text, get_format("2021"))
    assert figures == [
        (NEW, 46),
        (CellRef("三", "二、上年结转政府信息公开申请数量", TOT), 3),
        (CLOSED, 45),
    ]
    assert stated_figures(text, get_format("2021"), section="problems") == []


def test_a_wrong_figure_in_the_narrative_is_named_with_its_cell():
    data = report_2021()
    data.sections = draft_sections(data, get_format("2021"))
    overview = data.section("overview")
    overview.text = overview.text.replace(
        "新收政府信息公开申请46件", "新收政府信息公开申请四十八件"
    )
    findings = narrative_findings(data, "2021")
    assert len(findings) == 1
    assert findings[0].severity == "warning"
    assert findings[0].cells == [NEW]
    assert findings[0].message == (
        "「一、总体情况」中“新收政府信息公开申请四十八件”与"
        "表三「一、本年新收政府信息公开申请数量」×「申请人情况/总计」的46不符"
    )


def test_a_narrative_in_a_section_without_a_key_is_not_read():
    data = report_2021()
    data.sections = [Section("附言", "新收政府信息公开申请99件")]
    assert narrative_findings(data, "2021") == []


def test_seed_002s_own_narrative_agrees_with_its_table():
    path = Path(__file__).parent / "data" / "seed-002-linyi-2017.json"
    seed = ReportData.from_json(path.read_text(encoding="utf-8"))
    text = seed.section("applications").text
    assert stated_figures(text, get_format("shandong-legacy"), "applications") == [
        (CellRef(STAT, "三、依申请公开情况/（一）收到申请数", "统计数"), 4)
    ]
    assert narrative_findings(seed, "shandong-legacy") == []


def test_a_fact_pattern_needs_exactly_one_capture_group():
    assert compile_fact_pattern("申请{number}件").match("申请12件").group(1) == "12"
    with pytest.raises(FormatError, match="应恰有一个捕获组"):
        compile_fact_pattern("(申请){number}件")
