"""Rows and columns a report prints beyond its format, and a column printed merged.

A county adds 「9.其他」 under table 三's （三）不予公开, a 「其中：跨年度结转」 row
under （七）总计, a 「其中」 row under table 二's 规章, a column 「其中：网上申请」
after 总计; another prints 法人或其他组织 as one column instead of its five
sub-columns. Each variant is the 2021 report gongkai renders, edited as such a
site prints it, and read from HTML, from DOCX and from PDF: every printed figure
is kept with its printed label, nothing lands in a cell it does not belong to,
and the sums raise no error the report does not have. Expected values are
written by hand.
"""

from __future__ import annotations

import io
import re
from functools import cache
from html.parser import HTMLParser

import pytest

from gongkai.reports.data import CellRef, ReportData
from gongkai.reports.formats import get_format
from gongkai.reports.render import render

from .helpers import parse_bytes
from .test_variants import TABLE_3_AS_PDF_TEXT

DONE = "三、本年度办理结果"
WITHHELD = f"{DONE}/（三）不予公开"
TOTAL_ROW = f"{DONE}/（七）总计"
NEW = "一、本年新收政府信息公开申请数量"
APPLICANTS = "申请人情况"
NP, TOTAL = f"{APPLICANTS}/自然人", f"{APPLICANTS}/总计"
ORGS = f"{APPLICANTS}/法人或其他组织"
RULES = "第二十条第（一）项/规章"
ISSUED, IN_FORCE = "本年制发件数", "现行有效件数"


@cache
def base() -> ReportData:
    """The report as the format prints it: table 三 of ``TABLE_3_AS_PDF_TEXT``
    (its sums hold), table 二 filled by hand."""
    report = parse_bytes(TABLE_3_AS_PDF_TEXT.encode("utf-8"), format_id="2021").report
    for row, figures in {
        RULES: (3, 1, 12),
        "第二十条第（一）项/行政规范性文件": (5, 2, 40),
    }.items():
        for column, value in zip(
            (ISSUED, "本年废止件数", IN_FORCE), figures, strict=True
        ):
            report.set(CellRef("二", row, column), value)
    report.set(CellRef("二", "第二十条第（五）项/行政许可", "本年处理决定数量"), 20)
    report.findings = []
    return report


@cache
def base_page() -> str:
    return render(base(), get_format("2021"), "html").decode("utf-8")


# -- editing the rendered page as a site prints it -------------------------------------


def add_row(
    page: str,
    after: str,
    label: str,
    figures: list[int],
    spans: tuple[str, ...] = (),
    colspan: int = 1,
) -> str:
    """A row printed after the row labelled ``after``; the labels in ``spans``
    (merged over the rows of their group) span it as well."""
    at = page.index(f">{after}</th>")
    end = page.index("</tr>", at) + len("</tr>")
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    cells = "".join(f'<td class="gk-value">{f}</td>' for f in figures)
    row = f'\n<tr><th class="gk-label"{span} scope="row">{label}</th>{cells}</tr>'
    page = page[:end] + row + page[end:]
    for spanning in spans:
        page = re.sub(
            rf'rowspan="(\d+)"([^>]*>{re.escape(spanning)}</th>)',
            lambda m: f'rowspan="{int(m[1]) + 1}"{m[2]}',
            page,
            count=1,
        )
    return page


def remove_row(page: str, label: str, spans: tuple[str, ...]) -> str:
    """The page without the row labelled ``label``."""
    at = page.index(f">{label}</th>")
    start = page.rindex("<tr>", 0, at)
    end = page.index("</tr>", at) + len("</tr>")
    page = page[:start] + page[end:]
    for spanning in spans:
        page = re.sub(
            rf'rowspan="(\d+)"([^>]*>{re.escape(spanning)}</th>)',
            lambda m: f'rowspan="{int(m[1]) - 1}"{m[2]}',
            page,
            count=1,
        )
    return page


def _table_3(page: str) -> tuple[int, int]:
    start = page.index("<table", page.index("三、收到和处理政府信息公开申请情况"))
    return start, page.index("</table>", start)


def _value_rows(table: str, edit) -> str:
    """Each data row of table 三 (seven figures) through ``edit``."""

    def one(match: re.Match[str]) -> str:
        cells = re.findall(r'<td class="gk-value"[^>]*>([^<]*)</td>', match[0])
        if len(cells) != 7:
            return match[0]
        head = match[0][: match[0].index("<td")]
        figures = [int(c) if c else 0 for c in cells]
        return head + "".join(f"<td>{f}</td>" for f in edit(figures)) + "</tr>"

    return re.sub(r"<tr>.*?</tr>", one, table, flags=re.S)


def merge_organisations(page: str) -> str:
    """Table 三 with 法人或其他组织 printed as one column (its five sub-columns'
    sum), as many 2019-style tables still do."""
    start, end = _table_3(page)
    table = page[start:end]
    table = re.sub(r"<tr><th[^>]*>商业企业</th>.*?</tr>", "", table, flags=re.S)
    table = table.replace('rowspan="3" colspan="3"', 'rowspan="2" colspan="3"')
    table = table.replace('colspan="7" scope="colgroup">申请人情况', ">申请人情况")
    table = table.replace('rowspan="2" scope="col">自然人', ">自然人")
    table = table.replace('rowspan="2" scope="col">总计', ">总计")
    table = table.replace(
        'colspan="5" scope="colgroup">法人或其他组织', ">法人或其他组织"
    )
    table = table.replace(">申请人情况<", ' colspan="3">申请人情况<')
    table = _value_rows(table, lambda f: [f[0], sum(f[1:6]), f[6]])
    return page[:start] + table + page[end:]


def add_online_column(page: str) -> str:
    """Table 三 with a column 「其中：网上申请」 after 总计: half of each row's total
    (rounded up), as the site counted them."""
    start, end = _table_3(page)
    table = page[start:end]
    table = table.replace(
        'colspan="7" scope="colgroup">申请人情况', ' colspan="8">申请人情况'
    )
    table = table.replace(
        ">总计</th>", '>总计</th><th rowspan="2">其中：网上申请</th>', 1
    )
    # Room for the column on the page: the labels' column gives up its width.
    table = table.replace('<col class="gk-w35">', '<col class="gk-w29">', 1)
    table = table.replace("</colgroup>", '<col class="gk-w6"></colgroup>', 1)
    table = _value_rows(table, lambda f: [*f, (f[6] + 1) // 2])
    return page[:start] + table + page[end:]


# -- the same page as DOCX and PDF -----------------------------------------------------


class _Grid(HTMLParser):
    """The page's headings, paragraphs and tables (cells with their spans)."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[object] = []  # str, or a table: rows of cells
        self.text: list[str] | None = None
        self.cell: dict | None = None
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("style", "caption", "title"):
            self.skip += 1
        elif tag == "table":
            self.blocks.append([])
        elif tag == "tr":
            self.blocks[-1].append([])
        elif tag in ("td", "th"):
            self.cell = {
                "text": "",
                "rowspan": int(attrs.get("rowspan") or 1),
                "colspan": int(attrs.get("colspan") or 1),
            }
        elif tag in ("h1", "h2", "h3", "p"):
            self.text = []

    def handle_endtag(self, tag):
        if tag in ("style", "caption", "title"):
            self.skip -= 1
        elif tag in ("td", "th") and self.cell is not None:
            self.blocks[-1][-1].append(self.cell)
            self.cell = None
        elif tag in ("h1", "h2", "h3", "p") and self.text is not None:
            text = "".join(self.text).strip()
            if text and self.cell is None:
                self.blocks.append(text)
            self.text = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell["text"] += data.strip()
        elif self.text is not None:
            self.text.append(data)


def as_docx(page: str) -> bytes:
    """The page as a Word file: its tables with the same merged cells."""
    from docx import Document

    parser = _Grid()
    parser.feed(page)
    document = Document()
    for block in parser.blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        rows = [row for row in block if row]
        taken: set[tuple[int, int]] = set()
        placed = []
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                placed.append((r, c, cell))
                for dr in range(cell["rowspan"]):
                    for dc in range(cell["colspan"]):
                        taken.add((r + dr, c + dc))
                c += cell["colspan"]
        n_cols = max(c for _, c in taken) + 1
        table = document.add_table(rows=len(rows), cols=n_cols)
        for r, c, cell in placed:
            target = table.cell(r, c)
            last = (r + cell["rowspan"] - 1, c + cell["colspan"] - 1)
            if last != (r, c):
                target = target.merge(table.cell(*last))
            target.text = cell["text"]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_pdf(page: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=page).write_pdf()


KINDS = ("html", "docx", pytest.param("pdf", marks=pytest.mark.slow))


def imported(page: str, kind: str) -> ReportData:
    data = {
        "html": lambda: page.encode("utf-8"),
        "docx": lambda: as_docx(page),
        "pdf": lambda: as_pdf(page),
    }[kind]()
    return parse_bytes(data, f"report.{kind}", format_id="2021").report


def misplaced(got: ReportData, unless: set[CellRef] = frozenset()) -> list[str]:
    """The format's cells whose figure is not the report's."""
    want = base()
    return [
        f"{ref}: {cell.value!r} → {got.value(*_parts(ref))!r}"
        for ref, cell in want.cells.items()
        if ref not in unless and got.value(*_parts(ref)) != cell.value
    ]


def _parts(ref: CellRef) -> tuple[str, str, str]:
    return ref.table, ref.row, ref.column


def errors(report: ReportData) -> list[str]:
    return [f.message for f in report.findings if f.severity == "error"]


def rules(report: ReportData, rule: str) -> list[str]:
    return [f.message for f in report.findings if f.rule == rule]


def printed_children(report: ReportData) -> dict[tuple[str, str, str], object]:
    return {
        _parts(c.ref): c.value
        for c in report.cells.values()
        if c.source and c.source.get("printed_child")
    }


# -- rows the format lacks -------------------------------------------------------------


@pytest.fixture(scope="module", params=KINDS)
def kind(request):
    return request.param


def extra_rows_page() -> str:
    page = base_page()
    page = add_row(
        page,
        "8.属于行政查询事项",
        "9.其他",
        [0, 0, 0, 0, 0, 0, 0],
        spans=(DONE, "（三）不予公开"),
    )
    page = add_row(
        page,
        "（七）总计",
        "其中：跨年度结转",
        [2, 0, 0, 1, 0, 0, 3],
        spans=(DONE,),
        colspan=2,
    )
    return add_row(page, "规章", "其中：本机关制发的规章", [2, 0, 9])


def test_rows_the_format_lacks_are_kept_as_printed_children(kind):
    report = imported(extra_rows_page(), kind)
    children = printed_children(report)
    assert children[("三", f"{WITHHELD}/9.其他", TOTAL)] == 0
    assert children[("三", f"{TOTAL_ROW}/其中：跨年度结转", NP)] == 2
    assert (
        children[("三", f"{TOTAL_ROW}/其中：跨年度结转", f"{ORGS}/社会公益组织")] == 1
    )
    assert children[("三", f"{TOTAL_ROW}/其中：跨年度结转", TOTAL)] == 3
    assert children[("二", f"{RULES}/其中：本机关制发的规章", ISSUED)] == 2
    assert children[("二", f"{RULES}/其中：本机关制发的规章", IN_FORCE)] == 9
    assert len(children) == 7 + 7 + 3


def test_their_figures_are_in_no_format_cell_and_raise_no_sum_error(kind):
    report = imported(extra_rows_page(), kind)
    assert misplaced(report) == []
    assert errors(report) == []


def test_a_finding_names_the_rows_kept(kind):
    report = imported(extra_rows_page(), kind)
    (table_3,) = [m for m in rules(report, "IMPORT.extra_row") if m.startswith("表三")]
    assert "「9.其他」（在「（三）不予公开」下）" in table_3
    assert "「其中：跨年度结转」（在「（七）总计」下）" in table_3
    (table_2,) = [m for m in rules(report, "IMPORT.extra_row") if m.startswith("表二")]
    assert "「其中：本机关制发的规章」（在「规章」下）" in table_2


def test_an_extra_row_where_the_report_left_a_row_out_takes_no_ones_figures():
    """The report leaves out 「8.属于行政查询事项」 and prints 「9.其他」 after 7:
    before, 9's figures were read as 8's."""
    page = remove_row(base_page(), "8.属于行政查询事项", (DONE, "（三）不予公开"))
    page = add_row(
        page,
        "7.属于行政执法案卷",
        "9.其他",
        [1, 0, 0, 0, 0, 0, 1],
        spans=(DONE, "（三）不予公开"),
    )
    report = imported(page, "html")
    assert report.value("三", f"{WITHHELD}/8.属于行政查询事项", TOTAL) is None
    assert report.value("三", f"{WITHHELD}/8.属于行政查询事项", NP) is None
    children = printed_children(report)
    assert children[("三", f"{WITHHELD}/9.其他", TOTAL)] == 1
    assert children[("三", f"{WITHHELD}/9.其他", NP)] == 1


def test_a_sum_error_the_report_has_is_still_found_beside_an_extra_row():
    page = re.sub(
        r"(>一、本年新收政府信息公开申请数量</th>.*?)>70<",
        r"\g<1>>72<",
        extra_rows_page(),
        count=1,
        flags=re.S,
    )
    report = imported(page, "html")
    assert report.value("三", NEW, TOTAL) == 72
    assert any("72" in m for m in rules(report, "T3.applicants"))


def test_the_printed_children_are_in_the_open_schema():
    data = imported(extra_rows_page(), "html").to_dict()
    kept = [c for c in data["cells"] if c["row"] == f"{WITHHELD}/9.其他"]
    assert len(kept) == 7
    assert all(c["source"]["printed_child"] is True for c in kept)
    assert kept[0]["source"]["label"] == "9.其他"


def test_the_report_as_the_format_prints_it_has_no_printed_children(kind):
    report = imported(base_page(), kind)
    assert printed_children(report) == {}
    assert rules(report, "IMPORT.extra_row") == []
    assert misplaced(report) == []


# -- a column printed merged -----------------------------------------------------------


def test_a_merged_column_goes_to_the_parent_and_the_sub_columns_stay_blank(kind):
    report = imported(merge_organisations(base_page()), kind)
    assert report.value("三", NEW, ORGS) == 6  # 0 + 0 + 2 + 0 + 4
    assert report.value("三", f"{WITHHELD}/4.保护第三方合法权益", ORGS) == 1
    assert report.value("三", NEW, NP) == 64
    assert report.value("三", NEW, TOTAL) == 70
    for leaf in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"):
        assert report.value("三", NEW, f"{ORGS}/{leaf}") is None
    source = report.cells[CellRef("三", NEW, ORGS)].source
    assert source["collapsed_axis"] == "column" and len(source["collapsed"]) == 5
    (finding,) = [m for m in rules(report, "IMPORT.collapsed") if "法人或其他组织" in m]
    assert "其下各列留空" in finding
    unchanged = {
        ref for ref in base().cells if ref.table == "三" and ref.column.startswith(ORGS)
    }
    assert misplaced(report, unless=unchanged) == []


def test_a_merged_column_is_the_sum_of_its_sub_columns_in_the_checks(kind):
    report = imported(merge_organisations(base_page()), kind)
    assert errors(report) == []


def test_a_real_sum_error_is_still_found_with_a_merged_column():
    page = merge_organisations(base_page())
    page = re.sub(
        r"(>一、本年新收政府信息公开申请数量</th>.*?<td>64</td><td>)6<",
        r"\g<1>9<",
        page,
        flags=re.S,
    )
    report = imported(page, "html")
    assert report.value("三", NEW, ORGS) == 9
    assert any("73" in m for m in rules(report, "T3.applicants"))


# -- a column the format lacks ---------------------------------------------------------


def test_a_column_the_format_lacks_is_kept_as_a_printed_child(kind):
    report = imported(add_online_column(base_page()), kind)
    children = printed_children(report)
    online = f"{TOTAL}/其中：网上申请"
    assert children[("三", NEW, online)] == 35
    assert children[("三", TOTAL_ROW, online)] == 36
    assert children[("三", "四、结转下年度继续办理", online)] == 1
    assert len(children) == 25
    assert misplaced(report) == []
    assert errors(report) == []
    (finding,) = rules(report, "IMPORT.extra_column")
    assert "「其中：网上申请」" in finding


# -- the same in text, as a PDF's text lines give it --------------------------------


def test_rows_the_format_lacks_in_text_lines():
    text = TABLE_3_AS_PDF_TEXT.replace(
        "8、属于行政查询事项 0 0 0 0 0 0 0\n",
        "8、属于行政查询事项 0 0 0 0 0 0 0\n9、其他 0 0 0 0 0 0 0\n",
    ).replace(
        "(七)总计 65 0 0 2 0 4 71\n",
        "(七)总计 65 0 0 2 0 4 71\n其中：跨年度结转 2 0 0 1 0 0 3\n",
    )
    report = parse_bytes(text.encode("utf-8"), format_id="2021").report
    children = printed_children(report)
    assert children[("三", f"{WITHHELD}/9、其他", TOTAL)] == 0
    assert children[("三", f"{TOTAL_ROW}/其中：跨年度结转", TOTAL)] == 3
    assert report.value("三", TOTAL_ROW, TOTAL) == 71
    assert report.value("三", "四、结转下年度继续办理", NP) == 2
    assert errors(report) == []


def test_a_merged_column_in_text_lines():
    def merged(line: str) -> str:
        parts = line.split(" ")
        if len(parts) < 8 or not all(p.isdigit() for p in parts[-7:]):
            return line
        f = [int(p) for p in parts[-7:]]
        return " ".join([*parts[:-7], str(f[0]), str(sum(f[1:6])), str(f[6])])

    lines = TABLE_3_AS_PDF_TEXT.splitlines()
    text = "\n".join(merged(line) for line in lines if not line.startswith("商业企业"))
    report = parse_bytes(text.encode("utf-8"), format_id="2021").report
    assert report.value("三", NEW, ORGS) == 6
    assert report.value("三", NEW, f"{ORGS}/社会公益组织") is None
    assert report.value("三", TOTAL_ROW, TOTAL) == 71
    assert errors(report) == []


def test_an_extra_row_in_a_table_with_an_extra_column():
    page = add_row(
        base_page(),
        "（七）总计",
        "其中：跨年度结转",
        [2, 0, 0, 1, 0, 0, 3],
        spans=(DONE,),
        colspan=2,
    )
    report = imported(add_online_column(page), "html")
    children = printed_children(report)
    carried = f"{TOTAL_ROW}/其中：跨年度结转"
    assert children[("三", carried, NP)] == 2
    assert children[("三", carried, TOTAL)] == 3
    assert children[("三", carried, f"{TOTAL}/其中：网上申请")] == 2
    assert misplaced(report) == []
    assert errors(report) == []
