"""Burning a redaction into a PDF, so that what is covered is gone (no Django).

The marks are of three kinds:

- a term staff typed (a name, an address): every place it is written;
- a kind of personal number the privacy scan finds (``gongkai.catalog.privacy``: 居民
  身份证号, 手机号码, 银行卡号): every number of that kind on every page;
- a region: a rectangle on one page, in PDF points from the page's top-left corner
  (what a scanned page, a signature or a stamp needs).

Each is made a redaction annotation (PyMuPDF ``add_redact_annot``) and applied
(``apply_redactions``): the characters under it are removed from the page's
content, the image pixels under it blanked, the vector graphics it covers removed,
and a black box drawn. A box drawn over text would hide it from the eye only; the
text would still be copied, searched and read aloud, which is exactly how redacted
documents leak.

Then the document is scrubbed: its information dictionary and XMP metadata
(author, title, producer: often a name or a number), attached files, JavaScript,
links, form fields and hidden text are removed, and it is written anew with unused
objects dropped (``garbage=4``), so no earlier version of a page survives in it.

Last, the result is read back: if a term or a personal number of a marked kind can
still be found in its text (line breaks and spaces ignored), ``Incomplete`` is
raised and no copy is made; a region or a re-worded term must cover it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pymupdf

from gongkai.catalog import privacy

TERM = "term"
FINDING = "finding"
REGION = "region"

# What a page preview is drawn at (points → pixels): 1.5 × 72 = 108 dpi.
PREVIEW_ZOOM = 1.5
PREVIEW_GRID = 50  # points between the grid lines of a preview

_SPACE = re.compile(r"\s+")


class RedactionError(Exception):
    """The file cannot be redacted; the message says why, in Chinese."""


class Incomplete(RedactionError):
    """A marked term or number is still in the text after redaction."""


@dataclass(frozen=True)
class Mark:
    """One thing to remove: ``text`` for a term, ``finding`` (``id_card``,
    ``mobile``, ``bank_card``) for a kind of number, ``page`` (from 1) and
    ``rect`` (x0, y0, x1, y1 in points, top-left origin) for a region."""

    kind: str
    text: str = ""
    finding: str = ""
    page: int = 0
    rect: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


@dataclass
class Result:
    pdf: bytes
    hits: list[int] = field(default_factory=list)  # boxes per mark, in order
    pages: int = 0


def page_count(pdf: bytes) -> int:
    with _open(pdf) as doc:
        return int(doc.page_count)


def page_text(pdf: bytes) -> str:
    """The text of every page, one page after another (as a reader copies it)."""
    with _open(pdf) as doc:
        return "\n".join(page.get_text() for page in doc.pages())


def findings(pdf: bytes) -> list[tuple[int, privacy.Finding]]:
    """The personal numbers the privacy scan finds on each page (page from 1)."""
    found = []
    with _open(pdf) as doc:
        for number, page in enumerate(doc.pages(), start=1):
            found += [(number, f) for f in privacy.scan(page.get_text())]
    return found


def redact(pdf: bytes, marks: Sequence[Mark]) -> Result:
    """``pdf`` with every mark burned in and its metadata scrubbed; ``Incomplete``
    when a marked term or number survives."""
    with _open(pdf) as doc:
        hits = [_annotate(doc, mark) for mark in marks]
        for page in doc.pages():
            page.apply_redactions(
                images=pymupdf.PDF_REDACT_IMAGE_PIXELS,  # type: ignore[attr-defined]
                graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,  # type: ignore[attr-defined]
                text=pymupdf.PDF_REDACT_TEXT_REMOVE,  # type: ignore[attr-defined]
            )
        _scrub(doc)
        data = doc.tobytes(garbage=4, clean=True, deflate=True, no_new_id=True)
        pages = int(doc.page_count)
    _verify(data, marks)
    return Result(pdf=data, hits=hits, pages=pages)


def _open(pdf: bytes) -> pymupdf.Document:
    try:
        doc = pymupdf.open(stream=pdf, filetype="pdf")
    except (pymupdf.FileDataError, RuntimeError, ValueError) as error:
        raise RedactionError("文件不是可读的PDF。") from error
    if doc.needs_pass:
        doc.close()
        raise RedactionError("PDF设有打开密码，请先解除密码再上传。")
    return doc


def _annotate(doc: pymupdf.Document, mark: Mark) -> int:
    """Add the redaction annotations for ``mark``; how many boxes it made."""
    if mark.kind == REGION:
        if not 1 <= mark.page <= doc.page_count:
            raise RedactionError(f"第{mark.page}页不存在：文件共{doc.page_count}页。")
        page = doc[mark.page - 1]
        rect = pymupdf.Rect(*mark.rect) & page.rect
        if rect.is_empty:
            raise RedactionError(f"第{mark.page}页的遮盖区域在页面之外。")
        page.add_redact_annot(rect, fill=(0, 0, 0))
        return 1
    count = 0
    for page in doc.pages():
        for text in _texts(page, mark):
            for quad in page.search_for(text, quads=True):
                page.add_redact_annot(quad, fill=(0, 0, 0))
                count += 1
    return count


def _texts(page: pymupdf.Page, mark: Mark) -> Iterable[str]:
    if mark.kind == TERM:
        return [mark.text] if mark.text.strip() else []
    text = page.get_text()
    return {text[f.start : f.end] for f in privacy.scan(text) if f.kind == mark.finding}


def _scrub(doc: pymupdf.Document) -> None:
    """Everything but the pages' visible content goes: metadata, XMP, attached
    files, JavaScript, links, form fields, hidden text, thumbnails."""
    doc.scrub(
        attached_files=True,
        clean_pages=True,
        embedded_files=True,
        hidden_text=True,
        javascript=True,
        metadata=True,
        redactions=False,  # applied above, with our options
        remove_links=True,
        reset_fields=True,
        reset_responses=True,
        thumbnails=True,
        xml_metadata=True,
    )
    doc.set_metadata({})
    doc.del_xml_metadata()


def _verify(pdf: bytes, marks: Sequence[Mark]) -> None:
    text = _SPACE.sub("", page_text(pdf))
    with _open(pdf) as doc:
        info = " ".join(str(v) for v in (doc.metadata or {}).values() if v)
        xml = doc.get_xml_metadata() or ""
    left = []
    for mark in marks:
        if mark.kind == TERM and mark.text.strip():
            term = _SPACE.sub("", mark.text)
            if term.lower() in text.lower() or term in info or term in xml:
                left.append(f"“{mark.text.strip()}”")
        elif mark.kind == FINDING:
            found = [f for f in privacy.scan(text) if f.kind == mark.finding]
            left += [f"{f.label} {f.masked}" for f in found]
    if left:
        raise Incomplete(
            "遮盖后仍能在文字中找到："
            + "、".join(left)
            + "（可能跨行或被拆开书写），请改用页面区域遮盖。"
        )


def preview_png(pdf: bytes, page: int, regions: Iterable[tuple[float, ...]]) -> bytes:
    """Page ``page`` (from 1) as a PNG, with a grid every 50 points (labelled, so
    that staff can read a rectangle's coordinates off it) and ``regions`` outlined
    in red."""
    with _open(pdf) as doc:
        if not 1 <= page <= doc.page_count:
            raise RedactionError(f"第{page}页不存在：文件共{doc.page_count}页。")
        scratch = pymupdf.open()
        scratch.insert_pdf(doc, from_page=page - 1, to_page=page - 1)
    sheet = scratch[0]
    width, height = sheet.rect.width, sheet.rect.height
    shape = sheet.new_shape()
    for x in range(0, int(width) + 1, PREVIEW_GRID):
        shape.draw_line((x, 0), (x, height))
    for y in range(0, int(height) + 1, PREVIEW_GRID):
        shape.draw_line((0, y), (width, y))
    shape.finish(color=(0.4, 0.6, 1.0), width=0.3, stroke_opacity=0.6)
    for x in range(0, int(width) + 1, PREVIEW_GRID * 2):
        shape.insert_text((x + 2, 9), str(x), fontsize=7, color=(0.2, 0.4, 0.9))
    for y in range(PREVIEW_GRID * 2, int(height) + 1, PREVIEW_GRID * 2):
        shape.insert_text((2, y - 2), str(y), fontsize=7, color=(0.2, 0.4, 0.9))
    for rect in regions:
        shape.draw_rect(pymupdf.Rect(*rect))
        shape.finish(color=(0.9, 0, 0), fill=(0.9, 0, 0), fill_opacity=0.25, width=1.5)
    shape.commit()
    png: bytes = sheet.get_pixmap(
        matrix=pymupdf.Matrix(PREVIEW_ZOOM, PREVIEW_ZOOM)
    ).tobytes("png")
    scratch.close()
    return png


def image_to_pdf(data: bytes) -> bytes:
    """An image (PNG, JPEG, TIFF…) as a one-page PDF of the same size, for region
    redaction."""
    try:
        with pymupdf.open(stream=data) as image:
            converted: bytes = image.convert_to_pdf()
    except (pymupdf.FileDataError, RuntimeError, ValueError) as error:
        raise RedactionError("图片无法读取。") from error
    return converted
