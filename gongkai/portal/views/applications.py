"""Applying online, and following an application.

Applying is one of the two things the public does here that writes (asking a
question is the other): the view calls the intake service ``application_submit``
after the guards (challenge, honeypot, rate limit). An online application counts as
received once the agency confirms it with the applicant (《政府信息公开条例》
第三十一条第三项); the tracking page shows that, the due date and how it was
computed, and the letters, to whoever holds the tracking number and its query code.

The tracking page is also the applicant's desk (issue 13): what the status means
and what happens next (``applications.status_text``), the request as submitted,
every letter as PDF and DOCX, the answer to a 补正 notice online (text and files;
it is received that day and the reply period runs anew, 第三十条), and a payment
receipt for a fee notice, which staff confirm. Each of these forms carries a
one-time token, so a double click records one answer.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.models import Agency
from gongkai.applications.models import (
    Application,
    ApplicationChannel,
)
from gongkai.applications.selectors import correction_awaited, fee_awaited
from gongkai.applications.services import (
    application_submit,
    correction_answer_online,
    letter_pdf,
    payment_receipt_upload,
)
from gongkai.applications.status_text import status_meaning
from gongkai.core.files import download
from gongkai.core.workflow import Refused
from gongkai.notices.services import application_sms_opt_out
from gongkai.releases import selectors as release_selectors
from gongkai.workdays.arithmetic import day_text

from .. import queries
from ..forms import (
    CorrectionAnswerForm,
    OnlineApplicationForm,
    ReceiptForm,
    TrackForm,
)
from ..guard import (
    TOKEN_FIELD,
    rate_limited,
    rate_refused,
    rate_take,
    submit_once,
    submitted_earlier,
    token_of,
)
from ..tracking import secret_matches, tracking_secret

SESSION_SUBMITTED = "gongkai_application_submitted"
SESSION_TRACKED = "gongkai_tracked"


def apply_start(request: HttpRequest) -> HttpResponse:
    """Which agency to apply to."""
    context = {
        "agencies": queries.agencies_listed(),
        "whole": queries.whole_tree_listed(),
    }
    return render(request, "portal/apply_start.html", context)


@require_http_methods(["GET", "POST"])
def apply_form(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = queries.agency(agency_id)
    if agency is None:
        raise Http404("没有这个机关")
    posted = request.method == "POST"
    earlier = submitted_earlier("application", token_of(request)) if posted else None
    if earlier is not None:  # a double click or a replayed POST: the same number
        return _submitted(request, earlier)
    limited = rate_limited("application", request)
    if limited and posted:
        rate_refused("application", request)
    form = OnlineApplicationForm(request.POST or None, request=request)
    if posted and not limited and form.is_valid():
        if rate_take("application", request):
            return _submitted(request, _submit(form, agency))
        limited = True
    if posted:
        form.renew_challenge()
    if limited:
        messages.error(
            request,
            _(
                "Too many submissions: try again in an hour, "
                "or apply by letter or in person."
            ),
        )
    status = 429 if limited and posted else 200
    context = {"agency": agency, "form": form, "limited": limited}
    return render(request, "portal/apply_form.html", context, status=status)


def _submit(form: OnlineApplicationForm, agency: Agency) -> str:
    """Store the application once for the form's one-time token; its number."""

    def create() -> str:
        # Anyone may apply (第二十九条): the visitor acts as themself, never as the
        # system, and the service asks no permission.
        application = application_submit(
            acting_user=form.request.user,
            agency=agency,
            submitted_on=timezone.localdate(),
            channel=ApplicationChannel.ONLINE,
            applicant=form.applicant(),
            **form.application_fields(),
        )
        if form.cleaned_data.get("sms_opt_out"):  # gongkai.notices
            application_sms_opt_out(
                acting_user=form.request.user, application=application
            )
        return application.tracking_number

    return submit_once("application", form.cleaned_data[TOKEN_FIELD], create)


def _submitted(request: HttpRequest, tracking_number: str) -> HttpResponse:
    request.session[SESSION_SUBMITTED] = tracking_number
    _remember(request, tracking_number)
    return redirect("portal:apply_done")


def apply_done(request: HttpRequest) -> HttpResponse:
    tracking_number = request.session.get(SESSION_SUBMITTED)
    if tracking_number is None:
        return redirect("portal:apply")
    context = {
        "tracking_number": tracking_number,
        "secret": tracking_secret(tracking_number),
    }
    return render(request, "portal/apply_done.html", context)


def _remember(request: HttpRequest, tracking_number: str) -> None:
    tracked = set(request.session.get(SESSION_TRACKED, []))
    tracked.add(tracking_number)
    request.session[SESSION_TRACKED] = sorted(tracked)


def _tracked(request: HttpRequest, tracking_number: str) -> Application:
    """The application, if this visitor gave its query code (else 404: the page
    does not say whether the number exists)."""
    if tracking_number not in request.session.get(SESSION_TRACKED, []):
        raise Http404("请先输入申请编号和查询码")
    application = queries.application_tracked(tracking_number)
    if application is None:
        raise Http404("没有这个申请")
    return application


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["tracking_number"].strip().upper()
        found = queries.application_tracked(number)
        if found is not None and secret_matches(number, form.cleaned_data["secret"]):
            _remember(request, found.tracking_number)
            return redirect("portal:track_detail", found.tracking_number)
        form.add_error(None, "申请编号或查询码不正确。")
    return render(request, "portal/track.html", {"form": form})


def track_detail(request: HttpRequest, tracking_number: str) -> HttpResponse:
    application = _tracked(request, tracking_number)
    return _desk(request, application)


def _desk(
    request: HttpRequest,
    application: Application,
    *,
    correction_form: CorrectionAnswerForm | None = None,
    receipt_form: ReceiptForm | None = None,
) -> HttpResponse:
    """The tracking page: where the application is and what comes next, the
    request as submitted, the letters, and what the applicant can send now (the
    answer to a 补正 notice, a payment receipt)."""
    served = queries.application_served(application)
    correction = getattr(application, "correction", None)
    fee = getattr(application, "fee_notice", None)
    correction_open = correction_awaited(application) is not None
    fee_open = fee_awaited(application) is not None
    context = {
        "application": application,
        "meaning": status_meaning(application),
        "explanation": queries.application_due_explained(application),
        "letters": queries.application_letters(application),
        "released_files": release_selectors.files_released(application),
        "served": served,
        "remedies": queries.application_remedies(served),
        "correction": correction,
        "answer": getattr(correction, "online_answer", None),
        "correction_form": correction_form
        or (CorrectionAnswerForm() if correction_open else None),
        "fee": fee,
        "receipts": list(fee.receipts.all()) if fee is not None else [],
        "receipt_form": receipt_form or (ReceiptForm() if fee_open else None),
        "payment_guide": settings.GONGKAI_FEE_PAYMENT_GUIDE if fee_open else "",
        "guide": queries.guide(application.agency) if fee_open else None,
    }
    bound = correction_form is not None or receipt_form is not None
    return render(
        request, "portal/track_detail.html", context, status=400 if bound else 200
    )


@require_POST
def track_correction(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The applicant answers the 补正 notice: text and files, received today
    (第三十条: the reply period runs anew from this day)."""
    application = _tracked(request, tracking_number)
    if submitted_earlier("correction", token_of(request)) is not None:
        return redirect(_detail_url(application, "correction"))  # a double click
    form = CorrectionAnswerForm(request.POST, request.FILES)
    if form.is_valid():
        today = timezone.localdate()

        def create() -> str:
            correction_answer_online(
                acting_user=request.user,
                application=application,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["attachments"],
                received_on=today,
            )
            return application.tracking_number

        try:
            submit_once("correction", form.cleaned_data[TOKEN_FIELD], create)
        except Refused as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"本机关已收到您的补正，收到日期为{day_text(today)}，"
                "答复期限自该日起重新计算。",
            )
            return redirect(_detail_url(application, "correction"))
    return _desk(request, application, correction_form=form)


@require_POST
def track_receipt(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The applicant uploads a payment receipt for the fee notice; staff confirm
    it, and the payment is recorded then."""
    application = _tracked(request, tracking_number)
    if submitted_earlier("receipt", token_of(request)) is not None:
        return redirect(_detail_url(application, "fee"))
    form = ReceiptForm(request.POST, request.FILES)
    if form.is_valid():

        def create() -> str:
            receipt = payment_receipt_upload(
                acting_user=request.user,
                application=application,
                file=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
                uploaded_on=timezone.localdate(),
            )
            return str(receipt.pk)

        try:
            submit_once("receipt", form.cleaned_data[TOKEN_FIELD], create)
        except Refused as error:
            form.add_error(None, error)
        else:
            messages.success(request, "缴费凭证已上传，本机关确认后继续办理。")
            return redirect(_detail_url(application, "fee"))
    return _desk(request, application, receipt_form=form)


def _detail_url(application: Application, anchor: str) -> str:
    url = reverse("portal:track_detail", args=[application.tracking_number])
    return f"{url}#{anchor}"


def track_released_file(
    request: HttpRequest, tracking_number: str, file_id: int
) -> HttpResponseBase:
    """A file the agency handed over (gongkai.releases), for a visitor who gave
    the tracking number and its query code; a 部分公开 file only as its redacted
    copy. Anything else is 404, which says nothing of whether it exists."""
    application = _tracked(request, tracking_number)
    file = release_selectors.files_released(application).filter(pk=file_id).first()
    if file is None:
        raise Http404("没有这个文件")
    stored, content_type = release_selectors.released_copy(file)
    response = download(stored, filename=file.release_name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def track_letter(
    request: HttpRequest, tracking_number: str, letter_id: int
) -> HttpResponseBase:
    """A letter to the applicant, for a visitor who gave the tracking number and
    its query code (else 404)."""
    application = _tracked(request, tracking_number)
    letter = queries.application_letters(application).filter(pk=letter_id).first()
    if letter is None or not letter.file:
        raise Http404("没有这封信函")
    return download(letter.file, filename=f"{letter.title}（{letter.number}）.docx")


def track_letter_pdf(
    request: HttpRequest, tracking_number: str, letter_id: int
) -> HttpResponseBase:
    """A letter as PDF, from the same text as its DOCX, for a visitor who gave the
    tracking number and its query code (else 404)."""
    application = _tracked(request, tracking_number)
    letter = queries.application_letters(application).filter(pk=letter_id).first()
    if letter is None:
        raise Http404("没有这封信函")
    return download(
        letter_pdf(letter),
        filename=f"{letter.title}（{letter.number}）.pdf",
        content_type="application/pdf",
    )
