"""The circular (通报) a supervisor sends its units: the year's reports, who was
late, who published too little, which sections went silent, who let applications
run over. A DOCX, set like an official document (GB/T 9704: 仿宋 16pt body,
小标宋 22pt title, A4), ready to be edited and sealed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO
from typing import Any

from django.utils.timezone import localtime
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import oversight

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_FONT = "Noto Serif CJK SC"
STATE_LABELS = {
    "draft": "编制中",
    "submitted": "已提交审核",
    "signed_off": "已审核待发布",
    "published": "已公布",
}


def _font(run: Any, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = BODY_FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)


def _paragraph(doc: Any, text: str, *, size: float = 16, bold: bool = False) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    _font(paragraph.add_run(text), size, bold)


def _heading(doc: Any, text: str) -> None:
    _paragraph(doc, text, bold=True)


def _table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _font(cell.paragraphs[0].add_run(text), 10.5, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _font(cell.paragraphs[0].add_run(text), 10.5)


def _on_time(status: oversight.ReportStatus, today: date) -> str:
    decided = status.on_time(today)
    return {True: "按时", False: "逾期", None: "未到期"}[decided]


def _reports_section(doc: Any, units: list, today: date) -> None:
    rows = [
        (
            u.name,
            STATE_LABELS.get(u.report.state, u.report.state),
            f"{u.report.published_on:%Y年%-m月%-d日}" if u.report.published_on else "—",
            f"{u.report.due_on:%-m月%-d日}",
            _on_time(u.report, today),
        )
        for u in units
    ]
    _table(doc, ("单位名称", "编制", "公布日期", "期限", "是否按时"), rows)


def _overdue_applications_section(doc: Any, rows: Sequence[Any], today: date) -> None:
    """The overdue applications by tracking number, the longest late first."""
    _paragraph(doc, f"截至{today:%Y年%-m月%-d日}，逾期未答复的申请{len(rows)}件：")
    _table(
        doc,
        ("单位名称", "申请编号", "答复期限", "逾期天数"),
        [
            (
                r.agency.name,
                r.record.tracking_number,
                f"{r.due_on:%Y年%-m月%-d日}" if r.due_on else "—",
                str(r.days),
            )
            for r in rows
        ],
    )


DIRECTIVE_STATES = {"open": "待答复", "answered": "已答复", "closed": "已办结"}


def _directives_section(doc: Any, open_: list[Any], closed: list[Any]) -> None:
    """The 督办 issued: how many, how many closed, and each with its state."""
    if not open_ and not closed:
        _paragraph(doc, "本期未发出督办。")
        return
    _paragraph(
        doc,
        f"共发出督办{len(open_) + len(closed)}件，已办结{len(closed)}件，"
        f"未办结{len(open_)}件：",
    )
    _table(
        doc,
        ("单位名称", "督办事项", "发出日期", "答复期限", "办理情况"),
        [
            (
                d.agency.name,
                d.target_label,
                f"{localtime(d.created_at):%Y年%-m月%-d日}",
                f"{d.respond_by:%Y年%-m月%-d日}",
                DIRECTIVE_STATES.get(d.state, d.state),
            )
            for d in [*open_, *closed]
        ],
    )


def circular_docx(
    *,
    region: Any,
    year: int,
    today: date,
    units: list[oversight.UnitOverview],
    late_reports: list,
    below_quota: list,
    stale: list,
    overdue: list,
    months: int,
    quota: int,
    late_work: Any = None,  # 督办 (gongkai.directives): what ran late, by record
    directives_open: Sequence[Any] = (),
    directives_closed: Sequence[Any] = (),
    **_more: Any,
) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(f"关于{year}年度政府信息公开工作情况的通报"), 22, bold=True)
    published = sum(1 for u in units if u.report.published_on)
    _paragraph(
        doc,
        f"根据《中华人民共和国政府信息公开条例》第四十九条，现将{region.name}所属"
        f"{len(units)}个单位{year}年度政府信息公开工作情况通报如下（截至"
        f"{today:%Y年%-m月%-d日}，已公布年度报告{published}个，逾期"
        f"{len(late_reports)}个）。",
    )
    _heading(doc, "一、年度报告编制公布情况")
    _reports_section(doc, units, today)
    _heading(doc, "二、主动公开情况")
    _paragraph(
        doc,
        f"按每月不少于{quota}条的要求，{year}年应公开不少于{quota * months}条。"
        + (
            "以下单位未达要求："
            + "、".join(f"{u.name}（{u.items_published}条）" for u in below_quota)
            + "。"
            if below_quota
            else "各单位均达到要求。"
        ),
    )
    _heading(doc, "三、栏目更新情况")
    _paragraph(
        doc,
        "以下栏目长期未更新："
        + "；".join(
            f"{u.name}“{s.category}”栏目（{s.days}天）"
            for u in stale
            for s in u.stale_categories
        )
        + "。"
        if stale
        else "未发现长期未更新的栏目。",
    )
    _heading(doc, "四、依申请公开办理情况")
    _paragraph(
        doc,
        "以下单位存在逾期未答复的申请或逾期公开的信息："
        + "、".join(
            f"{u.name}（逾期申请{u.overdue_applications}件，逾期公开{u.late_items}条）"
            for u in overdue
        )
        + "。"
        if overdue
        else "未发现逾期未答复的申请。",
    )
    if late_work is not None and late_work.applications:
        _overdue_applications_section(doc, late_work.applications, today)
    _heading(doc, "五、督办情况")
    _directives_section(doc, list(directives_open), list(directives_closed))
    _paragraph(doc, "请各单位对照通报问题认真整改，并于十五个工作日内报送整改情况。")
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
