"""The applicant's desk on the tracking page, and the staff steps that answer it:

- ``correction_answer_online``: the applicant answers the 补正 notice with text and
  files; the agency's platform receives it that day, which is recorded through
  ``correction_receive`` (第三十条: the reply period runs anew from the day the
  corrected application is received), the same ledger as a correction on paper;
- ``online_correction_mark_seen``: a handler has read it (the dashboard's
  网上补正待处理 list empties);
- ``payment_receipt_upload`` / ``payment_receipt_confirm``: a receipt for the fee
  (国办函〔2020〕109号), which becomes the payment (``fee_pay``) once staff confirm;
- ``letter_pdf``: a letter's PDF, rendered once from its stored text.

Who may answer: the applicant, who proves it by the tracking number and its query
code (the portal asks for both before it shows the page, as for the letters). Like
applying (第二十九条), it needs no account and no permission; the receipt that
follows is the platform's own act, so ``correction_receive`` is taken as the system.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.catalog import extract, privacy
from gongkai.catalog.services.privacy import active_patterns
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused
from gongkai.workdays.arithmetic import day_text

from ..letters.pdf import official_letter_pdf
from ..models import (
    Application,
    Letter,
    LetterPdf,
    OnlineCorrection,
    OnlineCorrectionFile,
    PaymentReceipt,
)
from ..selectors import correction_awaited, fee_awaited
from ..uploads import Upload, readable, uploads_check
from .procedure import correction_receive, fee_pay

Visitor = User | AnonymousUser | None


# -- 补正 online (第三十条) ----------------------------------------------------------


@transaction.atomic
def correction_answer_online(
    *,
    acting_user: Visitor,
    application: Application,
    text: str,
    files: Sequence[Upload] = (),
    received_on: date,
) -> OnlineCorrection:
    """The applicant's corrected application, sent on the tracking page.

    Refused unless a 补正 notice is open, with nothing to send, or with a file of
    the wrong type or size. The text and the files' text are scanned for personal
    numbers (the catalogue's privacy scan): the findings are for staff. The
    correction is then received on ``received_on``, which restarts the clock."""
    correction = correction_awaited(application)
    if correction is None:
        raise Refused("本申请目前没有待补正的事项。")
    text = text.strip()
    if not text and not files:
        raise Refused("请填写补正内容或上传补正材料。")
    uploads_check(files)
    findings, unscannable = _scan(text, files)
    # The step itself (the table, the period lock, the clock) is the ledger's.
    correction_receive(
        acting_user=None, application=application, corrected_on=received_on
    )
    answer = OnlineCorrection.objects.create(
        correction=correction,
        text=text,
        received_on=received_on,
        findings=findings,
        unscannable=unscannable,
    )
    for upload in files:
        stored = OnlineCorrectionFile(
            answer=answer, name=(upload.name or "")[:200], size=upload.size or 0
        )
        stored.file.save(upload.name or "file", File(readable(upload)), save=False)
        stored.save()
    return answer


def _scan(text: str, files: Sequence[Upload]) -> tuple[list[dict[str, str]], list[str]]:
    """Personal numbers in the text and in the files' text; and the files that
    have no text to scan (images, scanned pages), for a person to look at."""
    patterns = active_patterns()
    found = [_entry(f, "补正内容") for f in privacy.scan(text, patterns)]
    unscannable: list[str] = []
    for upload in files:
        name = upload.name or ""
        try:
            extraction = extract.extract(readable(upload), name)
        except extract.ExtractionError as error:
            raise Refused(str(error)) from error
        if not extraction.scannable:
            unscannable.append(f"{name}：{extraction.problem}")
        for segment in extraction.segments:
            where = f"附件《{name}》{segment.where}"
            found += [_entry(f, where) for f in privacy.scan(segment.text, patterns)]
    return found, unscannable


def _entry(finding: privacy.Finding, where: str) -> dict[str, str]:
    return {
        "kind": finding.kind,
        "label": finding.label,
        "where": where,
        "masked": finding.masked,
    }


@transaction.atomic
def online_correction_mark_seen(
    *, acting_user: User | None, answer: OnlineCorrection
) -> OnlineCorrection:
    """A handler has read the online correction (and its scan findings)."""
    application = answer.correction.application
    authorize(acting_user, Permission.APPLICATION_HANDLE, application.agency)
    answer = OnlineCorrection.objects.select_for_update().get(pk=answer.pk)
    if answer.seen_at is None:
        answer.seen_at = timezone.now()
        answer.seen_by = acting_user
        answer.save(update_fields=["seen_at", "seen_by", "updated_at"])
        event_record(
            actor=acting_user,
            verb="online_correction_seen",
            target=application,
            data={"online_correction": answer.pk},
        )
    return answer


# -- fees (国办函〔2020〕109号) ------------------------------------------------------


@transaction.atomic
def payment_receipt_upload(
    *,
    acting_user: Visitor,
    application: Application,
    file: Upload,
    note: str = "",
    uploaded_on: date,
) -> PaymentReceipt:
    """The applicant's receipt for the fee; it waits for staff to confirm it."""
    notice = fee_awaited(application)
    if notice is None:
        raise Refused("本申请目前没有待缴纳的费用。")
    uploads_check([file], already=notice.receipts.count())
    receipt = PaymentReceipt(
        fee_notice=notice,
        name=(file.name or "")[:200],
        size=file.size or 0,
        note=note.strip()[:300],
        uploaded_on=uploaded_on,
    )
    receipt.file.save(file.name or "receipt", File(readable(file)), save=False)
    receipt.save()
    event_record(
        actor=acting_user,
        verb="payment_receipt_uploaded",
        target=application,
        data={"receipt": receipt.pk, "uploaded_on": uploaded_on.isoformat()},
    )
    return receipt


@transaction.atomic
def payment_receipt_confirm(
    *, acting_user: User | None, receipt: PaymentReceipt, paid_on: date
) -> Application:
    """Staff checked the receipt: the fee is paid on ``paid_on`` (``fee_pay``), and
    the clock runs again."""
    authorize(
        acting_user,
        Permission.APPLICATION_HANDLE,
        receipt.fee_notice.application.agency,
    )
    receipt = PaymentReceipt.objects.select_for_update().get(pk=receipt.pk)
    if receipt.confirmed_at is not None:
        raise Refused("该缴费凭证已经确认过。")
    application = fee_pay(
        acting_user=acting_user,
        application=receipt.fee_notice.application,
        paid_on=paid_on,
    )
    receipt.confirmed_at = timezone.now()
    receipt.confirmed_by = acting_user
    receipt.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    return application


# -- letters as PDF ---------------------------------------------------------------


def letter_pdf(letter: Letter) -> FieldFile:
    """The letter's PDF, from the same stored text as its DOCX: rendered the first
    time it is asked for, then kept with the letter (a derived copy, so no event)."""
    kept = LetterPdf.objects.filter(letter=letter).first()
    if kept is not None:
        return kept.file
    content = official_letter_pdf(**_letter_parts(letter))
    pdf = LetterPdf(letter=letter)
    pdf.file.save(f"{letter.number}.pdf", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            pdf.save()
    except IntegrityError:  # rendered at the same moment by another request
        pdf.file.delete(save=False)
        return LetterPdf.objects.get(letter=letter).file
    return pdf.file


def _letter_parts(letter: Letter) -> dict[str, Any]:
    return {
        "number": letter.number,
        "title": letter.title,
        "recipient": letter.recipient,
        "paragraphs": [line for line in letter.body.splitlines() if line.strip()],
        "signer": letter.application.agency.name,
        "date_text": day_text(letter.issued_on),
    }
