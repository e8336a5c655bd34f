"""The cells of a scanned table, read one by one.

Tesseract reads a page best when its lines are some 30 pixels high and stand
alone; a table's cell is neither: a lone "0" or "3" in a wide empty box is
dropped as a speck, and a Chinese reading of a digit gives a character ("下" for
"3"). So each cell is cut to its ink, padded and scaled to one height, and read:

1. every one-line cell as a figure, with the Latin data and only the characters
   figures are printed with, each cut a page of its own (one run of Tesseract
   for all cells): as a line 24 pixels high and as a word 48 high;
2. every cell not surely a figure (both readings the same, sure, as narrow as
   digits are) as text, with the Simplified Chinese data, all such cells stacked
   in one image (one run); a header printed one character a line is first set
   on one line;
3. a one-line cell still in doubt as a figure twice more, at other settings;
   its Chinese reading, when that gives digits, is one more vote;
4. a cell is words when its Chinese reading gives two characters or more (a
   lone character read with doubt is a misread digit, "下" for "3"), else the
   figure most readings give, of a width its digits can have (a "9" is no
   dash); its confidence is Tesseract's, lowered to 40 when the readings
   differ, so the figure is listed for checking — never silently trusted. Ink
   that reads as nothing is given back empty with confidence 0: the cell stays
   blank and its row is still read.

Pure Python (numpy, OpenCV, Pillow, the ``tesseract`` program), no Django.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ReadError

LANGUAGES = "chi_sim"
FIGURE_CHARS = "0123456789.,+-/"
FIGURE = re.compile(r"^[+\-]?[\d,]+(?:\.\d+)?$|^[-/—]$")
CJK = re.compile(r"[\u4e00-\u9fff]")
INK = 150  # grey level under which a pixel is ink
SPECK = 6  # pixels: a smaller blot of ink is dirt, not print
LINE_HEIGHT = 34  # pixels: the height a line of ink is scaled to for Tesseract
LINE_SHARE = 1.6  # of a character's height: the tallest a line of print is
PAD = 0.6  # of the line's height: white left around the ink
BAND_GAP = 40  # pixels of white between two cells stacked for the text reading
SURE = 60.0  # Tesseract confidence under which a reading is doubted
CHARACTER_SURE = 90.0  # a single Chinese character outweighs a figure only above this
# The confidence a figure is given when its readings differ: under the parser's
# OCR_DOUBT, so the figure is listed for checking.
DISAGREE = 40.0
# How each one-line cell is read as a figure (Tesseract's page segmentation mode,
# the height of its line in pixels): the first two for every cell, the others
# only where those two differ. Measured on the team's reports rasterised at 200
# and 300 dpi: a line 24 pixels high is read right most often (781 of 784
# figures); the others err elsewhere than it does.
FIGURE_READINGS = ((7, 24), (8, 48))
DISPUTE_READINGS = ((13, 24), (7, 34))
SURE_WIDTH = 0.8  # a figure this wide a digit or narrower is no lone character
# A printed figure's width in its height, per digit: 0.44–0.69 measured on the
# team's reports at 200–300 dpi; the range leaves room for other fonts.
DIGIT_WIDTH = (0.3, 0.8)
DASH_WIDTH = 1.5  # a dash is at least this much wider than high
LONGEST_FIGURE = 7  # characters: "12,345" and a sign


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    line: tuple[int, int, int]  # Tesseract's block, paragraph and line
    page: int = 1

    @property
    def centre(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2


@dataclass(frozen=True)
class CellReading:
    text: str
    confidence: float | None  # None: nothing printed in the cell


@dataclass(frozen=True)
class Ink:
    """A cell's print, cut to its ink: ``lines`` bands of it, top to bottom."""

    image: Any  # grey, the ink with a white margin, scaled to ``LINE_HEIGHT``
    lines: list[tuple[int, int]]  # rows of each line in the unscaled crop
    vertical: bool  # one character a line: a header printed upright


def recognise(grey: Any, *, psm: int, figures: bool = False) -> list[Word]:
    """Tesseract's words in one image (see ``recognise_many``)."""
    return recognise_many([grey], psm=psm, figures=figures)


def recognise_many(images: list[Any], *, psm: int, figures: bool = False) -> list[Word]:
    """Tesseract's words in each image, with their boxes and confidences, in one
    run (each image a page: ``Word.page`` counts from 1); ``psm`` is its page
    segmentation mode (3: a page, 6: one block of lines, 7: one line, 8: one
    word). ``figures``: read only digits and the marks figures are printed with,
    with Tesseract's Latin model, which reads digits better than the Chinese one."""
    from PIL import Image

    if not images:
        return []
    options = ["-l", LANGUAGES]
    if figures:
        options = ["-l", "eng", "-c", f"tessedit_char_whitelist={FIGURE_CHARS}"]
    with tempfile.TemporaryDirectory(prefix="gongkai-ocr-") as folder:
        paths = []
        for number, image in enumerate(images):
            path = Path(folder) / f"{number}.png"
            Image.fromarray(image).save(path)
            paths.append(str(path))
        listing = Path(folder) / "pages.txt"
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        source = str(listing) if len(paths) > 1 else paths[0]
        finished = subprocess.run(
            ["tesseract", source, "-", *options, "--psm", str(psm), "tsv"],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
            # One thread: Tesseract's OpenMP threads spin while they wait, and
            # on two shared cores took three times the processor time for the
            # same reading.
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
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
                int(row["page_num"]),
            )
        )
    return words


# -- a cell's ink ---------------------------------------------------------------------


def cell_ink(crop: Any) -> Ink | None:
    """The print in a cell's crop, or None when the cell is empty."""
    import cv2
    import numpy as np

    mask = (crop < INK).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    height, width = mask.shape
    keep = np.zeros(count, dtype=bool)
    for label in range(1, count):
        left, top, w, h, area = stats[label]
        at_edge = left == 0 or top == 0 or left + w >= width or top + h >= height
        # What is left of a rule along the cell's edge: thin and touching it.
        remnant = at_edge and min(w, h) <= 3
        keep[label] = area >= SPECK and not remnant
    ink = keep[labels]
    if not ink.any():
        return None
    rows = np.flatnonzero(ink.any(axis=1))
    columns = np.flatnonzero(ink.any(axis=0))
    # A character's height: its tallest piece of ink ("十" of "计"; the dots
    # and boxes of "总" are part-height).
    glyph = max(int(stats[label][3]) for label in range(1, count) if keep[label])
    lines = _lines(ink.any(axis=1), glyph)
    top, bottom = int(rows[0]), int(rows[-1]) + 1
    left, right = int(columns[0]), int(columns[-1]) + 1
    cut = np.where(ink, crop, 255).astype(np.uint8)[top:bottom, left:right]
    line_height = max(b - a for a, b in lines)
    vertical = len(lines) >= 2 and all(
        (ink[a:b].any(axis=0)).sum() <= 1.4 * max(b - a, line_height * 0.8)
        for a, b in lines
    )
    if vertical:
        cut = _side_by_side(np.where(ink, crop, 255).astype(np.uint8), ink, lines)
        lines = [(0, cut.shape[0])]
        line_height = cut.shape[0]
    return Ink(_scaled(cut, line_height, LINE_HEIGHT), lines, vertical)


def _lines(inked_rows: Any, glyph: int) -> list[tuple[int, int]]:
    """Bands of rows with ink, a character's strokes kept together ("三" is one
    line): a gap narrower than a third of a ``glyph`` (the height of the cell's
    tallest piece of ink) parts nothing, unless the joined band would be taller
    than a line — two lines of a label set close stay two."""
    bands: list[list[int]] = []
    start = None
    for y, inked in enumerate([*list(inked_rows), False]):
        if inked and start is None:
            start = y
        elif not inked and start is not None:
            bands.append([start, y])
            start = None
    merged: list[list[int]] = []
    for band in bands:
        if merged:
            last = merged[-1]
            close = band[0] - last[1] < glyph / 3
            if close and band[1] - last[0] <= LINE_SHARE * glyph:
                last[1] = band[1]
                continue
        merged.append(band)
    return [(a, b) for a, b in merged]


def _side_by_side(grey: Any, ink: Any, lines: list[tuple[int, int]]) -> Any:
    """A header printed one character a line, set on one line, left to right."""
    import numpy as np

    pieces = []
    height = max(b - a for a, b in lines)
    for a, b in lines:
        columns = np.flatnonzero(ink[a:b].any(axis=0))
        piece = np.full((height, int(columns[-1] - columns[0]) + 1), 255, np.uint8)
        top = (height - (b - a)) // 2
        piece[top : top + b - a] = grey[a:b, columns[0] : columns[-1] + 1]
        pieces.append(piece)
        pieces.append(np.full((height, max(2, height // 6)), 255, np.uint8))
    return np.hstack(pieces[:-1])


def _scaled(cut: Any, line_height: int, target: int) -> Any:
    """``cut`` scaled so a line of it is ``target`` pixels high, with a margin."""
    import cv2
    import numpy as np

    factor = target / max(1, line_height)
    if abs(factor - 1) > 0.05:
        cut = cv2.resize(
            cut,
            None,
            fx=factor,
            fy=factor,
            interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA,
        )
    pad = int(target * PAD)
    return np.pad(cut, pad, constant_values=255)


# -- reading ---------------------------------------------------------------------------


def read_cells(crops: list[Any]) -> list[CellReading]:
    """Each cell's text and confidence, from the crops of its print."""
    inks = [cell_ink(crop) for crop in crops]
    lines = {n: ink for n, ink in enumerate(inks) if ink and len(ink.lines) == 1}
    one_line = list(lines)
    votes: dict[int, list[CellReading]] = {n: [] for n in one_line}
    for psm, height in FIGURE_READINGS:
        readings = _figure_readings(list(lines.values()), psm, height)
        for n, reading in zip(one_line, readings, strict=True):
            votes[n].append(reading)
    # Only a cell not surely a figure is read as text: it may be a label, or "无".
    sure = {n for n in one_line if _surely_figure(votes[n], _aspect(lines[n]))}
    texts = _text_readings([None if n in sure else ink for n, ink in enumerate(inks)])
    disputed = [n for n in one_line if _disputed(votes[n], _aspect(lines[n]))]
    for psm, height in DISPUTE_READINGS:
        again = _figure_readings([lines[n] for n in disputed], psm, height)
        for n, reading in zip(disputed, again, strict=True):
            votes[n].append(reading)
    cells = []
    for n, ink in enumerate(inks):
        if ink is None:
            cells.append(CellReading("", None))
        elif n in votes:
            cells.append(
                _chosen(texts.get(n, CellReading("", 0.0)), votes[n], _aspect(ink))
            )
        else:
            cells.append(texts[n])
    return cells


def _text_readings(inks: list[Ink | None]) -> dict[int, CellReading]:
    """Every inked cell read as text: the cuts stacked one above the other with
    white between them, read in one run, so no word runs into the next cell."""
    import numpy as np

    present = [(n, ink) for n, ink in enumerate(inks) if ink is not None]
    if not present:
        return {}
    width = max(ink.image.shape[1] for _, ink in present) + 2 * BAND_GAP
    pieces = [np.full((BAND_GAP, width), 255, dtype=np.uint8)]
    bands: list[tuple[int, int, int]] = []
    y = BAND_GAP
    for n, ink in present:
        image = ink.image
        band = np.full((image.shape[0] + BAND_GAP, width), 255, dtype=np.uint8)
        band[: image.shape[0], BAND_GAP : BAND_GAP + image.shape[1]] = image
        pieces.append(band)
        bands.append((n, y, y + image.shape[0]))
        y += band.shape[0]
    words = recognise(np.vstack(pieces), psm=6)
    readings = {}
    for n, top, bottom in bands:
        mine = [w for w in words if top - 2 <= w.centre[1] <= bottom + 2]
        readings[n] = CellReading(
            cell_text(mine), min((w.confidence for w in mine), default=0.0)
        )
    return readings


def _figure_readings(inks: list[Ink], psm: int, height: int) -> list[CellReading]:
    """Each one-line cell read as a figure, each its own page. A mark after the
    last digit ("15." "90,") is a speck read as a point: no figure ends so."""
    images = []
    for ink in inks:
        image = ink.image
        if height != LINE_HEIGHT:
            image = _scaled(_unpadded(image), LINE_HEIGHT, height)
        images.append(image)
    if not images:
        return []
    words = recognise_many(images, psm=psm, figures=True)
    readings = []
    for page in range(1, len(images) + 1):
        mine = [w for w in words if w.page == page]
        text = cell_text(mine).replace(" ", "").rstrip(".,")
        confidence = min((w.confidence for w in mine), default=0.0)
        readings.append(CellReading(text, confidence))
    return readings


def _unpadded(image: Any) -> Any:
    pad = int(LINE_HEIGHT * PAD)
    return image[pad:-pad, pad:-pad]


def _aspect(ink: Ink) -> float:
    """The print's width in lines' heights."""
    image = _unpadded(ink.image)
    return image.shape[1] / max(1, image.shape[0])


def _chosen(text: CellReading, votes: list[CellReading], aspect: float) -> CellReading:
    """A one-line cell: its Chinese reading when that reads as words, else the
    figure most of its figure readings give, doubted unless they all agree. Ink
    read as nothing is given back empty with confidence 0: the cell stays blank,
    and its row is still read."""
    characters = len(CJK.findall(text.text))
    sure = text.confidence or 0
    if characters >= 2 and (sure >= SURE or not _surely_figure(votes, aspect)):
        return text  # a label, read with doubt or not
    if characters == 1 and sure >= CHARACTER_SURE and not _agreed(votes):
        return text  # "无" printed for none
    # The Chinese reading, when it reads digits, is one more vote.
    readings = [*votes, text] if FIGURE.match(text.text) else votes
    candidates = [v for v in readings if FIGURE.match(v.text) and _fits(v.text, aspect)]
    if not candidates:
        # A lone character read with doubt is most often a figure misread ("下"
        # for "3"): as text it would take a figure's place in its row.
        return text if characters >= 2 else CellReading("", 0.0)
    counts = Counter(v.text for v in candidates)
    best = max(
        candidates,
        key=lambda v: (
            counts[v.text],
            max(c.confidence or 0 for c in candidates if c.text == v.text),
        ),
    )
    confidence = max(v.confidence or 0 for v in candidates if v.text == best.text)
    if any(v.text != best.text for v in votes):
        confidence = min(confidence, DISAGREE)
    return CellReading(best.text, confidence)


def _surely_figure(votes: list[CellReading], aspect: float) -> bool:
    """Both first figure readings agree, sure of it, on a figure as narrow as
    printed digits are (a lone square character may be "无")."""
    if not _agreed(votes) or min(v.confidence or 0 for v in votes) < SURE:
        return False
    figure = votes[0].text
    return _fits(figure, aspect) and aspect <= SURE_WIDTH * len(figure)


def _disputed(votes: list[CellReading], aspect: float) -> bool:
    """Not surely a figure, on print no wider than a figure: read again."""
    return not _surely_figure(votes, aspect) and (
        aspect <= DIGIT_WIDTH[1] * LONGEST_FIGURE + 0.2
    )


def _fits(figure: str, aspect: float) -> bool:
    """Whether a figure of this many characters could be this wide: a printed
    digit is some half a line high wide, so a label read as "7" is no figure;
    a dash is wider than high, so a "9" read as "-" is no dash."""
    if figure in ("-", "—"):
        return aspect >= DASH_WIDTH
    digits = sum(c.isdigit() for c in figure) or 1
    return DIGIT_WIDTH[0] * digits <= aspect <= DIGIT_WIDTH[1] * len(figure) + 0.2


def _agreed(votes: list[CellReading]) -> bool:
    """Every figure reading gives the same figure."""
    return all(v.text == votes[0].text for v in votes) and bool(
        FIGURE.match(votes[0].text)
    )


def cell_text(words: list[Word]) -> str:
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
