"""Every change to a gathered file: attach, review, mark, redact, hand over.

Each authorises the acting user (``application.handle`` on the application's
agency; None is the system) and writes one event on the application, so its
history shows who attached, reviewed, redacted and released which file and when.
A file handed to the applicant is no longer changed: the applicant has it.
"""

from __future__ import annotations

import contextlib
import hashlib
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.applications.models import Application
from gongkai.catalog.privacy import LABELS
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused

from . import conversion, grounds, redaction
from .models import FileKind, MarkKind, Redaction, ReleaseFile, ReviewStatus
from .selectors import pdf_of
from .workflow import REVIEW, STEP_TO

HANDLE = Permission.APPLICATION_HANDLE
PDF_SUFFIXES = frozenset({".pdf"})
OFFICE_SUFFIXES = frozenset({".docx", ".doc", ".xlsx", ".xls", ".odt", ".ods"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})


def _kind_of(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in PDF_SUFFIXES:
        return FileKind.PDF
    if suffix in OFFICE_SUFFIXES:
        return FileKind.OFFICE
    if suffix in IMAGE_SUFFIXES:
        return FileKind.IMAGE
    raise Refused(
        "只能添加 PDF、Word（DOCX）、Excel（XLSX）文件或图片（PNG、JPEG、TIFF）。"
    )


def _event(user: User | None, verb: str, file: ReleaseFile, **data: Any) -> None:
    event_record(
        actor=user,
        verb=verb,
        target=file.application,
        data={"file": file.pk, "name": file.name, **data},
    )


def _locked(file: ReleaseFile) -> ReleaseFile:
    """The file as stored now, locked until the step commits (the caller's copy
    may be older than another step taken since)."""
    return (
        ReleaseFile.objects.select_for_update(of=("self",))
        .select_related("application__agency")
        .get(pk=file.pk)
    )


def _unchanged_since_release(file: ReleaseFile) -> None:
    if file.released_on is not None:
        raise Refused(
            f"该文件已于{file.released_on:%Y-%m-%d}提供给申请人，不能再更改。",
            code="released",
        )


# -- attaching -----------------------------------------------------------------------


@transaction.atomic
def release_file_attach(
    *,
    acting_user: User | None,
    application: Application,
    upload: UploadedFile[Any],
) -> ReleaseFile:
    """Attach a record gathered to answer ``application`` (to be reviewed).

    A Word or Excel file is printed to PDF at once when LibreOffice is installed
    (else when it is redacted); an image becomes a one-page PDF."""
    authorize(acting_user, HANDLE, application.agency)
    name = PurePosixPath(upload.name or "").name.strip()
    kind = _kind_of(name)
    limit = settings.GONGKAI_RELEASES_MAX_UPLOAD_MB * 1024 * 1024
    if (upload.size or 0) > limit:
        raise Refused(
            f"文件超过 {settings.GONGKAI_RELEASES_MAX_UPLOAD_MB} MB，请拆分后上传。"
        )
    data = upload.read()
    if not data:
        raise Refused("文件是空的。")
    file = ReleaseFile(
        application=application,
        name=name[:255],
        kind=kind,
        digest=hashlib.sha256(data).hexdigest(),
        attached_by=acting_user,
    )
    try:
        if kind == FileKind.PDF:
            redaction.page_count(data)  # refuses what is not a readable PDF
        elif kind == FileKind.IMAGE:
            pdf = ContentFile(redaction.image_to_pdf(data))
            file.as_pdf.save("image.pdf", pdf, save=False)
    except redaction.RedactionError as error:
        raise Refused(str(error), code="file") from error
    file.original.save(name, ContentFile(data), save=False)
    file.save()
    if kind == FileKind.OFFICE:
        _convert_quietly(file, data)
    _event(acting_user, "release_file_attached", file, digest=file.digest)
    return file


def _convert_quietly(file: ReleaseFile, data: bytes) -> None:
    """Print an office file to PDF now if it can be; a failure waits for the
    redaction, which says why."""
    with contextlib.suppress(conversion.ConversionError):
        _store_pdf(file, _office_pdf(file, data))


def _office_pdf(file: ReleaseFile, data: bytes) -> bytes:
    return conversion.office_to_pdf(
        data,
        suffix=PurePosixPath(file.name).suffix.lower(),
        command=settings.GONGKAI_SOFFICE,
        timeout=settings.GONGKAI_RELEASES_CONVERT_TIMEOUT,
    )


def _store_pdf(file: ReleaseFile, pdf: bytes) -> None:
    file.as_pdf.save(f"{file.stem}.pdf", ContentFile(pdf), save=False)
    file.save(update_fields=["as_pdf", "updated_at"])


@transaction.atomic
def release_file_convert(*, acting_user: User | None, file: ReleaseFile) -> ReleaseFile:
    """Print a Word or Excel file to PDF (LibreOffice), for preview and redaction;
    ``Refused`` with the reason (LibreOffice missing, a timeout) when it cannot."""
    file = _locked(file)
    authorize(acting_user, HANDLE, file.application.agency)
    if pdf_of(file) is not None:
        return file
    with file.original.open("rb") as stream:
        data = stream.read()
    try:
        _store_pdf(file, _office_pdf(file, data))
    except conversion.ConversionError as error:
        raise Refused(str(error), code="conversion") from error
    _event(acting_user, "release_file_converted", file)
    return file


# -- the review ----------------------------------------------------------------------


@transaction.atomic
def release_file_review(
    *,
    acting_user: User | None,
    file: ReleaseFile,
    status: str,
    ground: str = "",
) -> ReleaseFile:
    """Decide what is released of ``file``: 公开, 部分公开 (then mark what is
    removed and redact, 第三十七条), 不予公开 (with its ground, 第十四条 to
    第十六条), or back to 待审查."""
    if status not in STEP_TO:
        raise Refused(f"未知的审查结论：{status}")
    step = STEP_TO[status]
    file = _locked(file)
    before = file.status
    REVIEW.check(before, step, user=acting_user, agency=file.application.agency)
    _unchanged_since_release(file)
    if status == ReviewStatus.WITHHELD and ground not in grounds.GROUND_KEYS:
        raise Refused("不予公开须选择理由（依据的条款）。")
    if ground and ground not in grounds.GROUND_KEYS:
        raise Refused(f"未知的理由：{ground}")
    file.status = status
    file.ground = ground if status == ReviewStatus.WITHHELD else ""
    file.legal_basis = {
        ReviewStatus.WITHHELD: grounds.basis(ground) if ground else "",
        ReviewStatus.PARTLY_RELEASED: grounds.PARTIAL_RELEASE_BASIS,
    }.get(ReviewStatus(status), "")
    file.reviewed_by = acting_user
    file.reviewed_at = timezone.now()
    file.save()
    _event(
        acting_user,
        REVIEW.row(step).verb,
        file,
        before=before,
        after=status,
        legal_basis=file.legal_basis,
    )
    return file


# -- marking what a partial release removes ------------------------------------------


@transaction.atomic
def redaction_add(
    *,
    acting_user: User | None,
    file: ReleaseFile,
    kind: str,
    ground: str,
    text: str = "",
    finding: str = "",
    page: int | None = None,
    rect: tuple[float, float, float, float] | None = None,
) -> Redaction:
    """Mark something to remove from ``file`` before its partial release: a term,
    a kind of personal number the privacy scan finds, or a region of a page; each
    with its ground. The redacted copy made before is dropped: it no longer
    matches the marks."""
    file = _locked(file)
    authorize(acting_user, HANDLE, file.application.agency)
    _unchanged_since_release(file)
    if file.status != ReviewStatus.PARTLY_RELEASED:
        raise Refused("只有审查为“部分公开”的文件才需要遮盖。")
    if ground not in grounds.GROUND_KEYS:
        raise Refused("请选择遮盖的理由（依据的条款）。")
    mark = Redaction(file=file, kind=kind, ground=ground, created_by=acting_user)
    if kind == MarkKind.TERM:
        mark.text = text.strip()
        if len(mark.text) < 2:
            raise Refused("要遮盖的文字至少两个字符。")
    elif kind == MarkKind.FINDING:
        if finding not in LABELS:
            raise Refused("请选择要遮盖的号码种类。")
        mark.finding = finding
    elif kind == MarkKind.REGION:
        _region(mark, page, rect)
    else:
        raise Refused(f"未知的遮盖方式：{kind}")
    mark.save()
    _drop_redacted(file)
    _event(acting_user, "redaction_marked", file, mark=mark.describe(), ground=ground)
    return mark


def _region(
    mark: Redaction, page: int | None, rect: tuple[float, float, float, float] | None
) -> None:
    if page is None or page < 1 or rect is None:
        raise Refused("请填写页码和区域的坐标。")
    x0, y0, x1, y1 = rect
    if min(rect) < 0 or x1 <= x0 or y1 <= y0:
        raise Refused("区域的右下角须在左上角的右下方，坐标不能为负。")
    pdf = pdf_of(mark.file)
    if pdf is not None and page > redaction.page_count(pdf):
        raise Refused(f"第{page}页不存在。")
    mark.page = page
    mark.x0, mark.y0, mark.x1, mark.y1 = x0, y0, x1, y1


def _drop_redacted(file: ReleaseFile) -> None:
    if file.redacted:
        file.redacted.delete(save=False)
        file.redacted_by, file.redacted_at = None, None
        file.save(
            update_fields=["redacted", "redacted_by", "redacted_at", "updated_at"]
        )


@transaction.atomic
def redaction_remove(*, acting_user: User | None, mark: Redaction) -> None:
    """Take a mark back (before the file is handed over)."""
    file = _locked(mark.file)
    authorize(acting_user, HANDLE, file.application.agency)
    _unchanged_since_release(file)
    described = mark.describe()
    mark.delete()
    _drop_redacted(file)
    _event(acting_user, "redaction_unmarked", file, mark=described)


# -- burning the redaction in --------------------------------------------------------


@transaction.atomic
def release_file_redact(*, acting_user: User | None, file: ReleaseFile) -> ReleaseFile:
    """Make the redacted copy of a 部分公开 file: every mark burned in (the text
    under it removed, not hidden), the metadata scrubbed (``redaction``). The
    original is kept, for staff only."""
    file = _locked(file)
    authorize(acting_user, HANDLE, file.application.agency)
    _unchanged_since_release(file)
    if file.status != ReviewStatus.PARTLY_RELEASED:
        raise Refused("只有审查为“部分公开”的文件才需要遮盖。")
    marks = list(file.redactions.all())
    if not marks:
        raise Refused("还没有标出要遮盖的内容。")
    pdf = pdf_of(file)
    if pdf is None:
        with file.original.open("rb") as stream:
            data = stream.read()
        try:
            pdf = _office_pdf(file, data)
        except conversion.ConversionError as error:
            raise Refused(str(error), code="conversion") from error
        _store_pdf(file, pdf)
    try:
        result = redaction.redact(pdf, [_engine_mark(m) for m in marks])
    except redaction.RedactionError as error:
        raise Refused(str(error), code="redaction") from error
    if file.redacted:
        file.redacted.delete(save=False)
    file.redacted.save(f"{file.stem}.pdf", ContentFile(result.pdf), save=False)
    file.redacted_by, file.redacted_at = acting_user, timezone.now()
    file.save()
    _event(
        acting_user,
        "release_file_redacted",
        file,
        marks=[m.describe() for m in marks],
        boxes=result.hits,
        digest=hashlib.sha256(result.pdf).hexdigest(),
    )
    return file


def _engine_mark(mark: Redaction) -> redaction.Mark:
    if mark.kind == MarkKind.REGION:
        rect = (mark.x0 or 0.0, mark.y0 or 0.0, mark.x1 or 0.0, mark.y1 or 0.0)
        return redaction.Mark(redaction.REGION, page=mark.page or 0, rect=rect)
    if mark.kind == MarkKind.FINDING:
        return redaction.Mark(redaction.FINDING, finding=mark.finding)
    return redaction.Mark(redaction.TERM, text=mark.text)


# -- handing over --------------------------------------------------------------------


@transaction.atomic
def release_file_release(
    *,
    acting_user: User | None,
    file: ReleaseFile,
    released_on: date | None = None,
) -> ReleaseFile:
    """Make a 公开 file, or the redacted copy of a 部分公开 one, available to the
    applicant on the tracking page (behind the tracking number and query code)."""
    file = _locked(file)
    authorize(acting_user, HANDLE, file.application.agency)
    _unchanged_since_release(file)
    if file.status not in (ReviewStatus.RELEASED, ReviewStatus.PARTLY_RELEASED):
        raise Refused("只有审查为“公开”或“部分公开”的文件才能提供给申请人。")
    if file.status == ReviewStatus.PARTLY_RELEASED and not file.redacted:
        raise Refused("部分公开的文件须先生成遮盖后的副本。")
    file.released_on = released_on or timezone.localdate()
    file.released_by = acting_user
    file.save(update_fields=["released_on", "released_by", "updated_at"])
    _event(
        acting_user,
        "release_file_released",
        file,
        status=file.status,
        released_on=file.released_on.isoformat(),
    )
    return file
