"""Stored files: random names on disk, and one way to send a file to whoever the
view has already allowed to have it.

A stored file's name says nothing: a uuid4 in a dated folder
(``letters/2026/12/3f2a….docx``), so its path cannot be guessed from a tracking
number or a title. The name a person gave the file is kept in the database and sent
as the download name.

Files are never served by a public location of the web server. The view that checks
permission answers; behind nginx (``GONGKAI_FILES_X_ACCEL_PREFIX`` set) it only
names the file in ``X-Accel-Redirect`` and nginx sends the bytes from an
``internal`` location that no visitor can open directly (docs/how-to/deploy.md).
"""

from __future__ import annotations

import mimetypes
import re
import uuid
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header

_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


@deconstructible
class RandomName:
    """A model field's ``upload_to``: ``FOLDER/YYYY/MM/<uuid4 hex><.suffix>``.

    The suffix (lower-cased, letters and digits only) is kept so that the file's
    type is still plain on disk; nothing else of the given name is."""

    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()
        if not _SUFFIX.match(suffix):
            suffix = ""
        month = timezone.localdate().strftime("%Y/%m")
        return f"{self.folder}/{month}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def download(
    file: FieldFile, *, filename: str, content_type: str | None = None
) -> HttpResponseBase:
    """The response that sends ``file`` as an attachment named ``filename`` (RFC
    6266, with RFC 5987's ``filename*`` for Chinese names). The caller has checked
    that the visitor may have it.

    With ``GONGKAI_FILES_X_ACCEL_PREFIX`` set, the bytes come from nginx: the
    response is empty and names the stored file under that prefix.

    A file no longer kept (emptied when personal data was anonymised, or gone from
    storage) is a 404, never a 500."""
    if not file:
        raise Http404("该文件已不再保存")
    prefix = settings.GONGKAI_FILES_X_ACCEL_PREFIX
    if not prefix:
        try:
            opened = file.open("rb")
        except FileNotFoundError as missing:
            raise Http404("该文件已不再保存") from missing
        return FileResponse(
            opened,
            as_attachment=True,
            filename=filename,
            content_type=content_type,
        )
    response = HttpResponse(content_type=content_type or _guess(filename))
    response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(file.name or "")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _guess(filename: str) -> str:
    guessed, _ = mimetypes.guess_type(filename)
    return guessed or "application/octet-stream"
