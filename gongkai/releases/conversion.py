"""Word and Excel files into PDF, with LibreOffice headless, before redaction.

A DOCX or XLSX is not redacted in place: its text lives in XML parts, tracked
changes, comments and cached values that a redaction would have to find one by
one. It is printed to PDF instead (``gongkai.core.soffice``: Debian's
``libreoffice-writer-nogui`` and ``libreoffice-calc-nogui``, which the Makefile
installs) and the PDF is redacted; it is stopped after
``GONGKAI_RELEASES_CONVERT_TIMEOUT`` seconds.
"""

from __future__ import annotations

from gongkai.core.soffice import SofficeError, soffice_convert

from .redaction import RedactionError

_MESSAGES = {
    "missing": "服务器未安装 LibreOffice，无法把 Word、Excel 文件转换为 PDF 后遮盖。"
    "请系统管理员安装 libreoffice-writer-nogui 和 libreoffice-calc-nogui"
    "（make system-deps），或将文件另存为 PDF 后上传。",
    "timeout": "转换为 PDF 超过 {timeout:g} 秒未完成，已停止。"
    "请将文件另存为 PDF 后上传。",
    "failed": "LibreOffice 未能把该文件转换为 PDF（文件可能已损坏或设有密码）。"
    "请将文件另存为 PDF 后上传。",
}


class ConversionError(RedactionError):
    """The file could not be converted; the message says why, in Chinese."""


def office_to_pdf(data: bytes, *, suffix: str, command: str, timeout: float) -> bytes:
    """The file ``data`` (a ``suffix`` file: .docx, .xlsx…) printed to PDF."""
    try:
        return soffice_convert(
            data, suffix=suffix, to="pdf", command=command, timeout=timeout
        )
    except SofficeError as error:
        raise ConversionError(
            _MESSAGES[error.reason].format(timeout=timeout)
        ) from error
