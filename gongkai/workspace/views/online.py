"""What the applicant sent on the tracking page, on the application's page: the
online answer to a 补正 notice (text, files, the privacy scan's findings) and the
payment receipts; a handler marks the answer read and confirms a receipt, which
records the payment (``fee_pay``). The files reach staff only through these views,
which check the user's permission on the application's agency. Letters as PDF too.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Permission, requires, signed_in
from gongkai.applications.models import (
    Application,
    Letter,
    OnlineCorrection,
    OnlineCorrectionFile,
    PaymentReceipt,
)
from gongkai.applications.services import (
    letter_pdf,
    online_correction_mark_seen,
    payment_receipt_confirm,
)
from gongkai.core.files import download
from gongkai.core.workflow import NotPermitted

from .common import record_for, refusal


class ReceiptConfirmForm(forms.Form):
    paid_on = forms.DateField(
        label="缴费日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="以缴费凭证上的日期为准；答复期限自该日起恢复计算。",
    )


def online_context(application: Application, *, handles: bool) -> dict[str, Any]:
    """The application page's part: the online answer to the 补正 notice and the
    payment receipts, with a confirmation form for each receipt still waiting."""
    correction = getattr(application, "correction", None)
    answer = getattr(correction, "online_answer", None)
    fee = getattr(application, "fee_notice", None)
    receipts = list(fee.receipts.select_related("confirmed_by")) if fee else []
    open_fee = fee is not None and fee.settled_on is None
    return {
        "online_answer": answer,
        "receipts": [
            (
                receipt,
                ReceiptConfirmForm(
                    prefix=f"receipt-{receipt.pk}",
                    initial={"paid_on": receipt.uploaded_on},
                )
                if handles and open_fee and receipt.confirmed_at is None
                else None,
            )
            for receipt in receipts
        ],
    }


@requires(Permission.APPLICATION_VIEW)
def application_correction_file(
    request: HttpRequest, application_id: int, file_id: int
) -> HttpResponseBase:
    """A file of the online correction, for staff who may see the application."""
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_VIEW
    )
    stored = get_object_or_404(
        OnlineCorrectionFile, pk=file_id, answer__correction__application=application
    )
    return download(stored.file, filename=stored.name)


@requires(Permission.APPLICATION_VIEW)
def application_receipt_file(
    request: HttpRequest, application_id: int, receipt_id: int
) -> HttpResponseBase:
    """A payment receipt the applicant uploaded, for staff only."""
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_VIEW
    )
    receipt = get_object_or_404(
        PaymentReceipt, pk=receipt_id, fee_notice__application=application
    )
    return download(receipt.file, filename=receipt.name)


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def application_correction_seen(
    request: HttpRequest, application_id: int
) -> HttpResponse:
    """The handler has read the online correction: it leaves the dashboard list."""
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_VIEW
    )
    answer = get_object_or_404(OnlineCorrection, correction__application=application)
    online_correction_mark_seen(acting_user=signed_in(request), answer=answer)
    messages.success(request, "已标记为已处理。")
    return redirect("workspace:application", application.pk)


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def application_receipt_confirm(
    request: HttpRequest, application_id: int, receipt_id: int
) -> HttpResponse:
    """Confirm a payment receipt: the fee is paid on the day given."""
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_VIEW
    )
    receipt = get_object_or_404(
        PaymentReceipt, pk=receipt_id, fee_notice__application=application
    )
    form = ReceiptConfirmForm(request.POST, prefix=f"receipt-{receipt.pk}")
    if not form.is_valid():
        messages.error(request, "确认缴费：请填写有效的缴费日期。")
        return redirect("workspace:application", application.pk)
    try:
        payment_receipt_confirm(
            acting_user=signed_in(request),
            receipt=receipt,
            paid_on=form.cleaned_data["paid_on"],
        )
    except NotPermitted:
        raise
    except ValidationError as error:
        refusal(request, error)
    else:
        messages.success(request, "已确认缴费，答复期限恢复计算。")
    return redirect("workspace:application", application.pk)


@requires(Permission.APPLICATION_VIEW)
def application_letter_pdf(
    request: HttpRequest, application_id: int, letter_id: int
) -> HttpResponseBase:
    """A letter as PDF, from the same text as its DOCX."""
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_VIEW
    )
    letter = get_object_or_404(Letter, pk=letter_id, application=application)
    return download(
        letter_pdf(letter),
        filename=f"{letter.title}（{letter.number}）.pdf",
        content_type="application/pdf",
    )
