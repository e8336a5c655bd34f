"""Reading gathered files: for the staff page of an application, for the
applicant's tracking page, and what the privacy scan finds in one file."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile

from gongkai.applications.models import Application

from . import redaction
from .models import FileKind, ReleaseFile, ReviewStatus


def files_for_staff(application: Application) -> QuerySet[ReleaseFile]:
    """Every file gathered for ``application``, with its marks and who acted."""
    return (
        ReleaseFile.objects.filter(application=application)
        .select_related("attached_by", "reviewed_by", "redacted_by", "released_by")
        .prefetch_related("redactions")
        .order_by("pk")
    )


def released_copy(file: ReleaseFile) -> tuple[FieldFile, str | None]:
    """What the applicant downloads of a file handed over, and its type: the
    redacted copy of a 部分公开 file (never its original), a 公开 file as attached."""
    if file.status == ReviewStatus.PARTLY_RELEASED:
        return file.redacted, "application/pdf"
    return file.original, None


def files_released(application: Application) -> QuerySet[ReleaseFile]:
    """What the applicant may download: files handed over to them (公开 whole, or
    部分公开 as the redacted copy), oldest first."""
    return (
        ReleaseFile.objects.filter(
            application=application,
            released_on__isnull=False,
            status__in=[ReviewStatus.RELEASED, ReviewStatus.PARTLY_RELEASED],
        )
        .exclude(status=ReviewStatus.PARTLY_RELEASED, redacted="")
        .prefetch_related("redactions")
        .order_by("released_on", "pk")
    )


@dataclass(frozen=True)
class Found:
    page: int
    kind: str
    label: str
    masked: str


def file_findings(file: ReleaseFile) -> list[Found] | None:
    """The personal numbers the privacy scan finds in ``file``, masked (None when
    the file is not yet a PDF: a Word or Excel file before conversion)."""
    pdf = pdf_of(file)
    if pdf is None:
        return None
    return [
        Found(page, f.kind, f.label, f.masked) for page, f in redaction.findings(pdf)
    ]


def file_pages(file: ReleaseFile) -> int | None:
    pdf = pdf_of(file)
    return None if pdf is None else redaction.page_count(pdf)


def pdf_of(file: ReleaseFile) -> bytes | None:
    """The file as a PDF, if it is one or was converted (no conversion here)."""
    if file.kind == FileKind.PDF:
        with file.original.open("rb") as stream:
            return bytes(stream.read())
    if file.as_pdf:
        with file.as_pdf.open("rb") as stream:
            return bytes(stream.read())
    return None
