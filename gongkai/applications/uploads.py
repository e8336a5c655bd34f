"""What the applicant may upload on the tracking page (a corrected application's
files, a payment receipt): PDF, JPG/PNG and DOCX, each at most
``GONGKAI_UPLOAD_MAX_BYTES``, at most ``GONGKAI_UPLOAD_MAX_FILES`` at once. A file
must be what its name says (its first bytes are checked), so a renamed program is
refused. The messages are for the applicant, in Chinese."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import IO, Protocol

from django.conf import settings

from gongkai.core.workflow import Refused

# Suffix → what the file's first bytes must be.
ACCEPTED: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
}
ACCEPTED_TEXT = "PDF、JPG、PNG 或 DOCX"


class Upload(Protocol):
    """An uploaded file as Django hands it over (name, size, readable)."""

    name: str | None
    size: int | None

    def seek(self, offset: int, whence: int = ..., /) -> int: ...
    def read(self, size: int = ..., /) -> bytes: ...


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def upload_problem(file: Upload) -> str | None:
    """Why ``file`` is refused (a sentence for the applicant), or None."""
    name = file.name or ""
    suffix = PurePath(name).suffix.lower()
    magic = ACCEPTED.get(suffix)
    if magic is None:
        return f"不接受“{name}”这种文件：请上传 {ACCEPTED_TEXT} 文件。"
    limit = settings.GONGKAI_UPLOAD_MAX_BYTES
    if (file.size or 0) > limit:
        return f"“{name}”超过 {megabytes(limit)}，请压缩或拆分后再上传。"
    if not file.size:
        return f"“{name}”是空文件。"
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if not head.startswith(magic):
        return f"“{name}”的内容与文件类型不符：请上传 {ACCEPTED_TEXT} 文件。"
    return None


def uploads_check(files: Sequence[Upload], *, already: int = 0) -> None:
    """Refuse (``Refused``, every problem listed) unless each file and their number
    are within the limits; ``already`` files were sent before for the same notice."""
    problems = [p for f in files if (p := upload_problem(f))]
    limit = settings.GONGKAI_UPLOAD_MAX_FILES
    if already + len(files) > limit:
        problems.append(f"最多可以上传 {limit} 个文件。")
    if problems:
        raise Refused(problems)


def readable(file: Upload) -> IO[bytes]:
    """The upload as a binary file object (for the privacy scan)."""
    file.seek(0)
    return file  # type: ignore[return-value]
