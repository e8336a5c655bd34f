"""Scanned reports: image-only PDF pages and images of tables, read through OCR.

Many county reports are scanned printouts with a red seal on them. Each page is
rendered (pypdfium2) or taken as it is (an image file), then:

1. the seal is taken off (red ink: red well above green and blue) and the page
   straightened (the small angle at which the ruled lines are longest, found on a
   reduced copy);
2. the table's ruling lines are found with OpenCV (long horizontal and vertical
   strokes) and the cells are the white regions they enclose; a cell spans as many
   rows and columns of the grid as its rectangle covers, as in the PDF reader;
3. the page, with the lines taken out, is read once by Tesseract with its
   Simplified Chinese data (Debian's ``tesseract-ocr``, ``tesseract-ocr-chi-sim``),
   and each word goes to the cell its centre lies in; words outside tables make
   the paragraphs;
4. each cell keeps the confidence Tesseract gave its least certain word, so a
   figure read with doubt is flagged (``Position.confidence``) and never silently
   trusted: the parser reports it, and a figure that breaks a sum the table states
   is reported by the checks.

Pure Python (numpy, OpenCV, Pillow, the ``tesseract`` program), no Django.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .document import Block, Document, Paragraph, Position, Table, TableCell
from .errors import CellCounter, Limits, ReadError

DPI = 250  # rendering of a scanned PDF page
MAX_ANGLE = 3.0  # degrees a scan may be turned
LINE_SHARE = 0.04  # of the page's width or height: the shortest ruling line
MIN_CELL = 12  # pixels: a smaller white region between lines is no cell
EDGE_TOLERANCE = 8  # pixels within which two cell edges are one grid line
LANGUAGES = "chi_sim"
FIGURE_CHARS = "0123456789.,-/"
FIGURE = re.compile(r"^[+\-]?[\d,]+(?:\.\d+)?$|^[-/—]$")
CJK = re.compile(r"[\u4e00-\u9fff]")
SURE = 60.0  # Tesseract confidence under which a cell's words are doubted
INK_PIXELS = 30  # dark pixels in a cell read as empty for it to be read again
TEXT_SCALE = 0.55  # of the rendering, for the text outside tables


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    line: tuple[int, int, int]  # Tesseract's block, paragraph and line

    @property
    def centre(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2


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
    document.notes.append(OCR_NOTE)
    return document


def read_image(data: bytes, name: str, limits: Limits) -> Document:
    """An image of a report page or of a table (PNG, JPEG, TIFF)."""
    from PIL import Image, UnidentifiedImageError

    _require_tesseract()
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError):
        raise ReadError("图片文件已损坏，无法读取。") from None
    document = Document(name=name, kind="image", pages=1)
    document.blocks.extend(page_blocks(image, 1, CellCounter(limits)))
    document.notes.append(OCR_NOTE)
    return document


OCR_NOTE = (
    "这是扫描件（图片），文字和数字由 OCR 识别：已去除红色印章、校正倾斜，"
    "按表格线划分单元格；识别把握不大的数字已单独列出，请核对。"
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


def recognise(grey: Any, *, psm: int, figures: bool = False) -> list[Word]:
    """Tesseract's words in the image, with their boxes and confidences; ``psm``
    is its page segmentation mode (3: a page, 6: one block of lines, 7: one line).
    ``figures``: read only digits and the marks figures are printed with, with
    Tesseract's Latin model, which reads digits better than the Chinese one."""
    from PIL import Image

    options = ["-l", LANGUAGES]
    if figures:
        options = ["-l", "eng", "-c", f"tessedit_char_whitelist={FIGURE_CHARS}"]
    with tempfile.TemporaryDirectory(prefix="gongkai-ocr-") as folder:
        path = Path(folder) / "page.png"
        Image.fromarray(grey).save(path)
        finished = subprocess.run(
            ["tesseract", str(path), "-", *options, "--psm", str(psm), "tsv"],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
    if finished.returncode != 0:
        raise ReadError("OCR 识别失败：Tesseract 无法读取这一页。")
    words = []
    for row in csv.DictReader(io.StringIO(finished.stdout), delimiter="\t",
                              quoting=csv.QUOTE_NONE):  # fmt: skip
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        words.append(
            Word(
                text,
                int(row["left"]),
                int(row["top"]),
                int(row["width"]),
                int(row["height"]),
                float(row["conf"]),
                (int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
            )
        )
    return words


# -- tables and paragraphs ------------------------------------------------------------


BAND_GAP = 40  # pixels of white between two cells stacked for the recogniser
INSET = 4  # pixels trimmed off each side of a cell: what is left of its rules


def _table(cells: list[Box], grey: Any, page: int, counter: CellCounter) -> Table:
    """The table whose cells are ``cells``. Each cell is cut out and the cuts are
    stacked one above the other with white between them, so Tesseract reads every
    cell as lines of its own in one run, and no word runs from one cell into the
    next."""
    import numpy as np

    rows = _grid([c.top for c in cells] + [c.bottom for c in cells])
    columns = _grid([c.left for c in cells] + [c.right for c in cells])
    ordered = sorted(cells, key=lambda c: (c.top, c.left))
    width = max(c.right - c.left for c in ordered) + 2 * BAND_GAP
    bands: list[tuple[int, int]] = []
    pieces = []
    y = BAND_GAP
    for cell in ordered:
        crop = grey[
            cell.top + INSET : max(cell.top + INSET + 1, cell.bottom - INSET),
            cell.left + INSET : max(cell.left + INSET + 1, cell.right - INSET),
        ]
        band = np.full((crop.shape[0] + BAND_GAP, width), 255, dtype=np.uint8)
        band[: crop.shape[0], BAND_GAP : BAND_GAP + crop.shape[1]] = crop
        pieces.append(band)
        bands.append((y, y + crop.shape[0]))
        y += band.shape[0]
    stacked = np.vstack([np.full((BAND_GAP, width), 255, dtype=np.uint8), *pieces])
    words = recognise(stacked, psm=6)
    figures = recognise(stacked, psm=6, figures=True)
    built = []
    for cell, piece, (top, bottom) in zip(ordered, pieces, bands, strict=True):
        text, confidence = _best_reading(
            [w for w in words if top - 2 <= w.centre[1] <= bottom + 2],
            [w for w in figures if top - 2 <= w.centre[1] <= bottom + 2],
        )
        alone = piece[: bottom - top + BAND_GAP // 2]
        inked = bool((alone < 128).sum() > INK_PIXELS)
        if (text or inked) and (confidence or 0) < SURE:
            # Doubted, or ink read as nothing (a lone "1"): read the cell alone,
            # as a line, then as a single character.
            for psm in (7, 10):
                again = _best_reading(
                    recognise(alone, psm=psm), recognise(alone, psm=psm, figures=True)
                )
                if again[0] and (again[1] or 0) > (confidence or 0):
                    text, confidence = again
                if text and (confidence or 0) >= SURE:
                    break
        row, row_end = _index(rows, cell.top), _index(rows, cell.bottom)
        column, column_end = _index(columns, cell.left), _index(columns, cell.right)
        counter.add()
        built.append(
            TableCell(
                text,
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


def _best_reading(words: list[Word], figures: list[Word]) -> tuple[str, float | None]:
    """A cell's text and confidence: the Chinese reading when it reads as words,
    the figures reading when that reads as a figure."""
    text = _cell_text(words)
    confidence = min((w.confidence for w in words), default=None)
    if CJK.search(text) and (confidence or 0) >= SURE:
        return text, confidence
    number = _cell_text(figures).replace(" ", "")
    if FIGURE.match(number):
        return number, min(w.confidence for w in figures)
    return text, confidence


def _grid(edges: list[int]) -> list[int]:
    """Edges closer than ``EDGE_TOLERANCE`` are one grid line."""
    lines: list[int] = []
    for edge in sorted(edges):
        if not lines or edge - lines[-1] > EDGE_TOLERANCE:
            lines.append(edge)
    return lines


def _index(lines: list[int], edge: int) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - edge))


def _cell_text(words: list[Word]) -> str:
    """Words in reading order: Tesseract's lines as it found them, each left to
    right; Chinese runs on without spaces, as printed."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:  # in Tesseract's order
        lines.setdefault(word.line, []).append(word)
    text = ""
    for line in lines.values():
        for word in sorted(line, key=lambda w: w.left):
            if (
                text
                and text[-1].isascii()
                and text[-1].isalnum()
                and word.text[0].isascii()
            ):
                text += " "
            text += word.text
    return text


def _paragraphs(words: list[Word]) -> Iterator[tuple[int, str]]:
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    for line in lines.values():
        text = _cell_text(line)
        if text.strip():
            yield min(w.top for w in line), text
