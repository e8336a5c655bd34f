"""Tables no format describes, kept as printed (issue 16, item 1).

The variant is written here by hand the way a city printed its own statistics table
before 2019: rows renamed and regrouped (channels under the applications, not the
national order), a unit column, two period columns (本年 and 累计), a 合计 row, a
heading printed across the table. Forced onto the national table, its figures were
lost or put in cells they do not belong to (本年 and 累计 read as "several values",
the last one taken). Now every figure is kept with its printed labels, no format cell
is filled from it, and the sums the table itself states are checked.
"""

from __future__ import annotations

import html
import io
import re

import pytest
from django.urls import reverse

from gongkai.importer.export import cell_rows
from gongkai.importer.importing import import_bytes, limits_from_settings
from gongkai.importer.parsing import ParseOptions
from gongkai.importer.services import imported_report_store
from gongkai.reports.data import ReportData

from .helpers import parse_bytes

TITLE = "某市统计局2012年政府信息公开工作情况统计表"
HEAD = "一、主动公开情况"
ASK = "二、依申请公开情况"
PUBLISHED = "（一）主动公开政府信息数"
NORMATIVE = "其中：主动公开规范性文件数"
WEB = "（二）政府网站公开数"
RECEIVED = "（一）受理申请总数"
IN_PERSON = "1.当面申请数"
ONLINE = "2.网上申请数"
LETTER = "3.信函申请数"
ANSWERED = "（二）已答复数"
TOTAL = "合计"

# (heading) or (label, unit, 本年, 累计): "—" is a dash, printed blank.
ROWS: list[tuple[str, ...]] = [
    (HEAD,),
    (PUBLISHED, "条", "120", "560"),
    (NORMATIVE, "条", "8", "30"),
    (WEB, "条", "100", "400"),
    (ASK,),
    (RECEIVED, "件", "12", "40"),
    (IN_PERSON, "件", "2", "10"),
    (ONLINE, "件", "9", "27"),
    (LETTER, "件", "1", "3"),
    (ANSWERED, "件", "11", "—"),
    (TOTAL, "件", "23", "40"),
]

# What a person reads in the table: row path, column → figure.
EXPECTED = {
    ((HEAD, PUBLISHED), "本年"): 120,
    ((HEAD, PUBLISHED), "累计"): 560,
    ((HEAD, PUBLISHED, NORMATIVE), "本年"): 8,
    ((HEAD, PUBLISHED, NORMATIVE), "累计"): 30,
    ((HEAD, WEB), "本年"): 100,
    ((HEAD, WEB), "累计"): 400,
    ((ASK, RECEIVED), "本年"): 12,
    ((ASK, RECEIVED), "累计"): 40,
    ((ASK, RECEIVED, IN_PERSON), "本年"): 2,
    ((ASK, RECEIVED, IN_PERSON), "累计"): 10,
    ((ASK, RECEIVED, ONLINE), "本年"): 9,
    ((ASK, RECEIVED, ONLINE), "累计"): 27,
    ((ASK, RECEIVED, LETTER), "本年"): 1,
    ((ASK, RECEIVED, LETTER), "累计"): 3,
    ((ASK, ANSWERED), "本年"): 11,
    ((ASK, ANSWERED), "累计"): None,
    ((ASK, TOTAL), "本年"): 23,
    ((ASK, TOTAL), "累计"): 40,
}


def table_html(rows: list[tuple[str, ...]], header: bool = True) -> str:
    lines = []
    if header:
        lines.append(
            "<tr><td>统计指标</td><td>单位</td><td>本年</td><td>累计</td></tr>"
        )
    for row in rows:
        if len(row) == 1:
            lines.append(f'<tr><td colspan="4">{html.escape(row[0])}</td></tr>')
        else:
            lines.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row))
    return (
        '<table border="1" style="border-collapse: collapse">'
        + "".join(lines)
        + "</table>"
    )


def page_html(rows=ROWS, split: int | None = None) -> bytes:
    """The report page; ``split`` cuts the table after that many rows, as a page
    break does, and the rest is printed without its header."""
    tables = (
        table_html(rows)
        if split is None
        else table_html(rows[:split])
        + '<p style="break-before: page">— 2 —</p>'
        + table_html(rows[split:], header=False)
    )
    body = (
        f"<h1>某市统计局2012年政府信息公开工作年度报告</h1>"
        f"<p>一、概述。本年度我局认真贯彻《中华人民共和国政府信息公开条例》。</p>"
        f"<p>附表：{TITLE}</p>{tables}"
    )
    style = "<style>table{border-collapse:collapse} td{border:1px solid #000}</style>"
    head = f'<head><meta charset="utf-8">{style}</head>'
    return f"<html>{head}<body>{body}</body></html>".encode()


def as_docx(rows=ROWS, split: int | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("某市统计局2012年政府信息公开工作年度报告")
    document.add_paragraph(
        "一、概述。本年度我局认真贯彻《中华人民共和国政府信息公开条例》。"
    )
    document.add_paragraph(f"附表：{TITLE}")
    parts = [rows] if split is None else [rows[:split], rows[split:]]
    for number, part in enumerate(parts):
        if number:
            document.add_paragraph("— 2 —")
        header = [("统计指标", "单位", "本年", "累计")] if number == 0 else []
        table = document.add_table(rows=0, cols=4)
        for row in [*header, *part]:
            cells = table.add_row().cells
            if len(row) == 1:
                merged = cells[0].merge(cells[3])
                merged.text = row[0]
            else:
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_pdf(rows=ROWS, split: int | None = None) -> bytes:
    from weasyprint import HTML

    return HTML(string=page_html(rows, split).decode()).write_pdf()


MAKERS = {"html": page_html, "docx": as_docx, "pdf": as_pdf}
NAMES = {"html": "report.html", "docx": "report.docx", "pdf": "report.pdf"}


@pytest.fixture(params=sorted(MAKERS))
def kind(request):
    return request.param


def parsed(kind: str, rows=ROWS, split: int | None = None) -> ReportData:
    return parse_bytes(MAKERS[kind](rows, split), NAMES[kind]).report


def printed_figures(report: ReportData) -> dict:
    (table,) = report.printed_tables()
    return {(f.row, f.column[-1]): f.value for f in table.figures}


def test_every_figure_is_kept_under_its_printed_labels(kind):
    report = parsed(kind)
    (table,) = report.printed_tables()
    assert table.title == f"附表：{TITLE}"
    assert table.columns == [("本年",), ("累计",)]
    assert printed_figures(report) == EXPECTED


def test_the_unit_column_is_kept_with_each_figure(kind):
    (table,) = parsed(kind).printed_tables()
    units = {f.row[-1]: f.source["unit"] for f in table.figures}
    assert units[PUBLISHED] == "条" and units[RECEIVED] == "件"


def test_no_figure_of_it_is_put_into_a_cell_of_the_format(kind):
    report = parsed(kind)
    placed = [
        (c.ref, c.value)
        for c in report.cells.values()
        if c.value is not None and not (c.source or {}).get("as_printed")
    ]
    assert placed == []


def test_the_report_says_which_tables_were_kept_as_printed_and_no_sum_fails(kind):
    report = parsed(kind)
    rules = {f.rule for f in report.findings}
    assert "IMPORT.printed" in rules
    (note,) = [f for f in report.findings if f.rule == "IMPORT.printed"]
    assert TITLE in note.message and "17 个数字" in note.message
    assert not [f for f in report.findings if f.severity == "error"]
    assert "IMPORT.printed_sum" not in rules


def test_a_sum_the_table_states_that_does_not_hold_is_reported():
    rows = [r if r[0] != ONLINE else (ONLINE, "件", "7", "27") for r in ROWS]
    report = parsed("html", rows)
    sums = [f for f in report.findings if f.rule == "IMPORT.printed_sum"]
    # 受理 12 ≠ 2 + 7 + 1, and 合计 23 ≠ 12 + 11 holds: one finding only.
    assert len(sums) == 1
    assert RECEIVED in sums[0].message and "10" in sums[0].message
    assert sums[0].severity == "warning"


def test_a_part_larger_than_its_whole_is_reported():
    rows = [r if r[0] != NORMATIVE else (NORMATIVE, "条", "180", "30") for r in ROWS]
    report = parsed("html", rows)
    (finding,) = [f for f in report.findings if f.rule == "IMPORT.printed_sum"]
    assert NORMATIVE in finding.message and PUBLISHED in finding.message


def test_a_table_cut_by_a_page_break_is_one_table(kind):
    # Cut between 1.当面申请数 and 2.网上申请数: the rest, printed without its
    # header, is the same table and its rows stay under （一）受理申请总数.
    report = parsed(kind, split=7)
    assert printed_figures(report) == EXPECTED


def test_the_figures_are_in_the_open_schema_and_the_export():
    report = parsed("html")
    again = ReportData.from_json(report.to_json())
    assert printed_figures(again) == EXPECTED
    cell = next(
        c
        for c in report.to_dict()["cells"]
        if c["row"].endswith(IN_PERSON) and c["column"] == "累计"
    )
    assert cell["table"] == f"附表：{TITLE}" and cell["value"] == 10
    assert cell["source"]["row_path"] == [ASK, RECEIVED, IN_PERSON]


@pytest.mark.django_db
def test_the_report_page_shows_the_table_as_printed(client, staff_user):
    outcome = import_bytes(
        page_html(), "report.html", limits_from_settings(), ParseOptions()
    )
    stored, _ = imported_report_store(outcome=outcome, acting_user=None)
    rows = list(cell_rows(stored))
    kept = [r for r in rows if r[10] == "as_printed"]
    assert len(kept) == len(EXPECTED)
    assert (f"附表：{TITLE}", f"{ASK}/{RECEIVED}/{ONLINE}", "累计", 27) in {
        r[6:10] for r in kept
    }
    client.force_login(staff_user)
    page = client.get(reverse("importer:detail", args=[stored.pk])).text
    assert "按原样保存的表格" in page
    assert TITLE in page and ONLINE in page and ">27<" in page


def test_reports_in_a_known_format_keep_no_table_as_printed(kind):
    from gongkai.importer.samples import sample_report
    from gongkai.reports.formats import get_format
    from gongkai.reports.render import render

    for format_id in ("legacy", "2019", "2021"):
        fmt = get_format(format_id)
        data = render(sample_report(fmt), fmt, kind)
        report = parse_bytes(data, NAMES[kind]).report
        assert report.printed_tables() == [], format_id
        assert "IMPORT.printed" not in {f.rule for f in report.findings}


def national_2021_split(kind: str) -> tuple[ReportData, ReportData]:
    """A 2021 report whose table 三 a page break cuts after its first row: the
    rest printed as a second table without the header, as a PDF or a site's page
    gives it."""
    from gongkai.importer.samples import sample_report
    from gongkai.reports.formats import get_format
    from gongkai.reports.render import render

    fmt = get_format("2021")
    report = sample_report(fmt)
    page = render(report, fmt, "html").decode()
    row = page.index("二、上年结转政府信息公开申请数量")
    cut = page.rindex("<tr>", 0, row)
    page = (
        page[:cut]
        + '</tbody></table><p style="break-before: page">— 2 —</p>'
        + '<table class="gk-table"><tbody>'
        + page[cut:]
    )
    data = page.encode()
    if kind == "pdf":
        from weasyprint import HTML

        data = HTML(string=page).write_pdf()
    return report, parse_bytes(data, NAMES[kind]).report


@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_a_national_table_cut_by_a_page_break_is_read_exactly(kind):
    written, read = national_2021_split(kind)
    expected = {r: c.value for r, c in written.cells.items() if r.table == "三"}
    got = {r: read.value(r.table, r.row, r.column) for r in expected}
    assert got == expected
    assert read.printed_tables() == []
    assert not {f.rule for f in read.findings} & {
        "IMPORT.printed",
        "IMPORT.rows_missing",
    }


LEFT_OUT = ("2.其他法律行政法规禁止公开", "7.属于行政执法案卷")


def national_2021_with_rows_left_out(kind: str) -> tuple[ReportData, ReportData]:
    """A 2021 report whose table 三 leaves out two of its rows, as some sites'
    hand-made tables do, in HTML, a ruled PDF and Word."""
    from gongkai.importer.samples import sample_report
    from gongkai.reports.formats import get_format
    from gongkai.reports.render import render

    fmt = get_format("2021")
    report = sample_report(fmt)
    if kind == "docx":
        import docx

        document = docx.Document(io.BytesIO(render(report, fmt, "docx")))
        for table in document.tables:
            for row in list(table.rows):
                if any(c.text.strip() in LEFT_OUT for c in row.cells):
                    table._tbl.remove(row._tr)
        out = io.BytesIO()
        document.save(out)
        return report, parse_bytes(out.getvalue(), "report.docx").report
    page = render(report, fmt, "html").decode()
    for label in LEFT_OUT:
        at = page.index(label)
        start, end = page.rindex("<tr", 0, at), page.index("</tr>", at) + len("</tr>")
        page = page[:start] + page[end:]
        # The labels spanning the row (（三）不予公开, 三、本年度办理结果) span
        # one row less.
        for group in ("（三）不予公开", "三、本年度办理结果"):
            head = page.rindex("<th", 0, page.index(group))
            span = re.search(r'rowspan="(\d+)"', page[head : page.index(group)])
            assert span, group
            spot = head + span.start(1)
            page = page[:spot] + str(int(span[1]) - 1) + page[head + span.end(1) :]
    data = page.encode()
    if kind == "pdf":
        from weasyprint import HTML

        data = HTML(string=page).write_pdf()
    return report, parse_bytes(data, NAMES[kind]).report


@pytest.mark.parametrize(
    "kind", ["html", "docx", pytest.param("pdf", marks=pytest.mark.slow)]
)
def test_a_national_table_with_rows_left_out_reads_the_rest_exactly(kind):
    written, read = national_2021_with_rows_left_out(kind)
    for ref, cell in written.cells.items():
        if ref.table != "三":
            continue
        expected = None if ref.row.endswith(LEFT_OUT) else cell.value
        assert read.value(ref.table, ref.row, ref.column) == expected, ref
    missing = [f for f in read.findings if f.rule == "IMPORT.rows_missing"]
    assert missing and all(label in missing[0].message for label in LEFT_OUT)
    assert read.printed_tables() == []
