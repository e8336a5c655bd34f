"""PDF files: text and ruled tables with pdfplumber, pypdfium2 where it cannot.

Each page gives its ruled tables (pdfplumber's line strategy) and the text lines
outside them, in order down the page. A table's merged cells are rebuilt from the
cell rectangles: a cell spans as many grid rows and columns as its rectangle
covers, so 「三、本年度办理结果」 printed vertically over 22 rows is one cell (its
text, split per character by the PDF, is joined again). Text lines that run to the
right margin continue into the next line, so a sentence wrapped across lines is
one paragraph.

Fallbacks, each noted on the document:

- a page whose fonts lack Unicode maps (pdfplumber prints ``(cid:123)``) is read
  with pypdfium2's text layer instead, as plain lines;
- a file pdfplumber cannot open (truncated, damaged cross-reference table) is read
  with pypdfium2, which repairs what it can.

A PDF with no text but images is a scanned report: it is read through OCR
(``readers.ocr``); one with neither is an error.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .document import Block, Document, Paragraph, Position, Table, TableCell
from .errors import CellCounter, Limits, ReadError
from .ocr import read_scanned_pdf

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]+\s*\d+\s*[-—–－]+|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?"
    r"|\d+\s*/\s*\d+)\s*$"
)
_NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])"
)
CID_SHARE = 0.05  # of characters printed as (cid:n): the fonts lack Unicode maps
MARGIN_CHARS = 2.5  # a line ending this many characters short of the margin ends
_QUIET = ("pdfminer", "pdfplumber", "pypdfium2")


def read_pdf(data: bytes, name: str, limits: Limits) -> Document:
    for logger in _QUIET:  # pdfminer logs every damaged object it skips
        logging.getLogger(logger).setLevel(logging.ERROR)
    try:
        return _read_with_pdfplumber(data, name, limits)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises anything on a damaged file
        document = _read_with_pdfium(data, name, limits)
        document.notes.append(
            f"pdfplumber 无法读取此 PDF（{type(exc).__name__}），已改用 pypdfium2 "
            "读取文字，表格按文字行识别。"
        )
        return document


# -- pdfplumber ----------------------------------------------------------------------


def _read_with_pdfplumber(data: bytes, name: str, limits: Limits) -> Document:
    import pdfplumber

    counter = CellCounter(limits)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        _check_pages(len(pdf.pages), limits)
        document = Document(name=name, kind="pdf", pages=len(pdf.pages))
        title = (pdf.metadata or {}).get("Title")
        if isinstance(title, str) and title.strip():
            document.metadata["title"] = title.strip()
        fallback_pages: list[int] = []
        chars = images = 0
        for number, page in enumerate(pdf.pages, start=1):
            chars += len(page.chars)
            images += len(page.images)
            if _lacks_unicode(page):
                fallback_pages.append(number)
                document.blocks.extend(_pdfium_page_blocks(data, number))
                continue
            document.blocks.extend(_page_blocks(page, number, counter))
    if chars == 0 and images:
        return read_scanned_pdf(data, name, limits)  # a scan: read through OCR
    if chars == 0:
        raise ReadError(_no_text_message(images))
    if fallback_pages:
        pages = "、".join(str(p) for p in fallback_pages)
        document.notes.append(
            f"第 {pages} 页的字体缺少 Unicode 映射，已改用 pypdfium2 读取文字。"
        )
    return document


def _check_pages(count: int, limits: Limits) -> None:
    if count > limits.max_pages:
        raise ReadError(
            f"PDF 共 {count} 页，超过导入上限 {limits.max_pages} 页"
            "（GONGKAI_IMPORT_MAX_PAGES），不像是一份年度报告。"
        )


def _no_text_message(images: int) -> str:
    return "PDF 中没有任何文字。"


def _lacks_unicode(page: Any) -> bool:
    text = "".join(c.get("text", "") for c in page.chars[:4000])
    return bool(text) and text.count("(cid:") * 7 / len(text) > CID_SHARE


@dataclass(frozen=True)
class _Line:
    text: str
    top: float
    x0: float
    x1: float
    size: float


def _page_blocks(page: Any, number: int, counter: CellCounter) -> list[Block]:
    tables = page.find_tables()
    placed: list[tuple[float, Block]] = []
    for table in tables:
        cells = tuple(_table_cells(table, number, counter))
        if cells:
            placed.append((table.bbox[1], Table(cells, Position(page=number))))
    boxes = [t.bbox for t in tables]
    outside = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    lines = [
        _Line(
            line["text"],
            line["top"],
            line["x0"],
            line["x1"],
            _size(line),
        )
        for line in outside.extract_text_lines(return_chars=True)
        if line["text"].strip() and not _PAGE_NUMBER.match(line["text"])
    ]
    placed.extend(
        (top, Paragraph(text, Position(page=number)))
        for top, text in _paragraphs(lines)
    )
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _size(line: dict[str, Any]) -> float:
    chars = line.get("chars") or []
    sizes = [c.get("size", 0) for c in chars if c.get("size")]
    return sum(sizes) / len(sizes) if sizes else 10.0


def _inside(
    obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]
) -> bool:
    if "x0" not in obj or "top" not in obj:
        return False
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _paragraphs(lines: list[_Line]) -> Iterator[tuple[float, str]]:
    """Lines joined into paragraphs: a line of prose that reaches the right margin
    runs on into the next one. A line that ends a sentence, ends in a figure (a
    table row printed without rules), or falls short of the margin ends its
    paragraph, and so does one followed by a numbered line."""
    if not lines:
        return
    right = max(line.x1 for line in lines)
    text, top = "", lines[0].top
    for line, following in zip(lines, [*lines[1:], None], strict=True):
        if not text:
            top = line.top
        text += line.text.strip()
        if not _runs_on(line, following, right):
            yield top, text
            text = ""
    if text:
        yield top, text


def _runs_on(line: _Line, following: _Line | None, right: float) -> bool:
    stripped = line.text.strip()
    return (
        following is not None
        and line.x1 >= right - MARGIN_CHARS * line.size
        and not stripped.endswith(("。", "：", ":"))
        and not stripped[-1:].isdigit()
        and not _NUMBERED.match(following.text)
    )


def _table_cells(table: Any, page: int, counter: CellCounter) -> Iterator[TableCell]:
    """The table's cells with their spans, from the cells' rectangles."""
    texts = table.extract()
    xs = sorted({round(v, 1) for c in table.cells for v in (c[0], c[2])})
    ys = sorted({round(v, 1) for c in table.cells for v in (c[1], c[3])})
    for row, row_texts in zip(table.rows, texts, strict=False):
        for box, text in zip(row.cells, row_texts, strict=False):
            if box is None:
                continue
            counter.add(1)
            x0, top, x1, bottom = (round(v, 1) for v in box)
            r, c = _index(ys, top), _index(xs, x0)
            yield TableCell(
                text=" ".join((text or "").split()),
                row=r,
                column=c,
                rowspan=max(1, _index(ys, bottom) - r),
                colspan=max(1, _index(xs, x1) - c),
                position=Position(page=page, row=r + 1, column=c + 1),
            )


def _index(values: list[float], value: float) -> int:
    return min(range(len(values)), key=lambda i: abs(values[i] - value))


# -- pypdfium2 -----------------------------------------------------------------------


def _read_with_pdfium(data: bytes, name: str, limits: Limits) -> Document:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception:  # pdfium reports damage as PdfiumError and others
        raise ReadError(
            "PDF 文件已损坏或不完整，无法读取。请重新下载完整的文件。"
        ) from None
    try:
        _check_pages(len(pdf), limits)
        document = Document(name=name, kind="pdf", pages=len(pdf))
        for number in range(1, len(pdf) + 1):
            document.blocks.extend(_pdfium_lines(pdf, number))
    finally:
        pdf.close()
    if document.is_empty():
        return read_scanned_pdf(data, name, limits)
    return document


def _pdfium_page_blocks(data: bytes, number: int) -> list[Block]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return list(_pdfium_lines(pdf, number))
    finally:
        pdf.close()


def _pdfium_lines(pdf: Any, number: int) -> Iterator[Block]:
    page = pdf[number - 1]
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
        page.close()
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip() and not _PAGE_NUMBER.match(line):
            yield Paragraph(line.strip(), Position(page=number))
