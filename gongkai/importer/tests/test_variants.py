"""The shapes real government sites give their reports, beyond the five seeds.

Each input is written out as a site prints it: label variants of law-and-formats.md
§2.2 and §2.4 (numbering "1、", half-width brackets, straight quotes, a comma for
the 顿号, "其中：" left out, labels wrapped or split per character), rows printed on
one line as PDF text gives them, figures run together, "—", "/" and "无", a Word
export in GBK that declares UTF-8. Expected values are written by hand.
"""

from __future__ import annotations

import pytest

from gongkai.reports.data import ReportData

from .helpers import DATA, cell, parse_bytes, parse_file

NP, BUS, TOTAL = "自然人", "商业企业", "总计"
NEW = "一、本年新收政府信息公开申请数量"
DONE = "三、本年度办理结果"


def rules(report: ReportData) -> list[str]:
    return [f.rule for f in report.findings]


# A 2021-format table 三 as PDF text extraction gives it: one printed row per line,
# figures separated by spaces, the vertical label 「三、本年度办理结果」 split into
# one character per line, numbering "1、", half-width brackets and punctuation.
TABLE_3_AS_PDF_TEXT = """\
青溪县民政局2021年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)
申请人情况
自然人 法人或其他组织 总计
商业企业 科研机构 社会公益组织 法律服务机构 其他
一、本年新收政府信息公开申请数量 64 0 0 2 0 4 70
二、上年结转政府信息公开申请数量 3 0 0 0 0 0 3
三
、
本
年
度
办
理
结
果
(一)予以公开 30 0 0 1 0 2 33
(二)部分公开(区分处理的,只计这一情形,不计其他情形) 5 0 0 0 0 0 5
(三)不予公开 1、属于国家秘密 0 0 0 0 0 0 0
2、其他法律行政法规禁止公开 0 0 0 0 0 0 0
3、危及"三安全一稳定" 0 0 0 0 0 0 0
4、保护第三方合法权益 2 0 0 0 0 1 3
5、属于三类内部事务信息 0 0 0 0 0 0 0
6、属于四类过程性信息 1 0 0 0 0 0 1
7、属于行政执法案卷 0 0 0 0 0 0 0
8、属于行政查询事项 0 0 0 0 0 0 0
(四)无法提供 1、本机关不掌握相关政府信息 20 0 0 1 0 1 22
2、没有现成信息需要另行制作 0 0 0 0 0 0 0
3、补正后申请内容仍不明确 1 0 0 0 0 0 1
(五)不予处理 1、信访举报投诉类申请 3 0 0 0 0 0 3
2、重复申请 2 0 0 0 0 0 2
3、要求提供公开出版物 0 0 0 0 0 0 0
4、无正当理由大量反复申请 0 0 0 0 0 0 0
5、要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0
(六)其他处理 1、申请人无正当理由逾期不补正,\
行政机关不再处理其政府信息公开申请 1 0 0 0 0 0 1
2、申请人逾期未按收费通知要求缴纳费用,行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
3、其他 0 0 0 0 0 0 0
(七)总计 65 0 0 2 0 4 71
四、结转下年度继续办理 2 0 0 0 0 0 2
"""


@pytest.fixture(scope="module")
def table_3_text():
    return parse_bytes(TABLE_3_AS_PDF_TEXT.encode("utf-8"), format_id="2021").report


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        (NEW, NP, 64),
        (NEW, TOTAL, 70),
        (f"{DONE}/（一）予以公开", TOTAL, 33),
        (f"{DONE}/（三）不予公开/3.危及“三安全一稳定”", TOTAL, 0),
        (f"{DONE}/（三）不予公开/4.保护第三方合法权益", "其他", 1),
        (f"{DONE}/（四）无法提供/1.本机关不掌握相关政府信息", "社会公益组织", 1),
        (
            f"{DONE}/（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            NP,
            1,
        ),
        (f"{DONE}/（七）总计", TOTAL, 71),
        ("四、结转下年度继续办理", NP, 2),
    ],
)
def test_rows_printed_on_one_line_with_label_variants(
    table_3_text, row, column, expected
):
    assert table_3_text.value("三", row, f"申请人情况/{column}") == expected or (
        cell(table_3_text, "三", row, column).value == expected
    )


def test_the_pdf_text_table_is_read_whole_and_balances(table_3_text):
    cells = list(table_3_text.table_cells("三"))
    assert len(cells) == 7 * 25
    assert all(c.value is not None for c in cells)
    assert [r for r in rules(table_3_text) if not r.startswith("IMPORT.table")] == []


def test_figures_run_together_are_split_by_the_rows_sum():
    """ "640020470" is 64 | 0 | 0 | 2 | 0 | 4 | 70: the only split whose six
    applicant columns add up to the 总计."""
    text = TABLE_3_AS_PDF_TEXT.replace("数量 64 0 0 2 0 4 70", "数量 640020470")
    report = parse_bytes(text.encode("utf-8"), format_id="2021").report
    assert [cell(report, "三", NEW, c).value for c in (NP, BUS, "科研机构")] == [
        64,
        0,
        0,
    ]
    assert cell(report, "三", NEW, "社会公益组织").value == 2
    assert cell(report, "三", NEW, TOTAL).value == 70
    split = next(f for f in report.findings if f.rule == "IMPORT.split")
    assert "640020470" in split.message and "64、0、0、2、0、4、70" in split.message
    assert cell(report, "三", NEW, TOTAL).source["split"] is True


def test_figures_run_together_that_split_two_ways_are_reported_not_guessed():
    """ "110000011" is 11|0|0|0|0|0|11 or 1|10|0|0|0|0|11: both keep the row's sum,
    so the parser lists them and leaves the row blank."""
    text = TABLE_3_AS_PDF_TEXT.replace("数量 3 0 0 0 0 0 3", "数量 110000011")
    report = parse_bytes(text.encode("utf-8"), format_id="2021").report
    row = "二、上年结转政府信息公开申请数量"
    assert [cell(report, "三", row, c).value for c in (NP, BUS, TOTAL)] == [None] * 3
    ambiguous = next(f for f in report.findings if f.rule == "IMPORT.ambiguous_split")
    assert "11、0、0、0、0、0、11" in ambiguous.message
    assert "1、10、0、0、0、0、11" in ambiguous.message


def test_a_row_with_too_few_figures_is_reported_and_left_blank():
    text = TABLE_3_AS_PDF_TEXT.replace("数量 3 0 0 0 0 0 3", "数量 3 0 3")
    report = parse_bytes(text.encode("utf-8"), format_id="2021").report
    row = "二、上年结转政府信息公开申请数量"
    assert cell(report, "三", row, TOTAL).value is None
    finding = next(f for f in report.findings if f.rule == "IMPORT.row_values")
    assert "应有 7 个数值" in finding.message


def test_half_a_table_reads_what_is_printed_and_names_the_rows_it_lacks():
    half = TABLE_3_AS_PDF_TEXT.split("(四)无法提供")[0]
    report = parse_bytes(half.encode("utf-8"), format_id="2021").report
    assert cell(report, "三", NEW, TOTAL).value == 70
    assert cell(report, "三", "（七）总计", TOTAL).value is None
    missing = next(f for f in report.findings if f.rule == "IMPORT.rows_missing")
    assert missing.message.startswith(
        "表三中没有找到 13 行：1.本机关不掌握相关政府信息、2.没有现成信息需要另行制作"
    )


# -- blanks and the words that mean a figure -------------------------------------------

LEGACY_LINES = """\
测试县档案局2016年政府信息公开工作年度报告
2016年度政府信息公开情况统计表
统计指标 单位 统计数
一、主动公开情况
(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条) 条 120
主动公开规范性文件数 条 —
制发规范性文件总数 件 /
1.政府公报公开政府信息数 条 无
2.政府网站公开政府信息数 条 120
3.政务微博公开政府信息数 条
4.政务微信公开政府信息数 条 0
"""


def test_dash_slash_none_and_blank_are_read_as_what_they_mean():
    """ "—" and "/" are not applicable (blank by default), "无" is none (0), and an
    empty cell stays blank, never 0; "其中：" may be left out."""
    report = parse_bytes(LEGACY_LINES.encode("utf-8")).report
    stat = "政府信息公开情况统计表"
    assert report.format == "legacy"
    got = {
        row: cell(report, stat, row, "统计数").value
        for row in (
            "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
            "其中：主动公开规范性文件数",
            "制发规范性文件总数",
            "1.政府公报公开政府信息数",
            "2.政府网站公开政府信息数",
            "3.政务微博公开政府信息数",
            "4.政务微信公开政府信息数",
        )
    }
    assert list(got.values()) == [120, None, None, 0, 120, None, 0]
    source = cell(report, stat, "其中：主动公开规范性文件数", "统计数").source
    assert (source["printed"], source["meaning"]) == ("—", "dash")


def test_a_dash_can_be_read_as_zero():
    report = parse_bytes(LEGACY_LINES.encode("utf-8"), dash_means="zero").report
    row = "其中：主动公开规范性文件数"
    assert cell(report, "政府信息公开情况统计表", row, "统计数").value == 0


# -- a Word "save as web page" export, GBK, declaring UTF-8 ----------------------------


@pytest.fixture(scope="module")
def word_export():
    return parse_file(DATA / "word-export-gbk-2021.html")


def test_a_word_export_declaring_the_wrong_charset_is_read(word_export):
    report = word_export.report
    assert (report.format, report.agency.name, report.year) == (
        "2021",
        "青溪县司法局",
        2021,
    )
    assert rules(report) == ["IMPORT.reader"]
    assert "声明的字符集为 utf-8，实际内容为 gb18030" in report.findings[0].message
    assert str(word_export.identity.published_on) == "2022-01-25"


def test_a_word_export_table_with_rowspans_and_colspans(word_export):
    report = word_export.report
    assert (
        cell(report, "二", "第二十条第（一）项/行政规范性文件", "现行有效件数").value
        == 15
    )
    assert cell(report, "二", "行政处罚", "本年处理决定数量").value == 128
    assert cell(report, "二", "行政强制", "本年处理决定数量").value == 0  # 无
    assert cell(report, "二", "行政许可", "本年处理决定数量").value is None  # /
    assert cell(report, "三", NEW, TOTAL).value == 13
    assert cell(report, "三", "4.保护第三方合法权益", BUS).value == 1
    assert cell(report, "三", "（六）其他处理/3.其他", TOTAL).value == 1
    assert cell(report, "四", "", "行政复议/尚未审结").value == 1
    assert cell(report, "四", "", "未经复议直接起诉/总计").value == 1


def test_a_word_export_keeps_its_narrative_sections(word_export):
    sections = {s.key: s for s in word_export.report.sections if s.key}
    assert set(sections) == {"overview", "problems", "other"}
    assert "新收政府信息公开申请13件" in sections["overview"].text


# -- which format ---------------------------------------------------------------------


def test_a_2020_report_in_the_2019_format_is_not_taken_for_2021():
    text = TABLE_3_AS_PDF_TEXT.replace("2021年", "2020年")
    without_2021_rows = "\n".join(
        line
        for line in text.splitlines()
        if not line.startswith(("2、申请人逾期", "3、其他"))
    ).replace(
        "(六)其他处理 1、申请人无正当理由逾期不补正,行政机关不再处理其政府信息公开申请",
        "(六)其他处理",
    )
    report = parse_bytes(without_2021_rows.encode("utf-8")).report
    assert report.format == "2019"
    assert cell(report, "三", "（六）其他处理", NP).value == 1


def test_a_report_whose_year_cannot_be_read_is_an_error():
    from gongkai.importer.parsing import ParseError

    with pytest.raises(ParseError, match="无法从报告中读出报告年度"):
        parse_bytes("政府信息公开工作年度报告\n一、总体情况\n没有数字。".encode())


def test_the_year_and_agency_can_be_given():
    report = parse_bytes(
        "一、总体情况\n主动公开政府信息12条。".encode(), agency="某县某局", year=2016
    ).report
    assert (report.agency.name, report.year, report.format) == (
        "某县某局",
        2016,
        "legacy",
    )


# -- figures in sentences -------------------------------------------------------------


def test_figures_written_in_chinese_numerals_are_read():
    text = (
        "测试县林业局2016年政府信息公开工作年度报告\n"
        "一、概述\n"
        "全年共收到政府信息公开申请十二件，其中当面申请三件，信函申请九件。"
        "全年主动公开政府信息一百零五条，政策解读约二十篇。\n"
    )
    report = parse_bytes(text.encode("utf-8")).report
    stat = "政府信息公开情况统计表"
    assert cell(report, stat, "（一）收到申请数", "统计数").value == 12
    assert cell(report, stat, "1.当面申请数", "统计数").value == 3
    assert cell(report, stat, "4.信函申请数", "统计数").value == 9
    assert (
        cell(
            report,
            stat,
            "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
            "统计数",
        ).value
        == 105
    )
    assert (
        cell(report, stat, "3.政策解读稿件发布数", "统计数").value is None
    )  # 约二十篇


# -- a PDF whose tables have no rules ----------------------------------------------


@pytest.mark.slow
def test_a_pdf_without_table_rules_is_read_from_its_text_lines():
    """Without ruled lines pdfplumber finds no table: the rows come from the text
    lines, the vertical label 「三、本年度办理结果」 lies in pieces among them, and a
    wrapped label's second line sits beside the figures."""
    from weasyprint import HTML

    from gongkai.importer.samples import sample_report
    from gongkai.reports.formats import get_format
    from gongkai.reports.render import render

    fmt = get_format("2021")
    report = sample_report(fmt)
    page = render(report, fmt, "html").decode("utf-8")
    page = page.replace(
        "</style>", "table, th, td { border: none !important; }</style>"
    )
    got = parse_bytes(HTML(string=page).write_pdf(), "borderless.pdf").report
    table_3 = [c for c in report.cells.values() if c.ref.table == "三"]
    assert [
        c.ref
        for c in table_3
        if got.value(c.ref.table, c.ref.row, c.ref.column) != c.value
    ] == []


# -- whose report, which year, published when ------------------------------------------


@pytest.mark.parametrize(
    ("lines", "agency", "year", "published"),
    [
        (["青溪县教育局2021年政府信息公开工作年度报告"], "青溪县教育局", 2021, None),
        (["2021年度青溪县教育局政府信息公开工作年度报告"], "青溪县教育局", 2021, None),
        (
            ["青溪县人民政府二〇二一年政府信息公开工作年度报告"],
            "青溪县人民政府",
            2021,
            None,
        ),
        (
            ["白山市人防办2017年", "政府信息公开工作年度报告"],
            "白山市人防办",
            2017,
            None,
        ),
        (
            ["首页", "政务公开", "关于印发青溪县2019年政府信息公开工作年度报告的通知"],
            "青溪县",
            2019,
            None,
        ),
        (
            [
                "发布机构：青溪县水利局 发布时间：2022-01-20",
                "2021年政府信息公开工作年度报告",
            ],
            "青溪县水利局",
            2021,
            "2022-01-20",
        ),
        (
            [
                "一、总体情况",
                "本报告所列数据的统计期限自2016年1月1日起。",
                "某局",
                "2017年3月2日",
            ],
            None,
            2016,
            "2017-03-02",
        ),
    ],
)
def test_the_agency_year_and_publication_date_are_read(lines, agency, year, published):
    from gongkai.importer.parsing.identify import identify
    from gongkai.importer.readers import Document, Paragraph

    identity = identify(Document("page.html", "html", [Paragraph(t) for t in lines]))
    assert (identity.agency, identity.year) == (agency, year)
    assert (str(identity.published_on) if identity.published_on else None) == published
