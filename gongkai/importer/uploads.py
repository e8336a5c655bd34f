"""Reports uploaded on the web, read in the background: one task per file.

``import_uploads_store`` stores the files (Django's storage, random names) with one
``ImportUpload`` each; ``importer.tasks.uploads_enqueue`` enqueues one task per
file, so the request returns at once. ``import_upload_run`` (the task's body) reads
the file in the child process of ``import_isolated`` (the limits of the settings),
stores the report through ``imported_report_store`` as the uploader, and finishes
the upload.
A finished upload is never read again, and storing and finishing are one
transaction, so a task run twice (a worker that died, a retry) changes nothing
twice.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.core.workflow import Refused
from gongkai.reports.formats import FormatError, get_format

from .importing import (
    ImportOutcome,
    import_isolated,
    limits_from_settings,
    options_from_settings,
)
from .models import ImportUpload
from .services import imported_report_store

FOLDER = "imports"


def import_uploads_store(
    *,
    files: Iterable[File[Any]],
    options: dict[str, Any],
    acting_user: User | None,
) -> list[ImportUpload]:
    """Store ``files`` as one batch of uploads waiting to be read.

    ``options`` are the upload form's (format, agency, year, region). The caller
    enqueues one task per upload (``importer.tasks.uploads_enqueue``).
    """
    authorize(acting_user, Permission.REPORT_IMPORT)
    batch = uuid.uuid4()
    uploader = acting_user if getattr(acting_user, "pk", None) else None
    uploads = []
    for file in files:
        name = Path(file.name or "report").name or "report"
        stored_name = default_storage.save(
            f"{FOLDER}/{batch}/{uuid.uuid4().hex}{Path(name).suffix.lower()[:16]}",
            file,
        )
        uploads.append(
            ImportUpload.objects.create(
                batch=batch,
                name=name[:255],
                stored_name=stored_name,
                size=file.size or 0,
                options=options,
                uploaded_by=uploader,
            )
        )
    return uploads


def import_upload_run(*, upload_id: int) -> str:
    """Read upload ``upload_id`` and store its report; its result (stored,
    unchanged, failed). An upload already finished is left as it is."""
    upload = _upload_begun(upload_id)
    if upload.status == ImportUpload.Status.FINISHED:
        return upload.result
    outcome = _read(upload)
    return _upload_finished(upload_id, outcome)


@transaction.atomic
def _upload_begun(upload_id: int) -> ImportUpload:
    upload = ImportUpload.objects.select_for_update().get(pk=upload_id)
    if upload.status != ImportUpload.Status.FINISHED:
        upload.status = ImportUpload.Status.READING
        upload.attempts += 1
        upload.save(update_fields=["status", "attempts", "updated_at"])
    return upload


def _read(upload: ImportUpload) -> ImportOutcome:
    """The stored file read in a child process, under its own name."""
    if not upload.stored_name or not default_storage.exists(upload.stored_name):
        return ImportOutcome(name=upload.name, error="上传的文件已不在存储中。")
    opts = upload.options
    options = options_from_settings(
        format_id=opts.get("format") or None,
        agency=opts.get("agency") or None,
        year=opts.get("year"),
    )
    with tempfile.TemporaryDirectory(prefix="gongkai-import-") as folder:
        path = Path(folder) / upload.name
        with (
            default_storage.open(upload.stored_name, "rb") as source,
            path.open("wb") as target,
        ):
            for chunk in source.chunks():
                target.write(chunk)
        return import_isolated(
            path, limits_from_settings(), options, settings.GONGKAI_IMPORT_TIMEOUT
        )


@transaction.atomic
def _upload_finished(upload_id: int, outcome: ImportOutcome) -> str:
    upload = ImportUpload.objects.select_for_update().get(pk=upload_id)
    if upload.status == ImportUpload.Status.FINISHED:  # another run was quicker
        return upload.result
    upload.summary = outcome_summary(outcome)
    upload.result, upload.error = ImportUpload.Result.FAILED, outcome.error or ""
    if outcome.ok:
        try:
            upload.report, changed = imported_report_store(
                outcome=outcome,
                acting_user=upload.uploaded_by,
                region=upload.options.get("region") or None,
            )
        except Refused as exc:
            upload.error = "；".join(exc.messages)
        else:
            upload.result = (
                ImportUpload.Result.STORED if changed else ImportUpload.Result.UNCHANGED
            )
    upload.status = ImportUpload.Status.FINISHED
    upload.finished_at = timezone.now()
    stored_name, upload.stored_name = upload.stored_name, ""
    upload.save()
    if stored_name:
        transaction.on_commit(lambda: default_storage.delete(stored_name))
    return upload.result


def _format_name(format_id: str) -> str:
    """The format's own (Chinese) name, as the page shows it, not its file id."""
    try:
        return get_format(format_id).name
    except FormatError:
        return format_id


def outcome_summary(outcome: ImportOutcome) -> dict[str, Any]:
    """What the results table shows of one file."""
    if not outcome.ok or outcome.parsed is None:
        return {"name": outcome.name, "error": outcome.error}
    report = outcome.parsed.report
    return {
        "name": outcome.name,
        "agency": report.agency.name,
        "year": report.year,
        "format": _format_name(report.format),
        "errors": sum(1 for f in report.findings if f.severity == "error"),
        "warnings": sum(1 for f in report.findings if f.severity == "warning"),
    }
