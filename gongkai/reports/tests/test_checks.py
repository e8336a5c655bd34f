"""The checks: a consistent report passes them all, and each inconsistency is
named by its rule, in Chinese, with the cells involved."""

from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.reports.checks import run_checks
from gongkai.reports.data import AgencyRef, CellRef, ReportData, Section
from gongkai.reports.formats import all_formats, get_format

DATA = Path(__file__).parent / "data"
STAT = "政府信息公开情况统计表"

NP = "申请人情况/自然人"
BUS = "申请人情况/法人或其他组织/商业企业"
LAW = "申请人情况/法人或其他组织/法律服务机构"
TOT = "申请人情况/总计"
NEW = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
DONE = "三、本年度办理结果"
CARRIED_OUT = "四、结转下年度继续办理"


def report(format_id: str, year: int, values: dict[tuple[str, str, str], object]):
    """Every cell of the format 0, except ``values``."""
    data = ReportData(format_id, AgencyRef("示例市示例局"), year)
    for cell in get_format(format_id).cells():
        data.set(cell.ref, 0)
    for (table, row, column), value in values.items():
        ref = CellRef(table, row, column)
        assert ref in data.cells, ref
        data.set(ref, value)
    return data


# Nine new applications and one carried in; nine closed, one carried out.
CONSISTENT_2021 = {
    ("三", NEW, NP): 6,
    ("三", NEW, BUS): 2,
    ("三", NEW, LAW): 1,
    ("三", NEW, TOT): 9,
    ("三", CARRIED_IN, NP): 1,
    ("三", CARRIED_IN, TOT): 1,
    ("三", f"{DONE}/（一）予以公开", NP): 3,
    ("三", f"{DONE}/（一）予以公开", BUS): 1,
    ("三", f"{DONE}/（一）予以公开", TOT): 4,
    ("三", f"{DONE}/（二）部分公开（区分处理的，只计这一情形，不计其他情形）", NP): 1,
    ("三", f"{DONE}/（二）部分公开（区分处理的，只计这一情形，不计其他情形）", TOT): 1,
    ("三", f"{DONE}/（三）不予公开/4.保护第三方合法权益", BUS): 1,
    ("三", f"{DONE}/（三）不予公开/4.保护第三方合法权益", TOT): 1,
    ("三", f"{DONE}/（四）无法提供/1.本机关不掌握相关政府信息", NP): 1,
    ("三", f"{DONE}/（四）无法提供/1.本机关不掌握相关政府信息", TOT): 1,
    ("三", f"{DONE}/（五）不予处理/2.重复申请", LAW): 1,
    ("三", f"{DONE}/（五）不予处理/2.重复申请", TOT): 1,
    ("三", f"{DONE}/（六）其他处理/3.其他", NP): 1,
    ("三", f"{DONE}/（六）其他处理/3.其他", TOT): 1,
    ("三", f"{DONE}/（七）总计", NP): 6,
    ("三", f"{DONE}/（七）总计", BUS): 2,
    ("三", f"{DONE}/（七）总计", LAW): 1,
    ("三", f"{DONE}/（七）总计", TOT): 9,
    ("三", CARRIED_OUT, NP): 1,
    ("三", CARRIED_OUT, TOT): 1,
    ("四", "", "行政复议/结果维持"): 1,
    ("四", "", "行政复议/尚未审结"): 1,
    ("四", "", "行政复议/总计"): 2,
    ("四", "", "行政诉讼/未经复议直接起诉/结果维持"): 1,
    ("四", "", "行政诉讼/未经复议直接起诉/总计"): 1,
    ("四", "", "行政诉讼/复议后起诉/尚未审结"): 1,
    ("四", "", "行政诉讼/复议后起诉/总计"): 1,
    ("二", "第二十条第（一）项/行政规范性文件", "本年制发件数"): 3,
    ("二", "第二十条第（一）项/行政规范性文件", "本年废止件数"): 1,
    ("二", "第二十条第（一）项/行政规范性文件", "现行有效件数"): 12,
    ("二", "第二十条第（五）项/行政许可", "本年处理决定数量"): 285,
    ("二", "第二十条第（六）项/行政处罚", "本年处理决定数量"): 7,
    ("二", "第二十条第（八）项/行政事业性收费", "本年收费金额（单位：万元）"): Decimal(
        "1.25"
    ),
}

P1 = "一、主动公开情况/（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）"
P2 = "一、主动公开情况/（二）通过不同渠道和方式公开政府信息的情况"
RESP = "二、回应解读情况/（二）通过不同渠道和方式回应解读的情况"
APPS = "三、依申请公开情况"
REPLIES = f"{APPS}/（三）申请答复数"
STAFF = "八、机构建设和保障经费情况/（三）从事政府信息公开工作人员数"

CONSISTENT_LEGACY = {
    (STAT, P1, "统计数"): 120,
    (STAT, f"{P1}/其中：主动公开规范性文件数", "统计数"): 5,
    (STAT, f"{P1}/制发规范性文件总数", "统计数"): 6,
    (STAT, f"{P2}/1.政府公报公开政府信息数", "统计数"): 10,
    (STAT, f"{P2}/2.政府网站公开政府信息数", "统计数"): 120,
    (STAT, f"{P2}/3.政务微博公开政府信息数", "统计数"): 30,
    (STAT, f"{P2}/4.政务微信公开政府信息数", "统计数"): 45,
    (STAT, f"{RESP}/1.参加或举办新闻发布会总次数", "统计数"): 3,
    (
        STAT,
        f"{RESP}/1.参加或举办新闻发布会总次数/其中：主要负责同志参加新闻发布会次数",
        "统计数",
    ): 1,
    (STAT, f"{APPS}/（一）收到申请数", "统计数"): 9,
    (STAT, f"{APPS}/（一）收到申请数/1.当面申请数", "统计数"): 2,
    (STAT, f"{APPS}/（一）收到申请数/3.网络申请数", "统计数"): 5,
    (STAT, f"{APPS}/（一）收到申请数/4.信函申请数", "统计数"): 1,
    (STAT, f"{APPS}/（二）申请办结数", "统计数"): 8,
    (STAT, f"{APPS}/（二）申请办结数/1.按时办结数", "统计数"): 7,
    (STAT, f"{APPS}/（二）申请办结数/2.延期办结数", "统计数"): 1,
    (STAT, REPLIES, "统计数"): 8,
    (STAT, f"{REPLIES}/1.属于已主动公开范围数", "统计数"): 1,
    (STAT, f"{REPLIES}/2.同意公开答复数", "统计数"): 3,
    (STAT, f"{REPLIES}/3.同意部分公开答复数", "统计数"): 1,
    (STAT, f"{REPLIES}/4.不同意公开答复数", "统计数"): 1,
    (STAT, f"{REPLIES}/4.不同意公开答复数/涉及商业秘密", "统计数"): 1,
    (STAT, f"{REPLIES}/6.申请信息不存在数", "统计数"): 1,
    (STAT, f"{REPLIES}/8.告知通过其他途径办理数", "统计数"): 1,
    (STAT, "四、行政复议数量", "统计数"): 2,
    (STAT, "四、行政复议数量/（一）维持具体行政行为数", "统计数"): 1,
    (STAT, "四、行政复议数量/（二）被依法纠错数", "统计数"): 1,
    (STAT, "五、行政诉讼数量", "统计数"): 1,
    (STAT, "五、行政诉讼数量/（三）其他情形数", "统计数"): 1,
    (STAT, STAFF, "统计数"): 3,
    (STAT, f"{STAFF}/1.专职人员数（不包括政府公报及政府网站工作人员数）", "统计数"): 1,
    (STAT, f"{STAFF}/2.兼职人员数", "统计数"): 2,
    (STAT, "七、依申请公开信息收取的费用", "统计数"): Decimal("0.05"),
}


def load(name: str) -> ReportData:
    return ReportData.from_json((DATA / name).read_text(encoding="utf-8"))


def rules(findings) -> list[str]:
    return [f.rule for f in findings]


# -- consistent reports pass ---------------------------------------------------------


@pytest.mark.parametrize("format_id", ["2021", "2019", "guizhou-2019"])
def test_an_all_zero_report_passes_every_check(format_id):
    assert run_checks(report(format_id, 2020, {}), get_format(format_id)) == []


def test_a_consistent_2021_report_passes_every_check_including_carry_over():
    previous = report(
        "2019", 2020, {("三", CARRIED_OUT, NP): 1, ("三", CARRIED_OUT, TOT): 1}
    )
    this = report("2021", 2021, CONSISTENT_2021)
    assert run_checks(this, get_format("2021"), previous) == []


def test_a_consistent_legacy_report_passes_every_check():
    assert (
        run_checks(report("legacy", 2016, CONSISTENT_LEGACY), get_format("legacy"))
        == []
    )


def test_seed_003_passes_every_check_of_the_guizhou_format():
    seed = load("seed-003-xingyi-2019.json")
    assert seed.format == "guizhou-2019"
    assert run_checks(seed, get_format("guizhou-2019")) == []


# -- the seeds' own defects ----------------------------------------------------------


def test_seed_002_is_flagged_for_a_channel_above_the_total_and_reasonless_refusals():
    seed = load("seed-002-linyi-2017.json")
    findings = run_checks(seed, get_format(seed.format))
    assert rules(findings) == ["STAT.channels", "STAT.refusal_reasons"]
    channels, refusals = findings
    assert channels.severity == "error"
    assert channels.message == (
        "“5.其他方式公开政府信息数”为500，超过主动公开政府信息总数393"
        "（不同渠道和方式公开相同信息只计1条，任一渠道都不应多于总数）"
    )
    assert channels.cells == [
        CellRef(STAT, P1, "统计数"),
        CellRef(STAT, f"{P2}/5.其他方式公开政府信息数", "统计数"),
    ]
    assert refusals.message.startswith("不同意公开答复数为4，")
    assert "之和为0" in refusals.message
    assert refusals.cells[0] == CellRef(STAT, f"{REPLIES}/4.不同意公开答复数", "统计数")
    assert len(refusals.cells) == 7


def test_seed_004_is_flagged_for_its_website_and_wechat_counts_above_the_total():
    seed = load("seed-004-qianjin-2017.json")
    findings = run_checks(seed, get_format(seed.format))
    assert rules(findings) == ["STAT.channels", "STAT.channels"]
    assert [f.cells[1].row.rsplit("/", 1)[1] for f in findings] == [
        "2.政府网站公开政府信息数",
        "4.政务微信公开政府信息数",
    ]
    assert "为403，超过主动公开政府信息总数157" in findings[0].message
    assert "为2895，超过主动公开政府信息总数157" in findings[1].message


# -- each rule, broken ---------------------------------------------------------------


def test_an_unbalanced_applicant_column_breaks_the_balance_and_the_row_total():
    broken = report("2021", 2021, {**CONSISTENT_2021, ("三", NEW, BUS): 3})
    findings = run_checks(broken, get_format("2021"))
    assert [(f.rule, f.message) for f in findings] == [
        (
            "T3.balance",
            "表三「商业企业」列：本年新收与上年结转之和为3，"
            "办理结果总计与结转下年度之和为2，二者应当相等",
        ),
        (
            "T3.applicants",
            "表三「一、本年新收政府信息公开申请数量」行：总计为9，"
            "各类申请人之和为10，二者应当相等",
        ),
    ]
    assert findings[0].cells == [
        CellRef("三", NEW, BUS),
        CellRef("三", CARRIED_IN, BUS),
        CellRef("三", f"{DONE}/（七）总计", BUS),
        CellRef("三", CARRIED_OUT, BUS),
    ]


def test_a_result_row_missing_from_the_total_breaks_the_outcome_sum():
    row = f"{DONE}/（一）予以公开"
    broken = report("2021", 2021, {**CONSISTENT_2021, ("三", row, NP): 4})
    findings = run_checks(broken, get_format("2021"))
    assert rules(findings) == ["T3.outcomes", "T3.applicants"]
    assert findings[0].message == (
        "表三「自然人」列：（七）总计为6，各项办理结果之和为7，二者应当相等"
    )
    assert len(findings[0].cells) == 22  # the total and the 21 result rows


@pytest.mark.parametrize(
    ("column", "rule"),
    [
        ("行政复议/总计", "T4.review"),
        ("行政诉讼/未经复议直接起诉/总计", "T4.litigation_direct"),
        ("行政诉讼/复议后起诉/总计", "T4.litigation_after_review"),
    ],
)
def test_each_block_of_table_four_must_add_up(column, rule):
    broken = report("2021", 2021, {**CONSISTENT_2021, ("四", "", column): 5})
    findings = run_checks(broken, get_format("2021"))
    assert rules(findings) == [rule]
    assert "总计为5" in findings[0].message


def test_a_blank_cell_counts_as_zero_but_an_all_blank_comparison_is_skipped():
    data = ReportData("2021", AgencyRef("示例"), 2021)
    assert run_checks(data, get_format("2021")) == []
    data.set(CellRef("三", NEW, NP), 2)
    findings = run_checks(data, get_format("2021"))
    assert rules(findings) == ["T3.balance", "T3.applicants"]
    assert all(CellRef("三", NEW, NP) in f.cells for f in findings)
    assert "本年新收与上年结转之和为2，办理结果总计与结转下年度之和为0" in (
        findings[0].message
    )
    assert "总计为0，各类申请人之和为2" in findings[1].message


def test_this_years_carried_in_must_equal_last_years_carried_out():
    previous = report(
        "2019", 2020, {("三", CARRIED_OUT, NP): 2, ("三", CARRIED_OUT, TOT): 2}
    )
    this = report("2021", 2021, CONSISTENT_2021)
    findings = run_checks(this, get_format("2021"), previous)
    assert [(f.rule, f.severity, f.cells) for f in findings] == [
        ("T3.carry_over", "warning", [CellRef("三", CARRIED_IN, NP)]),
        ("T3.carry_over", "warning", [CellRef("三", CARRIED_IN, TOT)]),
    ]
    assert findings[0].message == (
        "表三「自然人」列：本年上年结转为1，上一年度报告结转下年度继续办理为2，"
        "二者应当相等"
    )


def test_carry_over_is_skipped_without_a_comparable_previous_report():
    this = report("2019", 2019, {("三", CARRIED_IN, NP): 4, ("三", CARRIED_IN, TOT): 4})
    fmt = get_format("2019")
    assert "T3.carry_over" not in rules(run_checks(this, fmt))
    legacy_2018 = report("legacy", 2018, {})
    assert "T3.carry_over" not in rules(run_checks(this, fmt, legacy_2018))


def test_the_previous_report_must_be_the_year_before():
    with pytest.raises(ValueError, match="上一年度报告应为 2020 年"):
        run_checks(
            report("2021", 2021, {}), get_format("2021"), report("2019", 2019, {})
        )


def test_legacy_channels_of_application_may_not_exceed_the_total_received():
    web = (STAT, f"{APPS}/（一）收到申请数/3.网络申请数", "统计数")
    broken = report("legacy", 2016, {**CONSISTENT_LEGACY, web: 7})
    findings = run_checks(broken, get_format("legacy"))
    assert [(f.rule, f.message) for f in findings] == [
        ("STAT.applications_received", "各渠道申请数之和为10，超过收到申请数9")
    ]


def test_shandong_lists_every_channel_so_they_must_add_up_exactly():
    values = {
        (STAT, f"{APPS}/（一）收到申请数", "统计数"): 4,
        (STAT, f"{APPS}/（一）收到申请数/3.网络申请数", "统计数"): 3,
    }
    assert rules(run_checks(report("legacy", 2016, values), get_format("legacy"))) == []
    findings = run_checks(
        report("shandong-legacy", 2016, values), get_format("shandong-legacy")
    )
    assert [(f.rule, f.message) for f in findings] == [
        (
            "STAT.applications_received",
            "收到申请数为4，各渠道申请数之和为3，二者应当相等",
        )
    ]


@pytest.mark.parametrize(
    ("row", "value", "rule"),
    [
        (f"{APPS}/（二）申请办结数/2.延期办结数", 2, "STAT.applications_closed"),
        (f"{REPLIES}/7.告知作出更改补充数", 1, "STAT.replies"),
        ("四、行政复议数量/（三）其他情形数", 1, "STAT.reviews"),
        ("五、行政诉讼数量/（二）被依法纠错数", 1, "STAT.litigation"),
        (f"{STAFF}/2.兼职人员数", 3, "STAT.staff"),
        (
            f"{RESP}/1.参加或举办新闻发布会总次数/其中：主要负责同志参加新闻发布会次数",
            4,
            "STAT.principal_leader_press",
        ),
        (f"{P1}/其中：主动公开规范性文件数", 121, "STAT.normative_documents"),
    ],
)
def test_each_legacy_sum_is_checked(row, value, rule):
    broken = report("legacy", 2016, {**CONSISTENT_LEGACY, (STAT, row, "统计数"): value})
    assert rules(run_checks(broken, get_format("legacy"))) == [rule]


def test_operands_may_name_cells_outright_and_unknown_placeholders_stay(tmp_path):
    (tmp_path / "tiny.yaml").write_text(
        """
id: tiny
name: 小表
basis: 无
first_year: 2030
title: "{agency}{year}"
sections: [{number: 一, heading: 表, table: 表一}]
tables:
  - id: 表一
    blocks:
      - corner: 指标
        columns: [甲列, 乙列]
        rows: [{label: 一行, indicator: agencies.meetings}]
checks:
  - id: TINY.cross
    kind: equal
    table: 表一
    left: [{row: 一行, column: 甲列}]
    right: [{row: 一行, column: 乙列}]
    message: 甲列{left}与乙列{right}不等{unknown}
""",
        encoding="utf-8",
    )
    fmt = all_formats(tmp_path)["tiny"]
    data = ReportData("tiny", AgencyRef("示例"), 2030)
    data.set(CellRef("表一", "一行", "甲列"), 1)
    data.set(CellRef("表一", "一行", "乙列"), 2)
    (finding,) = run_checks(data, fmt)
    assert finding.message == "甲列1与乙列2不等{unknown}"
    assert finding.cells == [
        CellRef("表一", "一行", "甲列"),
        CellRef("表一", "一行", "乙列"),
    ]


@pytest.mark.parametrize("format_id", ["2019", "2021", "legacy", "shandong-legacy"])
def test_a_placeholder_left_in_the_narrative_is_an_error(format_id):
    """【…】 marks what only the agency can write; each one left is an error
    naming its section and the placeholder, and a written section has none."""
    fmt = get_format(format_id)
    data = report(format_id, fmt.first_year, {})
    keys = [s for s in fmt.sections if s.narrative]
    data.sections = [
        Section(s.full_heading, "本年度依法公开。", s.narrative) for s in keys
    ]
    data.sections[0].text = "总体良好。【请补充组织领导情况。】另见【附件】。"

    found = [f for f in run_checks(data, fmt) if f.rule == "NARR.placeholders"]

    assert [(f.severity, f.message) for f in found] == [
        (
            "error",
            f"「{keys[0].full_heading}」中仍有待填写的“【请补充组织领导情况。】”，"
            "请写明后再发布",
        ),
        (
            "error",
            f"「{keys[0].full_heading}」中仍有待填写的“【附件】”，请写明后再发布",
        ),
    ]
