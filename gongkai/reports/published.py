"""A published version's files: rendered once, stored, and the same bytes ever after.

When a version is published or corrected, ``reports.tasks.version_files_render``
is enqueued once the transaction commits; a worker renders each printed form the
public may download (``STORED``) from the frozen snapshot and stores it through
Django's storage API (``gongkai.core.files``: a random name under ``reports/``;
a folder, or S3-compatible object storage, by ``STORAGES``). The download view
(``reports.views.published_download``) sends the stored file.

A file not stored yet (the worker has not got to it, or no worker runs) is
rendered, stored and sent by the request that asks for it. Two processes may do so
at once: each renders, but only the first to store keeps its file (the unique
``(version, extension)``); the other deletes its copy and sends the first one's, so
every visitor gets the same bytes. That matters because a DOCX or a PDF carries
the time it was made: rendered twice, the same snapshot gives different bytes. The
stored file's SHA-256 is kept beside it, as the snapshot's is (``services``), and
nothing replaces a stored file; a correction is a new version with files of its
own.

Storing a file derived from a published version changes nothing of the ledger, so
it needs no permission (the version is public) and writes no event (an event
would also renew every cached public page, ``portal.caching``).
"""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, router, transaction

from gongkai.core.workflow import Refused

from .data import ReportData
from .formats import get_format
from .models import ReportFile, ReportVersion
from .render import render

logger = logging.getLogger("gongkai.reports")

# The downloads stored as files: extension → renderer. The JSON download is the
# snapshot itself, read from the database, so it is not stored again.
STORED: dict[str, str] = {
    "docx": "docx",
    "pdf": "pdf",
    "xlsx": "xlsx",
    "txt": "text",
}


def version_file(*, version: ReportVersion, extension: str) -> ReportFile:
    """The stored ``extension`` file of ``version``: the one stored before, else
    rendered and stored now (by whichever process stores first). A file whose
    row remains but whose bytes are gone from storage (a media folder lost or
    not restored with the database) is rendered and stored again: it is derived
    from the frozen snapshot, so nothing is lost."""
    if extension not in STORED:
        raise ValueError(f"不保存 {extension!r} 格式的文件")
    found = ReportFile.objects.filter(version=version, extension=extension).first()
    if found is not None:
        if found.file.name and found.file.storage.exists(found.file.name):
            return found
        logger.warning(
            "Version %s .%s was missing from storage; stored again",
            version.pk,
            extension,
        )
        found.delete()
    return _store(version, extension, _render(version, extension))


def version_files_store(*, version_id: int) -> list[str]:
    """Store every file of published version ``version_id`` not stored yet;
    the extensions found already stored are left as they are (idempotent).
    Returns the extensions of the version's files, in ``STORED`` order."""
    version = ReportVersion.objects.filter(pk=version_id).first()
    if version is None:  # final: no retry brings it back
        raise Refused(
            f"没有编号为 {version_id} 的已发布年度报告版本。", code="no_version"
        )
    for extension in STORED:
        version_file(version=version, extension=extension)
    return list(
        ReportFile.objects.filter(version=version).values_list("extension", flat=True)
    )


def file_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _render(version: ReportVersion, extension: str) -> bytes:
    report = ReportData.from_dict(version.snapshot)
    return render(report, get_format(version.format), STORED[extension])


def _store(version: ReportVersion, extension: str, body: bytes) -> ReportFile:
    row = ReportFile(
        version=version, extension=extension, sha256=file_hash(body), size=len(body)
    )
    row.file.save(f"report.{extension}", ContentFile(body), save=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        # Another process stored this file first: theirs is the version's file.
        row.file.delete(save=False)
        logger.info(
            "Version %s .%s was stored by another process", version.pk, extension
        )
        # Read where it was written: a read replica may not have it yet.
        primary = ReportFile.objects.db_manager(router.db_for_write(ReportFile))
        return primary.get(version=version, extension=extension)
    return row
