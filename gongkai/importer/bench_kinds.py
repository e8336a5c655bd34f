"""The kinds of file ``gongkai bench import`` times, each with its baseline.

A ``Kind`` is a set of files the importer reads and the bare extraction of the
same files that the import is compared with (``bench``). The baselines, and why:

- **text**, **html**, **pdf**: decoding; lxml's text of the page; pdfplumber's
  text of every page.
- **docx**: python-docx's text of the same files (paragraphs and table cells).
- **run-together text**: the text of each sample's web page with all whitespace
  removed, as scrapers give it. Baseline: the *plain text import* of the same
  reports rendered as text, not bare decoding: decoding one line is all but free
  (the ratio would say nothing), while the two imports differ only in the lost
  separators, so the ratio is what cutting the line back into rows and splitting
  the digit strings by the tables' sums costs. The samples give every cell its own
  figure (``samples``), so their sums do not hold and the splitter tries every
  candidate before leaving a row blank: the slow case, a real report is faster.
- **mht** (web archive): the email parser's extraction of the page (the first
  text/html part, decoded) and lxml's text of it.
- **doc**, **rtf**: made in the set-up by LibreOffice from the DOCX samples.
  Baseline: LibreOffice's own conversion of the same file to text (``--convert-to
  txt``): the conversion (a LibreOffice start, some seconds) dominates the import,
  and the ratio says what reading the converted file adds to it.
- **ocr**: the 2021 sample printed to PDF and scanned (200 dpi, a red seal, turned
  by 0.8°, as ``tests/test_ocr.py`` does), saved as an image-only PDF. Baseline: its
  pages rendered as the reader renders them and read by bare ``tesseract`` (Simplified
  Chinese, automatic page layout), with none of the table work (ruling lines,
  cell-by-cell reading, second readings of doubted cells). Also measured: the share
  of the sample's figures that come back right (``import.ocr.cells``).

A kind whose tool is missing (LibreOffice, Tesseract or its Chinese data,
python-docx) is skipped with a note, never an error. The slow kinds (conversion,
OCR: seconds per file) are timed at most ``SLOW_RUNS`` times whatever ``--runs``
says: at that length the machine's noise is small against the time.
"""

from __future__ import annotations

import email
import email.policy
import io
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path
from typing import Any

from gongkai.reports.data import ReportData

Sample = tuple[str, bytes]  # file name, content
SLOW_RUNS = 2
SCAN_DPI = 200  # of the scanned sample, as a county office's scanner gives it
SCAN_ANGLE = 0.8  # degrees the scanned sample is turned
OCR_FORMAT = "2021"
DOCX = "Word（.docx）"
OCR = "扫描件（OCR）"
CONVERTED_LABELS = {
    "doc": "Word 97（.doc，经 LibreOffice 转换）",
    "rtf": "RTF（.rtf，经 LibreOffice 转换）",
}


@dataclass(frozen=True)
class Kind:
    """Files of one kind, and the baseline: bare extraction of all of them."""

    name: str  # the metric is ``import.<name>``
    label: str  # what the progress lines call it
    files: list[Sample]
    baseline: Callable[[], object]
    runs: int | None = None  # at most this many timings (the slow kinds)
    expected: ReportData | None = None  # the report the files print, to score OCR
    # What the user tells the importer (``ParseOptions``): a scan's title is not
    # always read well enough to give its year, so the scan is imported as a user
    # would import it, with its year and format given.
    given: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Skipped:
    """A kind this installation cannot import, and why (Chinese, for the user)."""

    label: str
    reason: str


Made = Kind | Skipped


# -- the kinds every installation has -------------------------------------------------


def docx_kind(rendered: dict[str, list[Sample]]) -> Made:
    try:
        import docx
    except ImportError:
        return Skipped(DOCX, "未安装 python-docx，无法计算基线")
    files = rendered["docx"]

    def baseline() -> None:
        for _, data in files:
            document = docx.Document(io.BytesIO(data))
            parts = [p.text for p in document.paragraphs]
            for table in document.tables:
                parts.extend(cell.text for row in table.rows for cell in row.cells)

    return Kind("docx", DOCX, files, baseline)


def run_together_kind(rendered: dict[str, list[Sample]]) -> Made:
    """The web page's text with every whitespace removed; the plain text import of
    the same reports as its baseline (module docstring)."""
    from .importing import import_bytes, limits_from_settings, options_from_settings

    files = [
        (name.replace(".html", "-连排.txt"), run_together(data).encode("utf-8"))
        for name, data in rendered["html"]
    ]
    plain = rendered["text"]
    limits, options = limits_from_settings(), options_from_settings()

    def baseline() -> None:
        for name, data in plain:
            import_bytes(data, name, limits, options)

    return Kind("run_together", "无分隔文本（连排）", files, baseline)


def run_together(page: bytes) -> str:
    """A web page's text as a scraper that collapses whitespace gives it."""
    from lxml import html

    root = html.document_fromstring(page)
    for element in root.xpath("//style|//script"):
        element.drop_tree()
    return re.sub(r"\s+", "", root.text_content())


def mht_kind(rendered: dict[str, list[Sample]]) -> Made:
    files = [
        (name.replace(".html", ".mht"), web_archive(data))
        for name, data in rendered["html"]
    ]

    def baseline() -> None:
        from lxml import html

        for _, data in files:
            message = email.message_from_bytes(data, policy=email.policy.compat32)
            pages = (p for p in message.walk() if p.get_content_type() == "text/html")
            html.document_fromstring(
                next(pages).get_payload(decode=True)
            ).text_content()

    return Kind("mht", "网页归档（.mht）", files, baseline)


def web_archive(page: bytes) -> bytes:
    """A page saved by a browser as one file: a MIME archive, the page in GB18030
    (as older sites' pages are) beside its style sheet."""
    archive = MIMEMultipart("related", type="text/html")
    archive["Subject"] = "政府信息公开工作年度报告"
    archive["MIME-Version"] = "1.0"
    part = MIMEText(page.decode("utf-8"), "html", "gb18030")
    part["Content-Location"] = "http://www.example.gov.cn/zwgk/ndbg/report.html"
    archive.attach(part)
    archive.attach(MIMEText("body { font-size: 14px }", "css", "utf-8"))
    return archive.as_bytes()


# -- the kinds that need a program ---------------------------------------------------


def converted_kind(rendered: dict[str, list[Sample]], suffix: str) -> Made:
    """``doc`` or ``rtf``: the DOCX samples saved as such by LibreOffice."""
    from django.conf import settings

    from gongkai.core.soffice import SofficeError, soffice_convert, soffice_path

    label = CONVERTED_LABELS[suffix]
    command = settings.GONGKAI_SOFFICE
    if soffice_path(command) is None:
        return Skipped(label, "未安装 LibreOffice")
    timeout = settings.GONGKAI_IMPORT_TIMEOUT

    def convert(data: bytes, source: str, to: str) -> bytes:
        return soffice_convert(
            data, suffix=f".{source}", to=to, command=command, timeout=timeout
        )

    try:
        files = [
            (name.replace(".docx", f".{suffix}"), convert(data, "docx", suffix))
            for name, data in rendered["docx"]
        ]
    except SofficeError:
        return Skipped(label, f"LibreOffice 无法把样本另存为 .{suffix}")

    def baseline() -> None:
        for _, data in files:
            convert(data, suffix, "txt")

    return Kind(suffix, label, files, baseline, SLOW_RUNS)


def ocr_kind(reports: dict[str, tuple[Any, ReportData]]) -> Made:
    from .readers.ocr import DPI, LANGUAGES, tesseract_available

    if not tesseract_available():
        return Skipped(OCR, "未安装 Tesseract（tesseract-ocr）")
    if LANGUAGES not in _tesseract_languages():
        return Skipped(OCR, "未安装 Tesseract 的简体中文数据（tesseract-ocr-chi-sim）")
    from gongkai.reports.render import render

    fmt, report = reports[OCR_FORMAT]
    pdf = scanned_pdf(render(report, fmt, "pdf"))
    files = [(f"sample-{OCR_FORMAT}-扫描件.pdf", pdf)]

    def baseline() -> None:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(pdf)
        try:
            for number in range(len(document)):
                image = document[number].render(scale=DPI / 72).to_pil()
                bare_tesseract(image)
        finally:
            document.close()

    given = {"format_id": OCR_FORMAT, "year": report.year}
    return Kind("ocr", OCR, files, baseline, SLOW_RUNS, expected=report, given=given)


def _tesseract_languages() -> list[str]:
    listed = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, check=False
    )
    return listed.stdout.split()


def bare_tesseract(image: Any) -> str:
    """The text Tesseract reads on a page image by itself: one pass, its own
    page layout."""
    from .readers.ocr import LANGUAGES

    with tempfile.TemporaryDirectory(prefix="gongkai-bench-ocr-") as folder:
        path = Path(folder) / "page.png"
        image.save(path)
        return subprocess.run(
            ["tesseract", str(path), "-", "-l", LANGUAGES],
            capture_output=True,
            text=True,
            check=True,
        ).stdout


def scanned_pdf(pdf: bytes) -> bytes:
    """``pdf`` as a scanner gives it back, saved as an image-only PDF."""
    return scan_as_pdf(scanned_pages(pdf))


def scanned_pages(
    pdf: bytes, angle: float = SCAN_ANGLE, dpi: int = SCAN_DPI, noise: float = 0.0
) -> list[Any]:
    """The pages of ``pdf`` as a scanner gives them (the OCR tests' scans too):
    each an image at ``dpi``, a red seal printed over it, turned by ``angle``;
    ``noise`` is the spread of a grey speckle over the paper (a standard deviation
    in grey levels)."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops, ImageDraw

    document = pdfium.PdfDocument(pdf)
    pages = []
    speckle = np.random.default_rng(7)
    try:
        for number in range(len(document)):
            page = document[number].render(scale=dpi / 72).to_pil().convert("RGB")
            width, height = page.size
            seal = Image.new("RGB", page.size, "white")
            draw = ImageDraw.Draw(seal)
            x, y, r = int(width * 0.7), int(height * 0.35), int(width * 0.12)
            draw.ellipse([x - r, y - r, x + r, y + r], outline=(220, 30, 30), width=8)
            draw.regular_polygon((x, y, r // 4), 5, fill=(220, 30, 30))
            page = ImageChops.multiply(page, seal)  # a seal's ink lets print through
            page = page.rotate(
                angle, fillcolor="white", resample=Image.Resampling.BICUBIC
            )
            if noise:
                grey = np.asarray(page).astype(np.int16)
                grey += speckle.normal(0, noise, grey.shape[:2])[..., None].astype(
                    np.int16
                )
                page = Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8))
            pages.append(page)
    finally:
        document.close()
    return pages


def scan_as_pdf(pages: list[Any], dpi: int = SCAN_DPI) -> bytes:
    """Page images saved as an image-only PDF, as a scanner saves them."""
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out.getvalue()


def share_right(expected: ReportData, got: ReportData) -> float:
    """The share of ``expected``'s figures that ``got`` has, in the same cells."""
    figures = [ref for ref, cell in expected.cells.items() if cell.value is not None]
    right = [
        ref
        for ref in figures
        if got.value(ref.table, ref.row, ref.column) == expected.cells[ref].value
    ]
    return len(right) / len(figures) if figures else 0.0
