"""Old and odd files that real sites publish: Word 97 (.doc), Kingsoft WPS (.wps,
.et), Excel 97 (.xls), RTF, and web archives (.mht/.mhtml).

The Office files are converted by LibreOffice headless (``gongkai.core.soffice``)
into .docx or .xlsx and read by the readers of those; the conversion runs inside
the import's bounded child (its time and memory limits) like every other read. A
web archive is a MIME message whose first HTML part is the page: it is read as
HTML. Which of these a file is comes from its bytes, never its name (sites serve
.doc files as .html and Excel files as .doc).
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message

from gongkai.core.soffice import SofficeError, soffice_convert

from .errors import Limits, ReadError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names in an OLE compound file's directory, UTF-16LE as stored.
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_EXCEL_STREAMS = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))
_MHT_MARKERS = (b"multipart/related", b"message/rfc822")

# What each kind is converted to, and what it is called in a message.
CONVERTED = {
    "doc": ("docx", "Word 97–2003 或 WPS 文字（.doc、.wps）"),
    "xls": ("xlsx", "Excel 97–2003 或 WPS 表格（.xls、.et）"),
    "rtf": ("docx", "RTF 文档"),
}


def ole_kind(data: bytes) -> str:
    """``doc`` or ``xls`` for an OLE compound file (Word/WPS text or Excel/WPS
    spreadsheet), or a ``ReadError`` for any other (PowerPoint, Outlook…)."""
    if _WORD_STREAM in data:
        return "doc"
    if any(stream in data for stream in _EXCEL_STREAMS):
        return "xls"
    raise ReadError(
        "这是旧版 Office 文件，但既不是 Word/WPS 文字文档，也不是 Excel/WPS 表格，"
        "不能作为年度报告导入。"
    )


def is_rtf(head: bytes) -> bool:
    return head.startswith(b"{\\rtf")


def is_mht(head: bytes) -> bool:
    """A web archive: MIME headers first, a multipart/related body."""
    lowered = head[:2048].lower()
    return b"mime-version:" in lowered and any(m in lowered for m in _MHT_MARKERS)


def convert(data: bytes, kind: str, limits: Limits) -> bytes:
    """The ``doc``/``xls``/``rtf`` file ``data`` as .docx or .xlsx bytes."""
    target, called = CONVERTED[kind]
    try:
        return soffice_convert(
            data,
            suffix=f".{kind}",
            to=target,
            command=limits.soffice,
            timeout=limits.convert_seconds,
        )
    except SofficeError as error:
        raise ReadError(_message(error.reason, called, target, limits)) from None


def _message(reason: str, called: str, target: str, limits: Limits) -> str:
    save_as = f"请在 Word 或 WPS 中另存为 .{target} 后再导入。"
    if reason == "missing":
        return (
            f"这是{called}，需要用 LibreOffice 转换后读取，但服务器未安装 LibreOffice"
            "（make system-deps 会安装）；或者" + save_as
        )
    if reason == "timeout":
        seconds = f"{limits.convert_seconds:g}"
        return f"{called}转换超过 {seconds} 秒未完成，已停止。" + save_as
    return f"{called}无法转换（文件可能已损坏或设有密码）。" + save_as


def mht_html(data: bytes) -> bytes:
    """The page of a web archive: its first text/html part, as bytes with a
    ``<meta charset>`` naming the part's declared charset (the HTML reader
    decodes from there)."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception:  # the email parser raises many kinds on garbage
        raise ReadError("网页归档文件（.mht）已损坏，无法读取。") from None
    part = _first_html(message)
    if part is None:
        raise ReadError("网页归档文件（.mht）中没有网页内容。")
    try:
        body = part.get_payload(decode=True)
    except Exception:
        body = None
    if not isinstance(body, bytes) or not body.strip():
        raise ReadError("网页归档文件（.mht）中的网页是空的或已损坏。")
    charset = part.get_content_charset()
    if charset and b"charset" not in body[:2048].lower():
        body = f'<meta charset="{charset}">'.encode("ascii", "ignore") + body
    return body


def _first_html(message: Message) -> Message | None:
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part
    return None
