"""Enquiries from the public: the list, answering one, publishing the answer.

Opening an enquiry needs ``enquiry.answer`` on its agency (the page shows the
asker's question); answering and publishing are authorised by the services, whose
refusal for role or scope (``NotPermitted``) answers 403."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import (
    Permission,
    agencies_in_scope,
    can,
    requires,
    signed_in,
)
from gongkai.activities import selectors, services
from gongkai.activities.models import Enquiry
from gongkai.core.workflow import NotPermitted

from ..forms import AnswerForm
from .common import record_for, refusal

PER_PAGE = 30


@requires(Permission.ENQUIRY_ANSWER)
def enquiry_list(request: HttpRequest) -> HttpResponse:
    enquiries = selectors.enquiries_of(
        agency_ids=agencies_in_scope(request.user).values("pk")
    )
    page = Paginator(enquiries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "workspace/enquiry_list.html", {"page_obj": page})


@requires(Permission.ENQUIRY_ANSWER)
def enquiry_detail(request: HttpRequest, enquiry_id: int) -> HttpResponse:
    enquiry = record_for(request, Enquiry, enquiry_id, Permission.ENQUIRY_ANSWER)
    initial = {"answer": enquiry.answer, "answered_on": enquiry.answered_on}
    form = AnswerForm(
        request.POST or None,
        initial={
            **initial,
            "answered_on": initial["answered_on"] or timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.enquiry_answer(
                acting_user=signed_in(request), enquiry=enquiry, **form.cleaned_data
            )
        except NotPermitted:
            raise
        except ValidationError as error:
            refusal(request, error)
        else:
            messages.success(
                request, _("The answer was saved; it counts as one 咨询答复.")
            )
            return redirect("workspace:enquiry", enquiry.pk)
    context = {
        "enquiry": enquiry,
        "form": form,
        "may_publish": can(request.user, Permission.ENQUIRY_PUBLISH, enquiry.agency),
    }
    return render(request, "workspace/enquiry_detail.html", context)


@require_POST
@requires(Permission.ENQUIRY_ANSWER)
def enquiry_publish(request: HttpRequest, enquiry_id: int) -> HttpResponse:
    enquiry = record_for(request, Enquiry, enquiry_id, Permission.ENQUIRY_ANSWER)
    publish = request.POST.get("publish") == "1"
    try:
        services.enquiry_publish(
            acting_user=signed_in(request), enquiry=enquiry, publish=publish
        )
    except NotPermitted:
        raise
    except ValidationError as error:
        refusal(request, error)
    else:
        messages.success(
            request,
            _("Published on the site.") if publish else _("Taken down from the site."),
        )
    return redirect("workspace:enquiry", enquiry.pk)
