"""Readers: a published report's bytes → a ``Document`` of paragraphs and tables.

``read_document`` recognises the kind of file from its content, not its name
(government sites serve Word files as ``.html`` and web pages as ``.doc``), checks
it against the limits, and hands it to the reader of its kind. Whatever goes wrong
is a ``ReadError`` with a Chinese message; no other exception leaves this package
for a malformed file.

Pure Python: no Django. The limits come from the caller (the ``GONGKAI_IMPORT_*``
settings in the Django layer).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePath

from .charset import decode
from .document import Block, Document, Paragraph, Position, Table, TableCell
from .errors import Limits, ReadError
from .flattened import NOTE as RUN_TOGETHER_NOTE
from .flattened import unflatten
from .html import read_html
from .legacy import CONVERTED, OLE_MAGIC, convert, is_mht, is_rtf, mht_html, ole_kind
from .ocr import read_image
from .office import read_docx, read_xlsx
from .pdf import read_pdf
from .text import read_text

__all__ = [
    "Document",
    "Limits",
    "Paragraph",
    "Position",
    "ReadError",
    "Table",
    "TableCell",
    "read_document",
    "sniff",
]

# Read directly; then read after a conversion (``legacy``): Word 97/WPS text,
# Excel 97/WPS spreadsheets, RTF, and web archives.
KINDS = ("text", "html", "docx", "pdf", "xlsx", "doc", "xls", "rtf", "mht", "image")
# Images of a report page or of a table, read through OCR: PNG, JPEG, TIFF.
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
CONTROL_SHARE = 0.02  # of control characters above which bytes are not text
_HTML_MARKERS = (b"<html", b"<!doctype html", b"<body", b"<table", b"<p", b"<div")


def read_document(data: bytes, name: str, limits: Limits) -> Document:
    """The document in ``data`` (the file ``name``), or a ``ReadError``."""
    limits.check_size(len(data))
    if not data.strip():
        raise ReadError("文件是空的。")
    kind = sniff(data, name)
    if kind in CONVERTED:
        document = _read_converted(data, name, kind, limits)
    else:
        document = _READERS[kind](data, name, limits)
    if document.is_empty():
        raise ReadError("文件中没有可读取的文字。")
    blocks, cut = unflatten(document.blocks)
    if cut:
        document.notes.append(RUN_TOGETHER_NOTE)
        document.run_together = True
    document.blocks = _numbered(blocks)
    return document


def sniff(data: bytes, name: str = "") -> str:
    """The kind of file ``data`` is: one of ``KINDS``, or a ``ReadError`` saying
    what it seems to be instead."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return ole_kind(data)
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if is_rtf(head):
        return "rtf"
    if is_mht(head):
        return "mht"
    lowered = head[:1024].lower()
    if any(marker in lowered for marker in _HTML_MARKERS):
        return "html"
    if _looks_binary(data):
        suffix = PurePath(name).suffix.lower()
        raise ReadError(
            "无法识别的文件类型"
            + (f"（扩展名 {suffix}）" if suffix else "")
            + "：不是文本、网页、Word（.docx）、PDF 或 Excel（.xlsx）文件。"
        )
    return "text"


def _read_mht(data: bytes, name: str, limits: Limits) -> Document:
    return replace(read_html(mht_html(data), name, limits), kind="mht")


def _read_converted(data: bytes, name: str, kind: str, limits: Limits) -> Document:
    """An old Office file, read as the .docx or .xlsx LibreOffice makes of it."""
    converted = convert(data, kind, limits)
    target = CONVERTED[kind][0]
    reader = read_docx if target == "docx" else read_xlsx
    return replace(reader(converted, name, limits), kind=kind)


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ReadError("压缩格式的文件（.docx 或 .xlsx）已损坏或不完整。") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise ReadError(
        "这是一个压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件；"
        "请解压后逐个导入其中的报告。"
    )


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > CONTROL_SHARE * len(sample)


def _read_plain(data: bytes, name: str, _limits: Limits | None = None) -> Document:
    decoded = decode(data)
    document = read_text(decoded.text, name)
    if decoded.note:
        document.notes.append(decoded.note)
    return document


_READERS: dict[str, Callable[[bytes, str, Limits], Document]] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "xlsx": read_xlsx,
    "html": read_html,
    "mht": _read_mht,
    "image": read_image,
    "text": _read_plain,
}


def _numbered(blocks: list[Block]) -> list[Block]:
    """Tables numbered in document order, so every position can name its table."""
    numbered: list[Block] = []
    count = 0
    for block in blocks:
        if isinstance(block, Table):
            count += 1
            cells = tuple(
                replace(cell, position=replace(cell.position, table=count))
                for cell in block.cells
            )
            block = replace(
                block, cells=cells, position=replace(block.position, table=count)
            )
        numbered.append(block)
    return numbered
