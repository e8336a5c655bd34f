"""The enquiry box (咨询, 领导信箱): the answers published, and the form to ask.

Asking is the one thing besides applying that the public does here: the view
calls the intake service ``enquiry_ask`` after the guards (challenge, honeypot,
rate limit) and does nothing else that writes.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.activities.services import enquiry_ask
from gongkai.agencies.models import Agency

from .. import queries
from ..caching import public_page
from ..forms import EnquiryForm
from ..guard import (
    TOKEN_FIELD,
    rate_limited,
    rate_refused,
    rate_take,
    submit_once,
    submitted_earlier,
    token_of,
)

PER_PAGE = 20
SESSION_SENT = "gongkai_enquiry_sent"


@public_page
def enquiry_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.answers_public(), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "portal/enquiry_list.html", {"page_obj": page})


@public_page
def enquiry_detail(request: HttpRequest, enquiry_id: int) -> HttpResponse:
    enquiry = queries.answers_public().filter(pk=enquiry_id).first()
    if enquiry is None:
        raise Http404("该来信不存在或未公开")
    return render(request, "portal/enquiry_detail.html", {"enquiry": enquiry})


@require_http_methods(["GET", "POST"])
def enquiry_ask_view(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = queries.agency(agency_id)
    if agency is None:
        raise Http404("没有这个机关")
    posted = request.method == "POST"
    earlier = submitted_earlier("enquiry", token_of(request)) if posted else None
    if earlier is not None:  # a double click or a replayed POST: the same reference
        return _sent(request, earlier)
    limited = rate_limited("enquiry", request)
    if limited and posted:
        rate_refused("enquiry", request)
    form = EnquiryForm(request.POST or None, request=request)
    if posted and not limited and form.is_valid():
        if rate_take("enquiry", request):
            return _sent(request, _ask(form, agency))
        limited = True
    if posted:
        form.renew_challenge()
    if limited:
        messages.error(
            request,
            _("Too many submissions: try again in an hour, or call or write to us."),
        )
    context = {"agency": agency, "form": form, "limited": limited}
    return render(
        request,
        "portal/enquiry_form.html",
        context,
        status=429 if limited and posted else 200,
    )


def _ask(form: EnquiryForm, agency: Agency) -> str:
    """Store the question once for the form's one-time token; its reference."""
    data = {k: form.cleaned_data[k] for k in EnquiryForm.field_order[:6]}

    def create() -> str:
        return enquiry_ask(acting_user=None, agency=agency, **data).reference

    return submit_once("enquiry", form.cleaned_data[TOKEN_FIELD], create)


def _sent(request: HttpRequest, reference: str) -> HttpResponse:
    request.session[SESSION_SENT] = reference
    return redirect("portal:enquiry_sent")


def enquiry_sent(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(SESSION_SENT)
    if reference is None:
        return redirect("portal:enquiries")
    return render(request, "portal/enquiry_sent.html", {"reference": reference})
