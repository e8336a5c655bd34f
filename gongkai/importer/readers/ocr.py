"""Scanned reports: image-only PDF pages and images of tables, read through OCR.

Many county reports are scanned printouts with a red seal on them. Each page is
rendered (pypdfium2) or taken as it is (an image file), then:

1. the seal is taken off (red ink: red well above green and blue) and the page
   straightened (the small angle at which the ruled lines are longest, found on a
   reduced copy);
2. the table's ruling lines are found with OpenCV (long horizontal and vertical
   strokes) and the cells are the white regions they enclose; a cell spans as many
   rows and columns of the grid as its rectangle covers, as in the PDF reader;
3. each cell, with the lines taken out, is read alone (``ocr_cells``): cut to its
   ink, as text with Tesseract's Simplified Chinese data (Debian's
   ``tesseract-ocr``, ``tesseract-ocr-chi-sim``) and, if it is one line, as a
   figure by several readings that must agree; the text outside tables, read
   at a smaller scale, makes the paragraphs;
4. each cell keeps Tesseract's confidence, lowered when its readings differ, so
   a figure read with doubt is flagged (``Position.confidence``) and never
   silently trusted: the parser reports it, and a figure that breaks a sum the
   table states is reported by the checks. Print that reads as nothing leaves
   the cell blank (its row is still read) and is named in the reader's note.

Pure Python (numpy, OpenCV, Pillow, the ``tesseract`` program), no Django.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .document import Block, Document, Paragraph, Position, Table, TableCell
from .errors import CellCounter, Limits, ReadError
from .ocr_cells import LANGUAGES, Word, cell_text, read_cells, recognise

__all__ = ["LANGUAGES", "read_image", "read_scanned_pdf", "tesseract_available"]

DPI = 250  # rendering of a scanned PDF page
# An image accepted for OCR: an A3 page at 600 dpi is 7016×9921 pixels; a table
# cut out of a scan is at least a few rows of print high.
MIN_SIDE = 100
MAX_SIDE = 12_000
MAX_PIXELS = 70_000_000
MAX_ANGLE = 3.0  # degrees a scan may be turned
LINE_SHARE = 0.04  # of the page's width or height: the shortest ruling line
MIN_CELL = 12  # pixels: a smaller white region between lines is no cell
EDGE_TOLERANCE = 8  # pixels within which two cell edges are one grid line
TEXT_SCALE = 0.55  # of the rendering, for the text outside tables


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int

    def holds(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom


def tesseract_available(command: str = "tesseract") -> bool:
    return shutil.which(command) is not None


def read_scanned_pdf(data: bytes, name: str, limits: Limits) -> Document:
    """A PDF whose pages are images, read through OCR."""
    import pypdfium2 as pdfium

    _require_tesseract()
    pdf = pdfium.PdfDocument(data)
    try:
        if len(pdf) > limits.max_pages:
            raise ReadError(
                f"PDF 共 {len(pdf)} 页，超过导入上限 {limits.max_pages} 页。"
            )
        document = Document(name=name, kind="pdf", pages=len(pdf))
        counter = CellCounter(limits)
        for number in range(len(pdf)):
            image = pdf[number].render(scale=DPI / 72).to_pil()
            document.blocks.extend(page_blocks(image, number + 1, counter))
    finally:
        pdf.close()
    document.notes.extend(_notes(document))
    return document


def read_image(data: bytes, name: str, limits: Limits) -> Document:
    """An image of a report page or of a table (PNG, JPEG, TIFF)."""
    from PIL import Image, UnidentifiedImageError

    _require_tesseract()
    try:
        image = Image.open(io.BytesIO(data))
        _check_size(*image.size)  # from the header, before the pixels are decoded
        image.load()
    except Image.DecompressionBombError:
        _check_size(MAX_SIDE + 1, MAX_SIDE + 1)
    except (UnidentifiedImageError, OSError, ValueError):
        raise ReadError("图片文件已损坏，无法读取。") from None
    document = Document(name=name, kind="image", pages=1)
    document.blocks.extend(page_blocks(image, 1, CellCounter(limits)))
    document.notes.extend(_notes(document))
    return document


OCR_NOTE = (
    "这是扫描件（图片），文字和数字由 OCR 识别：已去除红色印章、校正倾斜，"
    "按表格线划分单元格；识别把握不大的数字已单独列出，请核对。"
)


def _notes(document: Document) -> list[str]:
    """The OCR note, and the cells with print OCR could not read (left blank,
    so their rows are still read): where they are, for a person to fill in."""
    unread: dict[int, int] = {}
    for block in document.blocks:
        if isinstance(block, Table):
            for cell in block.cells:
                if not cell.text and cell.position.confidence == 0:
                    unread[cell.position.page or 0] = (
                        unread.get(cell.position.page or 0, 0) + 1
                    )
    if not unread:
        return [OCR_NOTE]
    where = "、".join(
        f"第 {page} 页 {count} 个" for page, count in sorted(unread.items())
    )
    return [
        OCR_NOTE,
        f"表格中有单元格印有字迹但未能识别（{where}），已留空，请对照扫描件填写。",
    ]


def _check_size(width: int, height: int) -> None:
    """A page or table no scanner makes is refused before it is decoded: a
    sliver OpenCV cannot scale, or more pixels than an A3 page at 600 dpi."""
    if min(width, height) < MIN_SIDE:
        raise ReadError(
            f"图片只有 {width}×{height} 像素，太小，不是扫描的页面或表格，无法识别。"
        )
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        raise ReadError(
            f"图片有 {width}×{height} 像素，超过扫描件的上限"
            f"（{MAX_PIXELS // 1_000_000} 百万像素），"
            "请以较低分辨率（200–300 dpi）重新扫描。"
        )


def _require_tesseract() -> None:
    if not tesseract_available():
        raise ReadError(
            "这是扫描图片型文件，需要 OCR 识别，但服务器未安装 Tesseract"
            "（make system-deps 会安装 tesseract-ocr 和 tesseract-ocr-chi-sim）。"
        )


def page_blocks(image: Any, page: int, counter: CellCounter) -> list[Block]:
    """The paragraphs and tables of one page image, in order down the page."""
    import numpy as np

    cleaned = straighten(without_seal(np.asarray(image.convert("RGB"))))
    lines = ruling_lines(cleaned)
    tables = [cells for cells in table_cells(lines) if len(cells) >= 4]
    text_only = cleaned.copy()
    text_only[lines > 0] = 255  # the rules confuse the recogniser
    blocks: list[tuple[int, Block]] = []
    outside = text_only.copy()
    for cells in tables:
        blocks.append(
            (min(c.top for c in cells), _table(cells, text_only, page, counter))
        )
        outside[
            min(c.top for c in cells) : max(c.bottom for c in cells),
            min(c.left for c in cells) : max(c.right for c in cells),
        ] = 255
    for top, text in _paragraphs(_recognise_text(outside)):
        blocks.append((top, Paragraph(text, Position(page=page))))
    return [block for _, block in sorted(blocks, key=lambda item: item[0])]


def _recognise_text(grey: Any) -> list[Word]:
    """The words of the page's text, read at a smaller scale: Tesseract reads
    letters best at some 30 pixels high, and a report's title and body are printed
    far larger than its tables (which are read at full scale)."""
    import cv2

    small = cv2.resize(
        grey, None, fx=TEXT_SCALE, fy=TEXT_SCALE, interpolation=cv2.INTER_AREA
    )
    return [
        Word(
            w.text,
            int(w.left / TEXT_SCALE),
            int(w.top / TEXT_SCALE),
            int(w.width / TEXT_SCALE),
            int(w.height / TEXT_SCALE),
            w.confidence,
            w.line,
        )
        for w in recognise(small, psm=3)
    ]


# -- the image ----------------------------------------------------------------------


def without_seal(rgb: Any) -> Any:
    """A grey page with red ink (a seal, a red heading) made white."""
    import numpy as np

    red, green, blue = (rgb[..., i].astype(np.int16) for i in range(3))
    # Red ink on paper; where it lies over black print (a line, a figure) the
    # pixel is dark, not red, and stays.
    seal = (red > 140) & (red - green > 60) & (red - blue > 60)
    grey = (0.299 * red + 0.587 * green + 0.114 * blue).astype(np.uint8)
    grey[seal] = 255
    return grey


def straighten(grey: Any) -> Any:
    """The page turned by the angle at which its dark rows are sharpest."""
    import cv2
    import numpy as np

    small = cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    dark = (small < 160).astype(np.float32)
    height, width = dark.shape
    best, best_score = 0.0, -1.0
    for tenth in range(int(-MAX_ANGLE * 10), int(MAX_ANGLE * 10) + 1):
        angle = tenth / 10
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        turned = cv2.warpAffine(dark, matrix, (width, height))
        score = float(np.var(turned.sum(axis=1)))
        if score > best_score:
            best, best_score = angle, score
    if best == 0.0:
        return grey
    height, width = grey.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), best, 1.0)
    return cv2.warpAffine(
        grey, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=255
    )


def ruling_lines(grey: Any) -> Any:
    """A mask of the long horizontal and vertical strokes: the tables' rules."""
    import cv2

    ink = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15
    )
    height, width = grey.shape
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (int(width * LINE_SHARE), 1))
    down = cv2.getStructuringElement(cv2.MORPH_RECT, (1, int(height * LINE_SHARE / 2)))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, across)
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, down)
    # Close short breaks (a faded stroke, a seal's edge) along each direction.
    horizontal = cv2.morphologyEx(
        horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 1))
    )
    vertical = cv2.morphologyEx(
        vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 25))
    )
    mask = cv2.bitwise_or(horizontal, vertical)
    return cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))


def table_cells(lines: Any) -> Iterator[list[Box]]:
    """The cells of each table: white regions enclosed by its rules."""
    import cv2
    import numpy as np

    outlines, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    for outline in outlines:
        x, y, w, h = cv2.boundingRect(outline)
        if w < 100 or h < 40:
            continue
        region = 255 - lines[y : y + h, x : x + w]
        count, _, stats, _ = cv2.connectedComponentsWithStats(
            (region > 0).astype(np.uint8), connectivity=4
        )
        cells = []
        for label in range(1, count):
            left, top, width, height, _area = stats[label]
            touches = left == 0 or top == 0 or left + width >= w or top + height >= h
            if width < MIN_CELL or height < MIN_CELL or touches:
                continue
            cells.append(Box(x + left, y + top, x + left + width, y + top + height))
        if cells:
            yield cells


# -- tables and paragraphs ------------------------------------------------------------


INSET = 4  # pixels trimmed off each side of a cell: what is left of its rules


def _table(cells: list[Box], grey: Any, page: int, counter: CellCounter) -> Table:
    """The table whose cells are ``cells``, each read from its own cut
    (``ocr_cells``)."""
    rows = _grid([c.top for c in cells] + [c.bottom for c in cells])
    columns = _grid([c.left for c in cells] + [c.right for c in cells])
    ordered = sorted(cells, key=lambda c: (c.top, c.left))
    readings = read_cells(
        [
            grey[
                cell.top + INSET : max(cell.top + INSET + 1, cell.bottom - INSET),
                cell.left + INSET : max(cell.left + INSET + 1, cell.right - INSET),
            ]
            for cell in ordered
        ]
    )
    built = []
    for cell, reading in zip(ordered, readings, strict=True):
        row, row_end = _index(rows, cell.top), _index(rows, cell.bottom)
        column, column_end = _index(columns, cell.left), _index(columns, cell.right)
        counter.add()
        confidence = reading.confidence
        built.append(
            TableCell(
                reading.text,
                row=row,
                column=column,
                rowspan=max(1, row_end - row),
                colspan=max(1, column_end - column),
                position=Position(
                    page=page,
                    confidence=None if confidence is None else round(confidence, 1),
                ),
            )
        )
    built.sort(key=lambda c: (c.row, c.column))
    return Table(tuple(built), Position(page=page))


def _grid(edges: list[int]) -> list[int]:
    """Edges closer than ``EDGE_TOLERANCE`` are one grid line."""
    lines: list[int] = []
    for edge in sorted(edges):
        if not lines or edge - lines[-1] > EDGE_TOLERANCE:
            lines.append(edge)
    return lines


def _index(lines: list[int], edge: int) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - edge))


def _paragraphs(words: list[Word]) -> Iterator[tuple[int, str]]:
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    for line in lines.values():
        text = cell_text(line)
        if text.strip():
            yield min(w.top for w in line), text
