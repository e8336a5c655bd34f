"""The report as a Word document laid out like an official document (GB/T 9704).

A4 with the standard margins; the title in 方正小标宋简体 2号 centred; headings in 黑体
3号; the body in 仿宋_GB2312 3号 on a fixed 28pt line; tables in 宋体 五号 (10.5pt) with
the official merged cells, built from ``reports.layout`` (a merged cell appears once),
their header rows repeated on a page break. Chinese font names are set in ``w:eastAsia``
(Word uses ``w:ascii`` only for Latin text) and the font table names a common
substitute (``w:altName``) for each, so a machine without the official fonts falls
back to 宋体/仿宋/黑体 rather than to a Latin font.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.text.font import CT_RPr
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from ..data import Finding, ReportData
from ..formats import Format
from ..layout import CellKind, GridCell
from .outline import PrintedTable, outline
from .values import cell_text

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

LATIN_FONT = "Times New Roman"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "宋体"
# Word substitutes these when the official font is missing (w:altName).
FONT_SUBSTITUTES = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING_FONT: "SimHei"}

SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_5 = Pt(10.5)  # 五号
LINE = Pt(28)
CELL_MARGIN = 57  # twips: 1 mm on each side of a table cell's text

TITLE_STYLE = "报告标题"
HEADING_STYLE = "报告一级标题"
CAPTION_STYLE = "报告表题"
TABLE_STYLE = "报告表格文字"
NOTE_STYLE = "报告校验提示"


def render_docx(report: ReportData, fmt: Format) -> bytes:
    printed = outline(report, fmt)
    document = Document()
    _set_up_page(document)
    _set_up_styles(document)
    _name_font_substitutes(document)
    document.core_properties.title = printed.title
    document.core_properties.language = "zh-CN"

    document.add_paragraph(printed.title, style=TITLE_STYLE)
    _add_findings(document, printed.findings)
    for section in printed.sections:
        if section.heading:
            document.add_paragraph(section.heading, style=HEADING_STYLE)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
        if section.table:
            _add_table(document, section.table, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- page and styles -----------------------------------------------------------------


def _set_up_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_run_fonts(footer.add_run("— "), TABLE_FONT, SIZE_4)
    _add_page_field(footer)
    _set_run_fonts(footer.add_run(" —"), TABLE_FONT, SIZE_4)


def _add_page_field(paragraph: Paragraph) -> None:
    """A PAGE field, so Word and LibreOffice print the page number."""
    for xml in (
        f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>',
        f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>',
        f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>',
    ):
        run = paragraph.add_run()
        _set_run_fonts(run, TABLE_FONT, SIZE_4)
        run._r.append(parse_xml(xml))


def _set_up_styles(document: DocxDocument) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _set_style_font(normal, BODY_FONT, SIZE_3)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.first_line_indent = SIZE_3 * 2  # 首行缩进两字
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    title = _paragraph_style(document, TITLE_STYLE, TITLE_FONT, SIZE_2)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(35)
    title.paragraph_format.space_after = LINE

    heading = _paragraph_style(document, HEADING_STYLE, HEADING_FONT, SIZE_3)
    heading.paragraph_format.keep_with_next = True

    caption = _paragraph_style(document, CAPTION_STYLE, HEADING_FONT, SIZE_4)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.keep_with_next = True

    cells = _paragraph_style(document, TABLE_STYLE, TABLE_FONT, SIZE_5)
    cells.paragraph_format.first_line_indent = Pt(0)
    cells.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    cells.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    note = _paragraph_style(document, NOTE_STYLE, HEADING_FONT, Pt(12))
    note.paragraph_format.first_line_indent = Pt(0)
    note.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _paragraph_style(
    document: DocxDocument, name: str, font: str, size: Pt
) -> ParagraphStyle:
    style = cast(
        ParagraphStyle, document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    _set_style_font(style, font, size)
    return style


def _set_style_font(style: ParagraphStyle, east_asian: str, size: Pt) -> None:
    style.font.size = size
    style.font.name = LATIN_FONT
    rpr = style.element.get_or_add_rPr()
    _east_asian(rpr, east_asian)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _set_run_fonts(run: Run, east_asian: str, size: Pt) -> None:
    run.font.size = size
    run.font.name = LATIN_FONT
    _east_asian(run._r.get_or_add_rPr(), east_asian)


def _east_asian(rpr: CT_RPr, name: str) -> None:
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:hint"), "eastAsia")


def _name_font_substitutes(document: DocxDocument) -> None:
    """Declare the Chinese fonts in the font table with a substitute each."""
    part = next(
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype == RELATIONSHIP_TYPE.FONT_TABLE
    )
    fonts = parse_xml(part.blob)
    for name, substitute in FONT_SUBSTITUTES.items():
        fonts.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}">'
                f'<w:altName w:val="{substitute}"/><w:charset w:val="86"/>'
                '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
            )
        )
    # The font table is a plain part in python-docx: replace its bytes.
    part._blob = etree.tostring(
        fonts, xml_declaration=True, encoding="UTF-8", standalone=True
    )


# -- findings and tables -------------------------------------------------------------


def _add_findings(document: DocxDocument, findings: Iterable[Finding]) -> None:
    findings = list(findings)
    if not findings:
        return
    document.add_paragraph(f"校验发现的问题（{len(findings)}）", style=NOTE_STYLE)
    for finding in findings:
        severity = "错误" if finding.severity == "error" else "提示"
        document.add_paragraph(
            f"【{severity}】{finding.message}（{finding.rule}）", style=NOTE_STYLE
        )


def _add_table(
    document: DocxDocument, printed: PrintedTable, report: ReportData
) -> None:
    layout = printed.layout
    if printed.caption:
        document.add_paragraph(printed.caption, style=CAPTION_STYLE)
    table = document.add_table(rows=layout.n_rows, cols=layout.n_cols)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fix_layout(table)
    _set_column_widths(table, layout.column_weights)
    for cell in layout.cells:
        _fill(table, cell, cell_text(cell, report))
    for index, row in enumerate(table.rows):
        _keep_row_whole(table, index, repeat=index < layout.header_rows)
        if layout.keep_whole and index < layout.n_rows - 1:
            # Word keeps a table on one page when each row keeps with the next.
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _fill(table: DocxTable, cell: GridCell, text: str) -> None:
    target = table.cell(cell.row, cell.col)
    if cell.rowspan > 1 or cell.colspan > 1:
        target = target.merge(table.cell(cell.last_row, cell.last_col))
    target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = target.paragraphs[0]
    for extra in target.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    paragraph.style = TABLE_STYLE
    if cell.kind is CellKind.LABEL:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.left_indent = SIZE_5 * cell.indent
    if cell.block_title:
        paragraph.add_run(text).bold = True
    elif text:
        paragraph.add_run(text)


def _fix_layout(table: DocxTable) -> None:
    """A fixed layout keeps the widths we set instead of fitting to the content, and
    narrow cell margins (1 mm) leave a value column room for two characters."""
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    tbl_pr.append(
        parse_xml(
            f"<w:tblCellMar {nsdecls('w')}>"
            '<w:top w:w="0" w:type="dxa"/>'
            f'<w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/>'
            f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
            "</w:tblCellMar>"
        )
    )


def _set_column_widths(table: DocxTable, weights: tuple[float, ...]) -> None:
    total = sum(weights)
    widths = [int(TEXT_WIDTH * w / total) for w in weights]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _keep_row_whole(table: DocxTable, index: int, *, repeat: bool) -> None:
    """A row never splits across pages; header rows repeat on every page."""
    tr_pr = table.rows[index]._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    if repeat:
        tr_pr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
