"""One file converted by LibreOffice headless (``soffice --convert-to``).

Two rooms need it: released files print a Word or Excel file to PDF before
redaction, and the importer turns old and odd Office files (Word 97 .doc,
Kingsoft .wps/.et, .rtf, Excel 97 .xls) into .docx/.xlsx it can read. Each
conversion runs in a temporary folder with its own LibreOffice profile, so two at
once do not share one, and in a session of its own, so a timeout stops the whole
LibreOffice process group, not only the launcher script.

Pure standard library (the importer's readers run without Django); the caller
chooses the program and the time allowed, and words the message for its user from
``SofficeError.reason``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path


class SofficeError(Exception):
    """The conversion did not happen. ``reason``: ``missing`` (LibreOffice is not
    installed), ``timeout`` or ``failed`` (a damaged or password-protected file)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def soffice_path(command: str) -> str | None:
    """Where LibreOffice's ``soffice`` is, or None when it is not installed."""
    return shutil.which(command)


def soffice_convert(
    data: bytes, *, suffix: str, to: str, command: str, timeout: float
) -> bytes:
    """The file ``data`` (a ``suffix`` file: .doc, .docx…) converted to ``to``
    (``pdf``, ``docx``, ``xlsx``), or a ``SofficeError``."""
    program = soffice_path(command)
    if program is None:
        raise SofficeError("missing")
    with tempfile.TemporaryDirectory(prefix="gongkai-soffice-") as folder:
        work = Path(folder)
        source = work / f"source{suffix}"
        source.write_bytes(data)
        process = subprocess.Popen(
            [
                program,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                to,
                "--outdir",
                str(work / "out"),
                str(source),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            returncode = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise SofficeError("timeout") from None
        result = work / "out" / f"source.{to}"
        if returncode != 0 or not result.exists():
            raise SofficeError("failed")
        return result.read_bytes()


def _stop(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()
