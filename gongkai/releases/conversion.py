"""Word and Excel files into PDF, with LibreOffice headless, before redaction.

A DOCX or XLSX is not redacted in place: its text lives in XML parts, tracked
changes, comments and cached values that a redaction would have to find one by
one. It is printed to PDF instead (``soffice --headless --convert-to pdf``,
Debian's ``libreoffice-writer-nogui`` and ``libreoffice-calc-nogui``, which the
Makefile installs) and the PDF is redacted. Each conversion runs in its own
temporary folder with its own LibreOffice profile, so two at once do not share
one; it is stopped after ``GONGKAI_RELEASES_CONVERT_TIMEOUT`` seconds.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .redaction import RedactionError


class ConversionError(RedactionError):
    """The file could not be converted; the message says why, in Chinese."""


def soffice_path(command: str) -> str | None:
    """Where LibreOffice's ``soffice`` is, or None when it is not installed."""
    return shutil.which(command)


def office_to_pdf(data: bytes, *, suffix: str, command: str, timeout: float) -> bytes:
    """The file ``data`` (a ``suffix`` file: .docx, .xlsx…) printed to PDF."""
    program = soffice_path(command)
    if program is None:
        raise ConversionError(
            "服务器未安装 LibreOffice，无法把 Word、Excel 文件转换为 PDF 后遮盖。"
            "请系统管理员安装 libreoffice-writer-nogui 和 libreoffice-calc-nogui"
            "（make system-deps），或将文件另存为 PDF 后上传。"
        )
    with tempfile.TemporaryDirectory(prefix="gongkai-convert-") as folder:
        work = Path(folder)
        source = work / f"source{suffix}"
        source.write_bytes(data)
        try:
            finished = subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work / "out"),
                    str(source),
                ],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise ConversionError(
                f"转换为 PDF 超过 {timeout:g} 秒未完成，已停止。"
                "请将文件另存为 PDF 后上传。"
            ) from error
        result = work / "out" / "source.pdf"
        if finished.returncode != 0 or not result.exists():
            raise ConversionError(
                "LibreOffice 未能把该文件转换为 PDF（文件可能已损坏或设有密码）。"
                "请将文件另存为 PDF 后上传。"
            )
        return result.read_bytes()
