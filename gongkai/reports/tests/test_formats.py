"""The format files: they load, say what the official formats print, and a bad
file is refused with the file and the place named."""

from pathlib import Path

import pytest

from gongkai.applications.models import Ground, Outcome
from gongkai.reports.data import CellRef
from gongkai.reports.formats import (
    FORMATS_DIR,
    FormatError,
    all_formats,
    get_format,
    national_format_for_year,
)

FORMAT_IDS = ["legacy", "2019", "2021", "guizhou-2019", "shandong-legacy"]
APPLICANT_COLUMNS = [
    "申请人情况/自然人",
    "申请人情况/法人或其他组织/商业企业",
    "申请人情况/法人或其他组织/科研机构",
    "申请人情况/法人或其他组织/社会公益组织",
    "申请人情况/法人或其他组织/法律服务机构",
    "申请人情况/法人或其他组织/其他",
    "申请人情况/总计",
]
STAT = "政府信息公开情况统计表"


def spec(format_id: str, table: str, row: str, column: str):
    ref = CellRef(table, row, column)
    return next(c for c in get_format(format_id).cells() if c.ref == ref)


def data_rows(format_id: str, table: str) -> list[str]:
    block = get_format(format_id).table(table).blocks[0]
    return [r.label for r in block.data_rows()]


# -- every file ----------------------------------------------------------------------


def test_the_five_formats_are_shipped():
    assert sorted(all_formats()) == sorted(FORMAT_IDS)


@pytest.mark.parametrize("format_id", FORMAT_IDS)
def test_every_section_table_exists_and_every_cell_has_an_indicator(format_id):
    fmt = get_format(format_id)
    tables = {t.id for t in fmt.tables}
    assert {s.table for s in fmt.sections if s.table} == tables
    assert all(cell.indicator for cell in fmt.cells())


@pytest.mark.parametrize(
    ("year", "format_id"),
    [
        (2008, "legacy"),
        (2017, "legacy"),
        (2018, "legacy"),
        (2019, "2019"),
        (2020, "2019"),
        (2021, "2021"),
        (2025, "2021"),
    ],
)
def test_a_year_is_reported_in_its_own_national_format(year, format_id):
    assert national_format_for_year(year).id == format_id


def test_provincial_variants_are_never_the_national_format():
    chosen = {national_format_for_year(year).id for year in range(2008, 2030)}
    assert chosen == {"legacy", "2019", "2021"}


# -- 2021 and 2019 -------------------------------------------------------------------


def test_2021_table_three_has_22_result_rows_and_7_applicant_columns():
    block = get_format("2021").table("三").blocks[0]
    rows = [r.label for r in block.data_rows()]
    assert len([r for r in rows if r.startswith("三、本年度办理结果/")]) == 22
    assert rows[0] == "一、本年新收政府信息公开申请数量"
    assert rows[1] == "二、上年结转政府信息公开申请数量"
    assert rows[-1] == "四、结转下年度继续办理"
    assert len(rows) == 25
    assert [c.label for c in block.data_columns()] == APPLICANT_COLUMNS
    assert block.corner == (
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    )


def test_2021_table_three_labels_are_the_official_ones_joined_by_slashes():
    rows = data_rows("2021", "三")
    assert "三、本年度办理结果/（三）不予公开/1.属于国家秘密" in rows
    assert "三、本年度办理结果/（三）不予公开/3.危及“三安全一稳定”" in rows
    assert "三、本年度办理结果/（六）其他处理/3.其他" in rows
    assert (
        "三、本年度办理结果/（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        in rows
    )
    assert "三、本年度办理结果/（七）总计" in rows


def test_a_table_three_cell_counts_its_row_outcome_for_its_column_applicant():
    cell = spec(
        "2021",
        "三",
        "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
        "申请人情况/法人或其他组织/商业企业",
    )
    assert cell.indicator == "applications.closed"
    assert dict(cell.args) == {
        "applicant_type": "business",
        "outcome": "withheld_state_secret",
    }
    total = spec("2021", "三", "三、本年度办理结果/（七）总计", "申请人情况/总计")
    assert (total.indicator, dict(total.args)) == ("applications.closed", {})


def test_every_2021_outcome_has_exactly_one_row_in_2021_table_three():
    outcomes = [
        spec("2021", "三", row, "申请人情况/总计").args.get("outcome")
        for row in data_rows("2021", "三")
        if row.startswith("三、") and not row.endswith("（七）总计")
    ]
    assert sorted(outcomes) == sorted(Outcome.values)


def test_2019_table_three_has_20_result_rows_and_one_other_row():
    rows = data_rows("2019", "三")
    assert len([r for r in rows if r.startswith("三、本年度办理结果/")]) == 20
    other = spec("2019", "三", "三、本年度办理结果/（六）其他处理", "申请人情况/自然人")
    assert sorted(other.args["outcome"]) == [
        "other",
        "other_no_correction",
        "other_unpaid",
    ]


def test_table_four_has_one_unlabelled_row_of_fifteen_cells():
    table = get_format("2021").table("四")
    assert [r.label for r in table.blocks[0].data_rows()] == [""]
    assert table.blocks[0].corner is None
    columns = [c.ref.column for c in table.cells()]
    assert len(columns) == 15
    assert columns[:5] == [
        "行政复议/结果维持",
        "行政复议/结果纠正",
        "行政复议/其他结果",
        "行政复议/尚未审结",
        "行政复议/总计",
    ]
    assert columns[5] == "行政诉讼/未经复议直接起诉/结果维持"
    assert columns[14] == "行政诉讼/复议后起诉/总计"
    pending = spec("2021", "四", "", "行政诉讼/复议后起诉/尚未审结")
    assert pending.indicator == "cases.litigation"
    assert dict(pending.args) == {"route": "after_review", "result": "pending"}


def test_2019_table_two_has_five_blocks_with_attested_signed_and_money_cells():
    table = get_format("2019").table("二")
    assert [b.title for b in table.blocks] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
    ]
    change = spec("2019", "二", "第二十条第（六）项/行政处罚", "本年增/减")
    assert change.signed
    assert change.indicator == "attested"
    assert dict(change.args) == {"subject": "penalty", "measure": "items_change"}
    amount = spec("2019", "二", "第二十条第（九）项/政府集中采购", "采购总金额")
    assert amount.unit == "万元"
    assert dict(amount.args) == {"subject": "procurement", "measure": "amount"}


def test_2021_table_two_is_the_revised_one():
    table = get_format("2021").table("二")
    assert [b.title for b in table.blocks][-1] == "第二十条第（八）项"
    rows = [r.label for b in table.blocks for r in b.data_rows()]
    assert rows == [
        "第二十条第（一）项/规章",
        "第二十条第（一）项/行政规范性文件",
        "第二十条第（五）项/行政许可",
        "第二十条第（六）项/行政处罚",
        "第二十条第（六）项/行政强制",
        "第二十条第（八）项/行政事业性收费",
    ]
    fees = spec("2021", "二", rows[-1], "本年收费金额（单位：万元）")
    assert (fees.unit, dict(fees.args)) == (
        "万元",
        {"subject": "fees", "measure": "amount"},
    )


def test_2019_and_2021_sections_are_the_six_headings():
    headings = [s.full_heading for s in get_format("2021").sections]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert [s.narrative for s in get_format("2019").sections if s.narrative] == [
        "overview",
        "problems",
        "other",
    ]


# -- legacy --------------------------------------------------------------------------

LEGACY_REPLIES = "三、依申请公开情况/（三）申请答复数"


def legacy_reply_rows() -> list[str]:
    return [
        row
        for row in data_rows("legacy", STAT)
        if row.startswith(LEGACY_REPLIES + "/") and row.count("/") == 2
    ]


def _matches(args, outcome: str, ground: str) -> bool:
    def fits(key: str, value: str) -> bool:
        wanted = args.get(key)
        if wanted is None:
            return True
        return value in wanted if isinstance(wanted, list) else value == wanted

    return fits("outcome", outcome) and fits("ground", ground)


# The grounds an outcome can carry (gongkai.applications.models.Ground).
OUTCOME_GROUNDS = [(o, "") for o in Outcome.values] + [
    ("disclosed", Ground.ALREADY_PUBLIC),
    ("withheld_third_party", Ground.TRADE_SECRET),
    ("withheld_third_party", Ground.PRIVACY),
    ("unable_not_held", Ground.NOT_THIS_AGENCY),
]


@pytest.mark.parametrize(("outcome", "ground"), OUTCOME_GROUNDS)
def test_every_closed_application_lands_in_exactly_one_legacy_reply_row(
    outcome, ground
):
    rows = legacy_reply_rows()
    assert [r.rsplit("/", 1)[1][:2] for r in rows] == [f"{n}." for n in range(1, 9)]
    landing = [
        row
        for row in rows
        if _matches(spec("legacy", STAT, row, "统计数").args, outcome, ground)
    ]
    assert len(landing) == 1, landing


@pytest.mark.parametrize(
    ("outcome", "ground", "reason"),
    [
        ("withheld_state_secret", "", "其中：涉及国家秘密"),
        ("withheld_third_party", "trade_secret", "涉及商业秘密"),
        ("withheld_third_party", "privacy", "涉及个人隐私"),
        ("withheld_third_party", "", "涉及个人隐私"),
        ("withheld_security", "", "危及国家安全、公共安全、经济安全和社会稳定"),
        ("withheld_internal", "", "不是《条例》所指政府信息"),
        ("withheld_process", "", "不是《条例》所指政府信息"),
        ("withheld_prohibited", "", "法律法规规定的其他情形"),
        ("withheld_enforcement", "", "法律法规规定的其他情形"),
    ],
)
def test_every_legacy_refusal_has_exactly_one_reason_row(outcome, ground, reason):
    refused = f"{LEGACY_REPLIES}/4.不同意公开答复数"
    assert _matches(spec("legacy", STAT, refused, "统计数").args, outcome, ground)
    reasons = [r for r in data_rows("legacy", STAT) if r.startswith(refused + "/")]
    landing = [
        r.rsplit("/", 1)[1]
        for r in reasons
        if _matches(spec("legacy", STAT, r, "统计数").args, outcome, ground)
    ]
    assert landing == [reason]


def test_legacy_table_prints_units_and_headings_without_data():
    fmt = get_format("legacy")
    table = fmt.table(STAT)
    block = table.blocks[0]
    assert (block.corner, block.unit_column) == ("统计指标", "单位")
    assert table.caption(2017) == "2017年度政府信息公开情况统计表"
    rows = data_rows("legacy", STAT)
    assert "一、主动公开情况" not in rows  # a heading, not a figure
    assert "三、依申请公开情况/（一）收到申请数" in rows  # a figure with sub-rows
    fee = spec("legacy", STAT, "七、依申请公开信息收取的费用", "统计数")
    assert (fee.indicator, fee.unit, fee.decimals) == ("applications.fees", "万元", 2)
    web = spec(
        "legacy", STAT, "三、依申请公开情况/（一）收到申请数/3.网络申请数", "统计数"
    )
    assert dict(web.args) == {"channel": ["online", "email"]}
    reviews = spec("legacy", STAT, "四、行政复议数量", "统计数")
    assert dict(reviews.args) == {"result": ["upheld", "corrected", "other"]}


def test_legacy_sections_are_the_old_headings_then_the_table():
    sections = get_format("legacy").sections
    assert [s.heading for s in sections] == [
        "概述",
        "主动公开政府信息情况",
        "依申请公开政府信息情况",
        "政府信息公开的收费及减免情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
        "政府信息公开工作存在的主要问题及改进情况",
        "其他需要报告的事项",
        "附表",
    ]
    assert sections[-1].table == STAT


# -- provincial variants -------------------------------------------------------------

# Seed 003's 附件2, row by row, as printed (the last segment of each data row).
GUIZHOU_ROWS = [
    "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
    "1.政府公报公开政府信息数",
    "2.政府网站公开政府信息数",
    "3.政务微博公开政府信息数",
    "4.政务微信公开政府信息数",
    "5.政务客户端公开政府信息数",
    "6.其他方式公开政府信息数",
    "1.人大代表建议",
    "2.政协提案",
    "1.依申请公开信息转主动公开信息数",
    "2.解密公开信息数",
    "1.重大决策征集公众意见次数",
    "2.公众反馈意见次数",
    "3.征集到意见数",
    "4.不予采纳意见数",
    "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）",
    "1.参加或举办新闻发布会总次数",
    "其中：主要负责同志参加新闻发布会次数",
    "2.政府网站在线访谈次数",
    "其中：主要负责同志参加政府网站在线访谈次数",
    "3.主要负责同志解读政策数",
    "4.政策解读稿件发布数",
    "5.微博微信回应事件数",
    "6.其他方式回应事件数",
    "1.面向公众开放会议次数",
    "2.参会公众代表人数",
    "三、举报投诉数量",
    "（一）政府信息公开工作专门机构数",
    "（二）设置政府信息公开查阅点数",
    "（三）从事政府信息公开工作人员数",
    "1.专职人员数（不包括政府公报及政府网站工作人员数）",
    "2.兼职人数",
    "1.本地区政务公开监督员人数",
    "2.开展政务公开监督次数",
    "3.提出意见数",
    "4.采纳意见数",
    "（五）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）",
    "（一）召开政府信息公开工作会议或专题会议数",
    "（二）举办各类培训班数",
    "（三）接受培训人员数",
]


def test_guizhou_adds_seed_003s_statistics_table_to_the_2019_format():
    fmt = get_format("guizhou-2019")
    assert fmt.extends == "2019"
    assert (fmt.first_year, fmt.last_year) == (2019, 2020)
    assert [t.id for t in fmt.tables] == ["二", "三", "四", STAT]
    assert fmt.table("三") == get_format("2019").table("三")
    rows = data_rows("guizhou-2019", STAT)
    assert [r.rsplit("/", 1)[-1] for r in rows] == GUIZHOU_ROWS
    assert fmt.sections[-1].full_heading == "附件2"
    assert fmt.sections[-1].table == STAT


def test_guizhou_supervisor_rows_are_attested_figures_the_file_declares():
    fmt = get_format("guizhou-2019")
    row = (
        "四、机构建设和保障经费情况/（四）政务公开监督员情况（各市州、贵安新区填报）"
        "/1.本地区政务公开监督员人数"
    )
    cell = spec("guizhou-2019", STAT, row, "统计数")
    assert (cell.indicator, dict(cell.args), cell.unit) == (
        "attested",
        {"key": "supervision.supervisors"},
        "人",
    )
    assert fmt.attested["supervision.supervisors"] == {
        "label": "政务公开监督员：本地区政务公开监督员人数",
        "unit": "人",
    }
    assert "supervision.supervisors" not in get_format("2019").attested


def test_shandong_replaces_the_statistics_table_with_seed_002s():
    fmt = get_format("shandong-legacy")
    assert (fmt.extends, fmt.first_year, fmt.last_year) == ("legacy", 2014, 2018)
    assert [t.id for t in fmt.tables] == [STAT]
    assert fmt.table(STAT).caption(2017) == "2017年度政府信息公开工作情况统计表"
    rows = data_rows("shandong-legacy", STAT)
    assert "三、依申请公开情况/（一）收到申请数/5.其他形式" in rows
    assert "六、被举报投诉数量/（二）被纠错数" in rows
    assert "七、向图书馆、档案馆等查阅场所报送信息数/（二）电子文件数" in rows
    assert not any(r.startswith("七、依申请公开信息收取的费用") for r in rows)
    assert (
        "八、机构建设和保障经费情况/（三）从事政府信息公开工作人员数"
        "/1.专职人员数（不包括政府网站工作人员数）"
    ) in rows
    archive = spec(
        "shandong-legacy",
        STAT,
        "七、向图书馆、档案馆等查阅场所报送信息数/（一）纸质文件数",
        "统计数",
    )
    assert (archive.indicator, dict(archive.args)) == (
        "catalog.archive_items",
        {"medium": "paper"},
    )


def test_shandong_replaces_the_checks_whose_rows_differ():
    checks = {c.id: c for c in get_format("shandong-legacy").checks}
    assert checks["STAT.applications_received"].kind == "equal"
    assert {c.id: c for c in get_format("legacy").checks}[
        "STAT.applications_received"
    ].kind == "at_most"
    assert "STAT.complaints" in checks
    assert len(checks) == len(get_format("shandong-legacy").checks)  # no duplicates


def test_a_provincial_variant_loads_from_a_data_file_alone(tmp_path):
    (tmp_path / "2019.yaml").write_text(
        (FORMATS_DIR / "2019.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "example-2019.yaml").write_text(
        """
id: example-2019
extends: 2019
name: 示例省附表
attested:
  hotline.calls: {label: 政务热线：受理咨询数, unit: 件}
sections:
  - {number: 一, heading: 总体情况, narrative: overview}
  - {number: "", heading: 附件, table: 示例统计表}
tables:
  - id: 示例统计表
    title: "{year}年度示例统计表"
    blocks:
      - corner: 统计指标
        unit_column: 单位
        columns: [统计数]
        rows:
          - label: 一、政务热线情况
            children:
              - label: （一）受理咨询数
                indicator: attested
                args: {key: hotline.calls}
                unit: 件
checks:
  - id: EX.hotline
    kind: at_most
    table: 示例统计表
    for_each: column
    total: （一）受理咨询数
    parts: [（一）受理咨询数]
    message: 不会发生
""",
        encoding="utf-8",
    )
    fmt = all_formats(tmp_path)["example-2019"]
    assert fmt.extends == "2019"
    assert [t.id for t in fmt.tables] == ["二", "三", "四", "示例统计表"]
    assert [c.ref.row for c in fmt.table("示例统计表").cells()] == [
        "一、政务热线情况/（一）受理咨询数"
    ]
    assert fmt.attested["hotline.calls"]["unit"] == "件"
    assert [c.id for c in fmt.checks][-1] == "EX.hotline"
    assert "T3.balance" in {c.id for c in fmt.checks}


# -- malformed files -----------------------------------------------------------------

BASE = """
id: broken
name: 坏格式
basis: 无
first_year: 2030
title: "{agency}{year}"
sections:
  - {number: 一, heading: 表, table: 表一}
tables:
  - id: 表一
    blocks:
      - corner: 指标
        columns: [统计数]
        rows:
          - {label: 一、甲, indicator: agencies.meetings}
          - {label: 二、乙, indicator: agencies.meetings}
"""

FACT = """facts:
  - section: overview
    template: 甲{{value}}件
    pattern: {pattern}
    cell: {{table: 表一, row: {row}, column: 统计数}}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: [unclosed", "broken.yaml: 不是有效的 YAML"),
        (BASE.replace("id: broken", "name_only: x"), "broken.yaml: 缺少 id"),
        (
            BASE.replace("first_year: 2030", "first_year: 二〇三〇"),
            "first_year 应为 int",
        ),
        (
            BASE.replace(
                "{label: 二、乙, indicator: agencies.meetings}", "{label: 二、乙}"
            ),
            "broken.yaml: tables[0]: 表表一「二、乙」×「统计数」: 没有 indicator",
        ),
        (
            BASE.replace("{label: 二、乙, ", "{label: 二、乙, colour: red, "),
            "broken.yaml: tables[0].blocks[0].rows[1]: 未知的键 ['colour']",
        ),
        (
            BASE.replace("table: 表一}", "table: 表二}"),
            "broken.yaml: 章节「表」引用了不存在的表格 '表二'",
        ),
        (
            BASE + "extends: nowhere\n",
            "broken.yaml: extends 指向未知或循环的格式 'nowhere'",
        ),
        (
            BASE + "checks:\n  - {id: X.1, kind: equal, table: 表一, for_each: column,"
            " left: [一、甲], right: [三、丙], message: m}\n",
            "broken.yaml: 校验规则 X.1：表表一的「三、丙」不存在",
        ),
        (
            BASE + "checks:\n  - {id: X.2, kind: sum_of_squares, message: m}\n",
            "broken.yaml: 校验规则 X.2：未知的校验类型 'sum_of_squares'",
        ),
        (
            BASE + "checks:\n  - {id: X.3, kind: equal, message: m}\n",
            "broken.yaml: 校验规则 X.3：equal 类型需要 left、right",
        ),
        (
            BASE
            + "checks:\n  - {id: X.4, kind: narrative, message: m}\n"
            + FACT.format(pattern="甲件", row="一、甲"),
            "broken.yaml: facts[0]: 叙述要素的 pattern '甲件' 应恰有一个捕获组",
        ),
        (
            BASE + FACT.format(pattern="甲{number}件", row="三、丙"),
            "broken.yaml: 叙述要素引用了不存在的单元格",
        ),
    ],
)
def test_a_malformed_file_is_refused_naming_the_file_and_place(
    tmp_path, text, expected
):
    (tmp_path / "broken.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as error:
        all_formats(tmp_path)
    assert expected in str(error.value)


def test_an_unknown_format_id_lists_the_known_ones():
    with pytest.raises(FormatError, match=r"没有名为 'nope' 的报告格式.*2021"):
        get_format("nope")


def test_the_formats_directory_holds_only_format_files():
    assert sorted(p.name for p in Path(FORMATS_DIR).iterdir()) == sorted(
        f"{fid}.yaml" for fid in FORMAT_IDS
    )
