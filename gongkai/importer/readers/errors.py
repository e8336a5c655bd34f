"""What a reader raises when a file cannot be read, and the limits it reads within.

Every message is Chinese and says what is wrong with the file and, where it can,
what to do instead: the staff member importing a batch sees it beside the file's
name, and the batch goes on with the next file.
"""

from __future__ import annotations

from dataclasses import dataclass

MEGABYTE = 1024 * 1024


class ReadError(Exception):
    """A file that cannot be read as a report; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    """How much a reader accepts: the ``GONGKAI_IMPORT_*`` settings, and only they
    (``importing.limits_from_settings``), passed in so that readers stay pure."""

    max_bytes: int  # of the file itself
    max_pages: int  # of a PDF
    max_unpacked_bytes: int  # of a DOCX/XLSX once unzipped
    max_cells: int  # of all tables together
    soffice: str = "soffice"  # LibreOffice's program, for old Office files
    convert_seconds: float = 60.0  # for one LibreOffice conversion

    def check_size(self, size: int) -> None:
        if size > self.max_bytes:
            raise ReadError(
                f"文件大小为 {size / MEGABYTE:.1f} MB，超过导入上限 "
                f"{self.max_bytes / MEGABYTE:.0f} MB（GONGKAI_IMPORT_MAX_BYTES）。"
                "年度报告一般不超过几 MB，请确认文件是否正确。"
            )


class CellCounter:
    """Counts the cells a reader produces and stops it past ``Limits.max_cells``
    (a spreadsheet of a million cells is not an annual report)."""

    def __init__(self, limits: Limits) -> None:
        self.limit = limits.max_cells
        self.count = 0

    def add(self, n: int = 1) -> None:
        self.count += n
        if self.count > self.limit:
            raise ReadError(
                f"表格单元格超过 {self.limit} 个，不像是一份年度报告，已停止读取。"
            )
