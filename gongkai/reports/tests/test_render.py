"""Every rendering shows the official tables with the report's figures in place.

The test report fills each table's cells with distinct numbers, counting from 1 in
reading order (row by row, left to right), so a value printed in the wrong cell is
caught. In the 2019 format that gives, for example:

- table 二: 规章 1 2 3, 规范性文件 4 5 6, 行政许可 7 -8 9, 其他对外管理服务事项
  10 +11 12 (「本年增/减」 is signed: odd numbers positive, even ones negative);
- table 三: 一、本年新收 1–7, 二、上年结转 8–14, （一）予以公开 15–21, （二）部分公开
  22–28, （三）1.属于国家秘密 29–35 (商业企业 30), …, （六）其他处理 141–147,
  （七）总计 148–154, 四、结转下年度继续办理 155–161;
- table 四: 1–15 from 行政复议/结果维持 to 行政诉讼/复议后起诉/总计.

Two cells are left blank: table 三 （六）其他处理 × 总计 and table 四 行政复议/尚未审结.
"""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from gongkai.reports.data import AgencyRef, CellRef, Finding, ReportData, Section
from gongkai.reports.formats import Format, get_format
from gongkai.reports.render import render
from gongkai.reports.render.values import format_value

SCHEMA_FILE = (
    Path(__file__).resolve().parents[3]
    / "docs"
    / "reference"
    / "gongkai.annual-report-1.schema.json"
)
CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
OTHER_TOTAL = CellRef("三", "三、本年度办理结果/（六）其他处理", "申请人情况/总计")
REVIEW_PENDING = CellRef("四", "", "行政复议/尚未审结")


def filled_report(fmt: Format, *, findings: bool = False) -> ReportData:
    report = ReportData(
        format=fmt.id,
        agency=AgencyRef("兴义市应急管理局", "11522301MB0000000X"),
        year=2019,
        sections=[
            Section("一、总体情况", "第一段。\n第二段。", "overview"),
            Section(
                "五、存在的主要问题及改进情况", "信息公开方式渠道较为单一。", "problems"
            ),
            Section("六、其他需要报告的事项", "无。", "other"),
        ],
    )
    for table in fmt.tables:
        for number, spec in enumerate(table.cells(), start=1):
            value = -number if spec.signed and number % 2 == 0 else number
            report.set(spec.ref, value)
    report.set(OTHER_TOTAL, None)
    report.set(REVIEW_PENDING, None)
    if findings:
        report.findings.append(
            Finding("T3.balance", "error", "表三「自然人」列：二者应当相等")
        )
    return report


@pytest.fixture(scope="module")
def fmt_2019() -> Format:
    return get_format("2019")


@pytest.fixture(scope="module")
def report_2019(fmt_2019) -> ReportData:
    return filled_report(fmt_2019)


# -- values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "options", "printed"),
    [
        (None, {}, ""),
        (None, {"signed": True}, ""),
        (0, {}, "0"),
        (1234, {}, "1234"),
        (14, {"signed": True}, "+14"),
        (-27, {"signed": True}, "-27"),
        (0, {"signed": True}, "0"),
        (Decimal("0.3"), {"decimals": 2}, "0.3"),
        (Decimal("0.30"), {}, "0.3"),
        (Decimal("2.00"), {"decimals": 2}, "2"),
        (Decimal("1.235"), {"decimals": 2}, "1.24"),
        (2, {"decimals": 2}, "2"),
    ],
)
def test_values_print_as_the_official_tables_write_them(value, options, printed):
    assert format_value(value, **options) == printed


def test_an_unknown_output_is_refused(fmt_2019, report_2019):
    with pytest.raises(ValueError, match="不支持的输出格式"):
        render(report_2019, fmt_2019, "odt")


def test_imported_sections_are_placed_by_their_heading(fmt_2019):
    from gongkai.reports.render.outline import outline

    report = filled_report(fmt_2019)
    report.sections = [
        Section("", "本报告依据《中华人民共和国政府信息公开条例》编制。"),
        Section("六、其他需要报告的事项", "无。"),
        Section("附件：政府信息公开工作情况统计表", "见附件。"),
        Section("二、主动公开政府信息情况", "全年主动公开信息300条。"),
    ]
    printed = outline(report, fmt_2019)
    assert [(s.heading, s.paragraphs) for s in printed.sections] == [
        ("", ("本报告依据《中华人民共和国政府信息公开条例》编制。",)),
        ("一、总体情况", ()),
        ("二、主动公开政府信息情况", ("全年主动公开信息300条。",)),
        ("三、收到和处理政府信息公开申请情况", ()),
        ("四、政府信息公开行政复议、行政诉讼情况", ()),
        ("五、存在的主要问题及改进情况", ()),
        ("六、其他需要报告的事项", ("无。",)),
        ("附件：政府信息公开工作情况统计表", ("见附件。",)),
    ]
    assert [s.table.layout.table.id for s in printed.sections if s.table] == [
        "二",
        "三",
        "四",
    ]


# -- HTML --------------------------------------------------------------------------


class _Cells(HTMLParser):
    """Collects the table cells of a page: tag, attributes and text."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[dict[str, Any]] = []
        self._open: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("td", "th"):
            self._open = {"tag": tag, **dict(attrs), "text": ""}
            self.cells.append(self._open)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["text"] += data


def html_cells(page: str) -> list[dict[str, Any]]:
    parser = _Cells()
    parser.feed(page)
    return parser.cells


def th(cells: list[dict[str, Any]], text: str) -> dict[str, Any]:
    return next(c for c in cells if c["tag"] == "th" and c["text"] == text)


@pytest.fixture(scope="module")
def html_2019(fmt_2019, report_2019) -> str:
    return render(report_2019, fmt_2019, "html").decode("utf-8")


def test_html_is_a_standalone_page_that_needs_nothing_online(html_2019):
    assert html_2019.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-Hans">' in html_2019
    assert "<title>兴义市应急管理局2019年政府信息公开工作年度报告</title>" in html_2019
    assert "@page" in html_2019  # the print stylesheet is inlined
    assert not re.search(r"<link|<script|src=|https?://", html_2019)


def test_html_shows_the_sections_in_order_with_their_text(html_2019):
    headings = re.findall(r"<h2>(.*?)</h2>", html_2019)
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert "<p>第一段。</p>" in html_2019
    assert "<p>第二段。</p>" in html_2019


def test_html_table_3_merges_as_the_official_format(html_2019):
    cells = html_cells(html_2019)
    corner = th(cells, CORNER_NOTE)
    assert (corner["rowspan"], corner["colspan"]) == ("3", "3")
    results = th(cells, "三、本年度办理结果")
    assert (results["rowspan"], results["scope"]) == ("20", "rowgroup")
    assert th(cells, "（三）不予公开")["rowspan"] == "8"
    assert th(cells, "一、本年新收政府信息公开申请数量")["colspan"] == "3"
    natural = th(cells, "自然人")
    assert (natural["rowspan"], natural["scope"]) == ("2", "col")
    assert th(cells, "法人或其他组织")["scope"] == "colgroup"


def test_html_value_cells_name_their_headers(html_2019):
    cells = html_cells(html_2019)
    secret_business = next(
        c for c in cells if c["tag"] == "td" and c["text"] == "30"
    )  # table 四 stops at 15, table 二 at 22: 30 is table 三's
    ids = secret_business["headers"].split()
    texts = [next(c["text"] for c in cells if c.get("id") == i) for i in ids]
    assert texts == [
        "申请人情况",
        "法人或其他组织",
        "商业企业",
        "三、本年度办理结果",
        "（三）不予公开",
        "1.属于国家秘密",
    ]


def test_html_blank_cells_stay_empty_and_signed_cells_carry_their_sign(html_2019):
    cells = html_cells(html_2019)
    values = [c["text"] for c in cells if c["tag"] == "td"]
    assert values[:12] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "-8",
        "9",
        "10",
        "+11",
        "12",
    ]
    other_row = values[22 + 140 : 22 + 147]  # table 三 （六）其他处理
    assert other_row == ["141", "142", "143", "144", "145", "146", ""]
    table_4 = values[22 + 161 :]
    assert table_4 == ["1", "2", "3", "", "5", *map(str, range(6, 16))]
    assert "0" not in values


def test_html_findings_box_appears_only_with_findings(fmt_2019, html_2019):
    assert "gk-findings" not in html_2019.split("</style>")[1]
    with_findings = render(filled_report(fmt_2019, findings=True), fmt_2019, "html")
    page = with_findings.decode("utf-8")
    assert "校验发现的问题（1）" in page
    assert "表三「自然人」列：二者应当相等" in page


def test_html_fonts_come_from_the_settings(fmt_2019, report_2019, settings):
    settings.GONGKAI_PDF_FONTS = ["Test Song", "Test Hei"]
    page = render(report_2019, fmt_2019, "html").decode("utf-8")
    assert '--gk-font: "Test Song", "Test Hei", serif;' in page


def test_html_fragment_can_be_included_in_a_site_page(fmt_2019, report_2019):
    from gongkai.reports.render.html import render_fragment

    fragment = render_fragment(report_2019, fmt_2019)
    assert fragment.lstrip().startswith('<article class="gk-report">')
    assert "<html" not in fragment
    assert "<caption" in fragment


# -- DOCX --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docx_2019(fmt_2019, report_2019):
    return Document(io.BytesIO(render(report_2019, fmt_2019, "docx")))


def distinct_cells(table) -> list:
    """Each printed cell once: a merged cell counts once, however many it spans."""
    seen: set[int] = set()
    cells = []
    for cell in table._cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def test_docx_has_the_three_tables_with_their_merged_cells(docx_2019):
    tables = docx_2019.tables
    assert len(tables) == 3
    # 5 block titles + 18 headers + 8 labels + 22 values
    assert len(distinct_cells(tables[0])) == 53
    # 10 headers + 27 labels + 23 rows × 7 values
    assert len(distinct_cells(tables[1])) == 198
    # 19 headers + 15 values
    assert len(distinct_cells(tables[2])) == 34


def test_docx_table_3_merges_labels_and_holds_values_in_place(docx_2019):
    table = docx_2019.tables[1]
    assert table.cell(0, 0)._tc is table.cell(2, 2)._tc
    assert table.cell(0, 0).text == CORNER_NOTE
    assert table.cell(5, 0).text == "三、本年度办理结果"
    assert table.cell(5, 0)._tc is table.cell(24, 0)._tc
    assert table.cell(25, 0).text == "四、结转下年度继续办理"
    assert table.cell(7, 1).text == "（三）不予公开"
    assert table.cell(7, 1)._tc is table.cell(14, 1)._tc
    assert table.cell(7, 2).text == "1.属于国家秘密"
    assert table.cell(7, 4).text == "30"
    assert table.cell(23, 1).text == "（六）其他处理"
    assert [table.cell(23, c).text for c in range(3, 10)] == [
        "141", "142", "143", "144", "145", "146", "",
    ]  # fmt: skip
    assert table.cell(25, 9).text == "161"


def test_docx_table_4_has_its_three_level_header(docx_2019):
    table = docx_2019.tables[2]
    assert table.cell(0, 0).text == "行政复议"
    assert table.cell(0, 0)._tc is table.cell(0, 4)._tc
    assert table.cell(0, 5).text == "行政诉讼"
    assert table.cell(0, 5)._tc is table.cell(0, 14)._tc
    assert table.cell(1, 0)._tc is table.cell(2, 0)._tc
    assert table.cell(1, 5).text == "未经复议直接起诉"
    assert table.cell(2, 5).text == "结果维持"
    assert [table.cell(3, c).text for c in range(15)] == [
        "1", "2", "3", "", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15",
    ]  # fmt: skip


def test_docx_table_2_prints_signed_changes(docx_2019):
    table = docx_2019.tables[0]
    licensing = next(r for r in table.rows if r.cells[0].text == "其他对外管理服务事项")
    assert [c.text for c in licensing.cells] == [
        "其他对外管理服务事项",
        "10",
        "+11",
        "12",
    ]


def test_docx_repeats_table_3_header_on_each_page(docx_2019):
    rows = docx_2019.tables[1].rows
    repeated = [
        r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None
        for r in rows
    ]
    assert repeated[:4] == [True, True, True, False]


def test_docx_page_and_fonts_follow_the_official_document_layout(docx_2019):
    section = docx_2019.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    title = docx_2019.paragraphs[0]
    assert title.text == "兴义市应急管理局2019年政府信息公开工作年度报告"
    assert _east_asian_font(title.style) == "方正小标宋简体"
    assert title.style.font.size.pt == 22
    normal = docx_2019.styles["Normal"]
    assert _east_asian_font(normal) == "仿宋_GB2312"
    assert normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing.pt == 28
    cell_paragraph = docx_2019.tables[1].cell(7, 2).paragraphs[0]
    assert _east_asian_font(cell_paragraph.style) == "宋体"
    assert cell_paragraph.style.font.size.pt == 10.5


def _east_asian_font(style) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


# -- XLSX --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook_2019(fmt_2019, report_2019):
    return load_workbook(io.BytesIO(render(report_2019, fmt_2019, "xlsx")))


def test_xlsx_has_the_report_sheet_and_one_sheet_per_table(workbook_2019):
    assert workbook_2019.sheetnames == ["报告", "二", "三", "四"]
    front = workbook_2019["报告"]
    assert front["A1"].value == "兴义市应急管理局2019年政府信息公开工作年度报告"
    texts = [row[0] for row in front.iter_rows(values_only=True)]
    assert "一、总体情况" in texts
    assert "第二段。" in texts


def test_xlsx_table_3_merges_as_the_official_format(workbook_2019):
    sheet = workbook_2019["三"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {
        "A2:C4",
        "D2:J2",
        "D3:D4",
        "E3:I3",
        "J3:J4",
        "A5:C5",
        "A7:A26",
        "B9:B16",
    } <= merged
    assert sheet["A2"].value == CORNER_NOTE
    assert sheet["A7"].value == "三、本年度办理结果"
    assert sheet["B9"].value == "（三）不予公开"


def test_xlsx_figures_are_numbers_and_blanks_stay_empty(workbook_2019):
    sheet = workbook_2019["三"]
    assert sheet["E9"].value == 30
    assert isinstance(sheet["E9"].value, int)
    assert sheet["D25"].value == 141
    assert sheet["J25"].value is None  # （六）其他处理 × 总计 is blank
    table_2 = workbook_2019["二"]
    assert table_2["C8"].value == -8
    assert table_2["C8"].number_format == "+0;-0;0"
    assert table_2["A2"].value == "第二十条第（一）项"
    assert "A2:D2" in {str(r) for r in table_2.merged_cells.ranges}


# -- PDF ---------------------------------------------------------------------------


@pytest.mark.slow
def test_pdf_embeds_cjk_fonts_and_shows_labels_and_values(fmt_2019, report_2019):
    import pdfplumber

    pdf = render(report_2019, fmt_2019, "pdf")
    assert pdf.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(page.extract_text() for page in document.pages)
        fonts = {char["fontname"] for page in document.pages for char in page.chars}
    assert any("CJK" in font for font in fonts)
    for label in (
        "兴义市应急管理局2019年政府信息公开工作",  # the title wraps before 年度报告
        "第二十条第（五）项",
        "1.属于国家秘密",
        "一、本年新收政府信息公开申请数量",
        "未经复议直接起诉",
    ):
        assert label in text
    assert "二、上年结转政府信息公开申请数量 8 9 10 11 12 13 14" in text
    assert "1.属于国家秘密 29 30 31 32 33 34 35" in text
    assert "其他对外管理服务事项 10 +11 12" in text


# -- text --------------------------------------------------------------------------


def test_text_flattens_each_table_one_cell_per_line(fmt_2019, report_2019):
    text = render(report_2019, fmt_2019, "text").decode("utf-8")
    assert text.startswith(
        "兴义市应急管理局2019年政府信息公开工作年度报告\n\n一、总体情况\n"
    )
    lines = text.splitlines()
    start = lines.index(f"{CORNER_NOTE} |")
    assert lines[start : start + 12] == [
        f"{CORNER_NOTE} |",
        "申请人情况 |",
        "自然人 |",
        "法人或其他组织 |",
        "总计 |",
        "商业企业 |",
        "科研机构 |",
        "社会公益组织 |",
        "法律服务机构 |",
        "其他 |",
        "一、本年新收政府信息公开申请数量 |",
        "1 |",
    ]
    other = lines.index("（六）其他处理 |")
    assert lines[other + 1 : other + 9] == [
        "141 |", "142 |", "143 |", "144 |", "145 |", "146 |", "|", "（七）总计 |",
    ]  # fmt: skip


# -- JSON --------------------------------------------------------------------------


def test_json_is_the_open_schema_and_reads_back(fmt_2019, report_2019):
    data = json.loads(render(report_2019, fmt_2019, "json"))
    assert data["schema"] == "gongkai.annual-report/1"
    back = ReportData.from_dict(data)
    assert back.value("三", OTHER_TOTAL.row, OTHER_TOTAL.column) is None
    assert back.value("二", "第二十条第（五）项/行政许可", "本年增/减") == -8


def test_json_validates_against_the_published_schema(fmt_2019):
    report = filled_report(fmt_2019, findings=True)
    report.set(
        CellRef("二", "第二十条第（九）项/政府集中采购", "采购总金额"),
        Decimal("0.3"),
        {"kind": "attested", "key": "procurement.amount", "by": "张三"},
    )
    report.findings[0].cells.append(OTHER_TOTAL)
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = json.loads(render(report, fmt_2019, "json"))
    assert _violations(data, schema, schema) == []


def test_the_schema_check_catches_a_malformed_report(fmt_2019, report_2019):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = report_2019.to_dict()
    data["cells"][0]["value"] = "12"
    data["findings"] = [{"rule": "X", "severity": "fatal", "message": ""}]
    del data["agency"]["code"]
    assert _violations(data, schema, schema) == [
        "$.agency: code is required",
        "$.cells[0].value: not of type ['integer', 'number', 'null']",
        "$.findings[0].severity: not one of ['error', 'warning']",
    ]


_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def _violations(value: Any, schema: dict, root: dict, where: str = "$") -> list[str]:
    """The JSON Schema keywords the published schema uses, checked by hand
    (the project does not depend on the jsonschema package)."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return _violations(value, root["$defs"][name], root, where)
    if "oneOf" in schema:
        matching = [
            s for s in schema["oneOf"] if not _violations(value, s, root, where)
        ]
        return (
            [] if len(matching) == 1 else [f"{where}: matches {len(matching)} of oneOf"]
        )
    if "type" in schema and not _has_type(value, schema["type"]):
        return [f"{where}: not of type {schema['type']}"]
    problems = _scalar_violations(value, schema, where)
    if isinstance(value, dict):
        required = schema.get("required", [])
        problems += [
            f"{where}: {key} is required" for key in required if key not in value
        ]
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                problems += _violations(item, properties[key], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                problems.append(f"{where}: unexpected {key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            problems += _violations(item, schema["items"], root, f"{where}[{i}]")
    return problems


def _has_type(value: Any, expected: str | list[str]) -> bool:
    types = expected if isinstance(expected, list) else [expected]
    is_bool = isinstance(value, bool)  # JSON true is not an integer
    return any(
        isinstance(value, _TYPES[t]) and (t == "boolean") == is_bool for t in types
    )


def _scalar_violations(value: Any, schema: dict, where: str) -> list[str]:
    problems = []
    if "const" in schema and value != schema["const"]:
        problems.append(f"{where}: not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: not one of {schema['enum']}")
    if isinstance(value, str) and len(value) < schema.get("minLength", 0):
        problems.append(f"{where}: too short")
    low, high = schema.get("minimum"), schema.get("maximum")
    if isinstance(value, int) and (
        (low is not None and value < low) or (high is not None and value > high)
    ):
        problems.append(f"{where}: out of range")
    return problems
