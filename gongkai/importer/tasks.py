"""The importer's background work: one task reads one uploaded file."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.core.files.base import File

from gongkai.accounts.models import User
from gongkai.core.tasks import task

from .uploads import import_upload_run, import_uploads_store


@task()
def upload_import(upload_id: int) -> str:
    """Read uploaded file ``upload_id`` and store its report (idempotent)."""
    return import_upload_run(upload_id=upload_id)


def uploads_enqueue(
    *,
    files: Iterable[File[Any]],
    options: dict[str, Any],
    acting_user: User | None,
) -> uuid.UUID:
    """Store ``files`` and enqueue one ``upload_import`` per file; the batch's id.

    With the database task backend the tasks are queued in the caller's
    transaction: they exist exactly when the uploads do.
    """
    uploads = import_uploads_store(
        files=files, options=options, acting_user=acting_user
    )
    for upload in uploads:
        result = upload_import.enqueue(upload_id=upload.pk)
        upload.task_id = str(result.id)
        upload.save(update_fields=["task_id", "updated_at"])
    return uploads[0].batch if uploads else uuid.uuid4()
