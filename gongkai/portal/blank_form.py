"""The application form to print (政府信息公开申请表), as DOCX and PDF, and the flow
of an application (依申请公开流程) the 指南 and the 依申请公开 column draw.

The form asks what the online form asks (``ApplicationDetailsForm``, 《政府信息公开
条例》第二十九条第二款): its fields, their labels and their choices are read from it,
so the paper and the web never ask different questions. The DOCX is written with
python-docx; the PDF is printed by WeasyPrint from the same rows, with the CJK fonts
of ``settings.GONGKAI_PDF_FONTS`` (the path the letters and reports take).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.html import escape

from gongkai.agencies.models import Agency
from gongkai.applications.forms import ApplicationDetailsForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The applicant's part of the form, then the information asked for.
APPLICANT_FIELDS = (
    "applicant_type",
    "name",
    "id_kind",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
)
REQUEST_FIELDS = ("description", "requested_form", "delivery_method")


@dataclass(frozen=True)
class Step:
    """One box of the flow chart, with the article it rests on."""

    title: str
    text: str
    article: str


# 《政府信息公开条例》第二十九条至第四十一条, in the order an application goes.
FLOW: tuple[Step, ...] = (
    Step(
        "提出申请",
        "通过本网站在线申请，或以信函、传真、当面提交申请表等书面形式提出。",
        "第二十九条",
    ),
    Step(
        "登记收到",
        "当面提交的以提交之日、邮寄的以签收之日、网上提交的以确认之日为收到申请之日。",
        "第三十一条",
    ),
    Step(
        "补正（需要时）",
        "申请内容不明确的，自收到申请之日起7个工作日内一次性告知补正；"
        "答复期限自收到补正的申请之日起计算。",
        "第三十条",
    ),
    Step(
        "征求意见（需要时）",
        "公开可能损害第三方合法权益的，书面征求第三方意见；所需时间不计入答复期限。",
        "第三十二条",
    ),
    Step(
        "审查答复",
        "能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复，"
        "需要延长的经负责人同意并告知申请人，延长期限最长不超过20个工作日。",
        "第三十三条",
    ),
    Step(
        "送达",
        "按申请人选择的方式送达答复书及所提供的政府信息。",
        "第四十条",
    ),
)

# 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）: what the guide says.
FEES = (
    "行政机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、"
    "频次明显超过合理范围的，可以按照《政府信息公开信息处理费管理办法》"
    "（国办函〔2020〕109号）收取信息处理费（《中华人民共和国政府信息公开条例》"
    "第四十二条）：按件计收的，同一申请人一个自然月内累计申请10件以下（含10件）"
    "不收费；按量计收的，同一政府信息公开申请30页以下（含30页）不收费。"
)

# 《政府信息公开条例》第五十一条; 《行政复议法》第二十条; 《行政诉讼法》第四十六条.
REMEDIES = (
    "认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府"
    "信息公开工作主管部门投诉、举报，也可以自知道该行政行为之日起六十日内依法申请"
    "行政复议，或者自知道或者应当知道作出行政行为之日起六个月内依法向人民法院提起"
    "行政诉讼（《中华人民共和国政府信息公开条例》第五十一条）。"
)


@dataclass(frozen=True)
class Row:
    """One line of the printed form: its label, and the boxes to tick when the
    question has choices (empty for a line to write on)."""

    label: str
    choices: tuple[str, ...] = ()
    tall: bool = False


def rows(names: tuple[str, ...]) -> list[Row]:
    """The printed rows of the online form's fields ``names``, in Chinese."""
    form = ApplicationDetailsForm()
    found = []
    with translation.override("zh-hans"):
        for name in names:
            field = form.fields[name]
            choices: tuple[str, ...] = ()
            if isinstance(field, forms.ChoiceField):
                options: list[tuple[object, object]] = list(field.choices)  # type: ignore[arg-type]
                choices = tuple(str(label) for value, label in options if value)
            tall = isinstance(field.widget, forms.Textarea)
            found.append(Row(str(field.label), choices, tall))
    return found


def _title(agency: Agency) -> str:
    return f"{agency.name}政府信息公开申请表"


NOTES = (
    "一份申请表请只申请一项政府信息，描述尽量详细、准确（文件名称、文号、日期等）。",
    "可当面提交，或邮寄、传真至本机关政府信息公开工作机构；"
    "信封请注明“政府信息公开申请”字样。",
)


def form_docx(agency: Agency) -> bytes:
    """The form as a Word document: a table with the applicant's details, the
    information asked for, the applicant's signature and date."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    heading = document.add_heading(_title(agency), level=1)
    heading.alignment = 1  # centred
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for section, names in (
        ("申请人信息", APPLICANT_FIELDS),
        ("所需信息情况", REQUEST_FIELDS),
    ):
        cells = table.add_row().cells
        merged = cells[0].merge(cells[1])
        merged.text = section
        merged.paragraphs[0].runs[0].bold = True
        for row in rows(names):
            cells = table.add_row().cells
            cells[0].text = row.label
            cells[1].text = "　".join(f"□{c}" for c in row.choices) or (
                "\n\n\n" if row.tall else ""
            )
    cells = table.add_row().cells
    cells[0].text = "申请人签名（盖章）"
    cells[1].text = "　　　　　　　　申请日期：　　年　　月　　日"
    for note in NOTES:
        document.add_paragraph(note)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PDF_CSS = """
@page { size: A4; margin: 25mm 22mm; }
html { font: 11pt/1.6 %(fonts)s; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 8mm; }
table { width: 100%%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 2mm 3mm; vertical-align: top; }
th { width: 32%%; text-align: left; font-weight: normal; }
.section { font-weight: bold; background: #eee; }
.tall { height: 40mm; }
.notes { margin-top: 6mm; font-size: 10pt; }
"""


def form_html(agency: Agency) -> str:
    """The form as one HTML page for WeasyPrint (never served to a browser)."""
    lines = []
    for section, names in (
        ("申请人信息", APPLICANT_FIELDS),
        ("所需信息情况", REQUEST_FIELDS),
    ):
        lines.append(f'<tr><td class="section" colspan="2">{section}</td></tr>')
        for row in rows(names):
            boxes = "　".join(f"□{escape(c)}" for c in row.choices)
            tall = ' class="tall"' if row.tall else ""
            lines.append(f"<tr><th>{escape(row.label)}</th><td{tall}>{boxes}</td></tr>")
    lines.append(
        "<tr><th>申请人签名（盖章）</th>"
        "<td>　　　　　　　　申请日期：　　年　　月　　日</td></tr>"
    )
    notes = "".join(f"<li>{escape(n)}</li>" for n in NOTES)
    fonts = ", ".join(f'"{f}"' for f in settings.GONGKAI_PDF_FONTS)
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(_title(agency))}</title>"
        f"<style>{PDF_CSS % {'fonts': fonts}}</style></head><body>"
        f"<h1>{escape(_title(agency))}</h1><table>{''.join(lines)}</table>"
        f'<ol class="notes">{notes}</ol></body></html>'
    )


def form_pdf(agency: Agency) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=form_html(agency)).write_pdf()
    return pdf


FORMATS: dict[str, tuple[str, Callable[[Agency], bytes]]] = {
    "docx": (DOCX, form_docx),
    "pdf": ("application/pdf", form_pdf),
}
