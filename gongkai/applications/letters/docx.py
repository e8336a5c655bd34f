"""An official letter as DOCX, in the layout of GB/T 9704-2012 《党政机关公文格式》.

What the standard fixes and this module follows:

- A4 paper; the text block (版心) 156 mm × 225 mm, 37 mm from the top and 28 mm from
  the left edge (so 35 mm bottom and 26 mm right margins);
- 22 lines a page, 28 characters a line: 3号 (16 pt) 仿宋 with a fixed line pitch;
- the title in 2号 (22 pt) 小标宋, centred, one blank line below the document number;
- the addressee flush left, ending with a full-width colon; each paragraph indented
  by two characters;
- the date (in Arabic numerals) four characters from the right edge, the issuing
  agency centred above it;
- page numbers in 4号 (14 pt) 宋体 between em dashes, "— 1 —": odd pages on the right
  and even pages on the left, one character in from the edge.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
PAGE_NUMBER_FONT = "宋体"
BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
PAGE_NUMBER_SIZE = Pt(14)  # 4号
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
CHAR = Pt(16)  # one character of the body


def official_letter(
    *,
    number: str,
    title: str,
    recipient: str,
    paragraphs: list[str],
    signer: str,
    date_text: str,
) -> bytes:
    """The letter as DOCX bytes."""
    document = Document()
    _page_setup(document)
    _default_style(document)
    _line(document, number, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _line(document, "")
    _title(document, title)
    _line(document, "")
    _line(document, f"{recipient}：")
    for text in paragraphs:
        _line(document, text, first_line_indent=2 * CHAR)
    _line(document, "")
    _line(document, "")
    # The date four characters from the right; the agency centred above it.
    centred = 4 + max(0.0, (_width(date_text) - _width(signer)) / 2)
    _line(
        document,
        signer,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        right_indent=Pt(centred * CHAR.pt),
    )
    _line(document, date_text, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=4 * CHAR)
    _page_numbers(document)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _width(text: str) -> float:
    """A text's width in body characters: ASCII digits and letters are half wide."""
    return sum(0.5 if ch.isascii() else 1 for ch in text)


def _page_setup(document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(7)  # the number sits 7 mm below the text
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(LINE_PITCH.pt * 20)))


def _default_style(document) -> None:
    style = document.styles["Normal"]
    _font(style.font, style.element, BODY_FONT, BODY_SIZE)
    paragraph = style.paragraph_format
    paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.line_spacing = LINE_PITCH
    paragraph.space_before = paragraph.space_after = Pt(0)


def _font(font, element, name: str, size: Pt) -> None:
    font.name = name
    font.size = size
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _line(
    document,
    text: str,
    *,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_line_indent=None,
    right_indent=None,
):
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    if first_line_indent is not None:
        paragraph.paragraph_format.first_line_indent = first_line_indent
    if right_indent is not None:
        paragraph.paragraph_format.right_indent = right_indent
    if text:
        run = paragraph.add_run(text)
        _font(run.font, run._element, BODY_FONT, BODY_SIZE)
    return paragraph


def _title(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = Pt(35)  # a 2号 line in the 22-line grid
    run = paragraph.add_run(text)
    _font(run.font, run._element, TITLE_FONT, TITLE_SIZE)


def _page_numbers(document) -> None:
    """ "— N —": odd pages right, even pages left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align, indent in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        setattr(paragraph.paragraph_format, f"{indent}_indent", PAGE_NUMBER_SIZE)
        _run(paragraph, "— ")
        _page_field(paragraph)
        _run(paragraph, " —")


def _run(paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    _font(run.font, run._element, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    _font(run.font, run._element, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    number = paragraph.add_run("1")
    _font(number.font, number._element, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    end = paragraph.add_run()
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), "end")
    end._element.append(element)
