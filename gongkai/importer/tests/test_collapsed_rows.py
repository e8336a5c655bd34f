"""A parent row printed alone where the format has sub-rows: many 2021 reports
still print （六）其他处理 as one row, as the 2019 table did. Its figures go to the
parent's own cell, the sub-rows stay blank (never the first sub-row), a finding
says so, and the table's sums still hold — no false sum error. In text, HTML, Word
and a ruled PDF."""

from __future__ import annotations

import html
import re

import pytest

from .helpers import parse_bytes
from .test_variants import TABLE_3_AS_PDF_TEXT

DONE = "三、本年度办理结果"
OTHER = f"{DONE}/（六）其他处理"
NP, TOTAL = "申请人情况/自然人", "申请人情况/总计"


def collapsed_text(row: str = "(六)其他处理 1 0 0 0 0 0 1", total: str = "") -> str:
    text = TABLE_3_AS_PDF_TEXT
    start, end = text.index("(六)其他处理"), text.index("(七)总计")
    text = text[:start] + row + "\n" + text[end:]
    if total:
        text = re.sub(r"\(七\)总计[ 0-9]+", total, text)
    return text


def grid_rows(text: str) -> tuple[str, list[list[str]]]:
    """The title, and each printed line as a grid row: the label in one cell and
    each figure in its own (a line with no figure is one cell)."""
    title, *lines = text.splitlines()
    rows = []
    for line in lines:
        parts = line.split(" ")
        figures = [p for p in parts if p.isdigit()]
        label = " ".join(p for p in parts if not p.isdigit())
        rows.append([label, *figures] if figures else [line])
    return title, rows


def as_html_table(text: str) -> bytes:
    """The same table as a site's HTML grid: one <tr> per printed line."""
    title, rows = grid_rows(text)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) for cells in rows
    )
    page = f"<html><body><h1>{title}</h1><table>{body}</table></body></html>"
    return page.encode("utf-8")


def as_docx_table(text: str) -> bytes:
    """The same grid in a Word file: the title as a paragraph, one row per line."""
    import io

    import docx

    title, rows = grid_rows(text)
    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=0, cols=max(len(r) for r in rows))
    for row in rows:
        cells = table.add_row().cells
        if len(row) == 1:  # a heading or a note: one cell across the table
            cells = [cells[0].merge(cells[-1])]
        for cell, text_ in zip(cells, row, strict=False):
            cell.text = text_
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_pdf_table(text: str) -> bytes:
    """The same grid printed with its rules, as a PDF of a ruled table gives it."""
    from weasyprint import HTML

    page = (
        as_html_table(text)
        .decode()
        .replace(
            "<body>",
            "<head><style>table{border-collapse:collapse}"
            "td{border:1px solid #000;font-size:8pt}</style></head><body>",
        )
    )
    return HTML(string=page).write_pdf()


@pytest.fixture(
    params=["text", "html", "docx", pytest.param("pdf", marks=pytest.mark.slow)]
)
def kind(request):
    return request.param


def parsed(text: str, kind: str):
    if kind == "html":
        return parse_bytes(as_html_table(text), "report.html", format_id="2021").report
    if kind == "docx":
        return parse_bytes(as_docx_table(text), "report.docx", format_id="2021").report
    if kind == "pdf":
        return parse_bytes(as_pdf_table(text), "report.pdf", format_id="2021").report
    return parse_bytes(text.encode("utf-8"), format_id="2021").report


def test_the_figure_goes_to_the_parent_and_the_sub_rows_stay_blank(kind):
    report = parsed(collapsed_text(), kind)
    assert report.value("三", OTHER, NP) == 1
    assert report.value("三", OTHER, TOTAL) == 1
    subs = [r for r in {c.ref.row for c in report.cells.values()} if OTHER + "/" in r]
    assert len(subs) == 3
    for sub in subs:
        assert report.value("三", sub, NP) is None
        assert report.value("三", sub, TOTAL) is None
    collapsed = [f for f in report.findings if f.rule == "IMPORT.collapsed"]
    assert len(collapsed) == 1 and "其下各项留空" in collapsed[0].message


def test_the_tables_sums_still_hold_with_a_collapsed_row(kind):
    report = parsed(collapsed_text(), kind)
    errors = [f for f in report.findings if f.severity == "error"]
    assert errors == []


def test_a_real_sum_error_is_still_found_with_a_collapsed_row(kind):
    wrong = collapsed_text(total="(七)总计 66 0 0 2 0 4 72")
    report = parsed(wrong, kind)
    outcomes = [f for f in report.findings if f.rule == "T3.outcomes"]
    assert outcomes and any("72" in f.message for f in outcomes)


def test_the_parent_cell_is_kept_in_the_open_schema():
    data = parsed(collapsed_text(), "text").to_dict()
    kept = [c for c in data["cells"] if c["row"] == OTHER and c["column"] == TOTAL]
    assert len(kept) == 1 and kept[0]["value"] == 1
    assert len(kept[0]["source"]["collapsed"]) == 3


def test_sub_rows_printed_as_usual_are_not_collapsed():
    report = parse_bytes(TABLE_3_AS_PDF_TEXT.encode("utf-8"), format_id="2021").report
    assert not [f for f in report.findings if f.rule == "IMPORT.collapsed"]
    assert report.value("三", OTHER, TOTAL) is None
