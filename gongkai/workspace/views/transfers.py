"""Transfers between agencies (转办, issue 14): the receiving agency's queue, one
transfer's page with its 签收 and 退回 forms, and what an application's page shows
of the transfers it went through.

The services (``applications.services.transfer``) authorise: 签收 and 退回 need the
receiving agency's ``application.handle``; these views only read the forms. A
transfer is visible to whoever may read the applications of either agency.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import (
    Permission,
    agencies_in_scope,
    can,
    requires,
    signed_in,
)
from gongkai.agencies.forms import AdjustmentForm, without_adjustment
from gongkai.applications.models import Application, Transfer
from gongkai.applications.services.transfer import (
    TRANSFER_WORKFLOW,
    TransferStep,
    transfer_accept,
    transfer_return,
)
from gongkai.core.workflow import NotPermitted

from ..widgets import DateInput
from .common import refusal

PER_PAGE = 30

# The tabs of the list: (label, which transfers of the user's agencies).
TABS: dict[str, str] = {
    "waiting": "待签收",
    "received": "转来的全部",
    "sent": "本机关转出",
}


class AcceptForm(AdjustmentForm):
    accepted_on = forms.DateField(
        label="签收日期", initial=timezone.localdate, widget=DateInput()
    )


class ReturnForm(forms.Form):
    returned_on = forms.DateField(
        label="退回日期", initial=timezone.localdate, widget=DateInput()
    )
    reason = forms.CharField(
        label="退回理由",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="说明为何该申请也不属于本机关负责公开；转出机关将看到该理由。",
    )


FORMS: dict[str, type[forms.Form]] = {
    TransferStep.ACCEPT: AcceptForm,
    TransferStep.RETURN: ReturnForm,
}


def transfers_waiting(agency_ids: Any) -> QuerySet[Transfer]:
    """The transfers waiting for the 签收 of the agencies ``agency_ids``."""
    return Transfer.objects.to_agencies(agency_ids).waiting().for_list()


def transfers_context(application: Application) -> dict[str, Any]:
    """What an application's page shows of transfers: where it was sent (and what
    came of it), and from where it came when it was signed for here."""
    return {
        "transfers_out": list(
            application.transfers.select_related("to_agency", "accepted_as").order_by(
                "-pk"
            )
        ),
        "transfer_in": Transfer.objects.filter(accepted_as=application)
        .select_related("application__agency")
        .first(),
    }


def _visible(request: HttpRequest, transfer_id: int) -> Transfer:
    transfer = get_object_or_404(
        Transfer.objects.select_related(
            "application__agency", "to_agency", "accepted_as", "sent_by", "decided_by"
        ),
        pk=transfer_id,
    )
    user = request.user
    if not (
        can(user, Permission.APPLICATION_VIEW, transfer.to_agency)
        or can(user, Permission.APPLICATION_VIEW, transfer.application.agency)
    ):
        raise NotPermitted("该转办不属于您所在机关。", code="permission")
    return transfer


@requires(Permission.APPLICATION_VIEW)
def transfer_list(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "waiting")
    if tab not in TABS:
        tab = "waiting"
    ids = agencies_in_scope(request.user).values("pk")
    transfers = Transfer.objects.for_list()
    if tab == "waiting":
        transfers = transfers.to_agencies(ids).waiting()
    elif tab == "received":
        transfers = transfers.to_agencies(ids)
    else:
        transfers = transfers.filter(application__agency_id__in=ids)
    page = Paginator(transfers, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "workspace/transfer_list.html",
        {"tabs": TABS, "tab": tab, "page_obj": page},
    )


def _forms_for(request: HttpRequest, transfer: Transfer) -> dict[str, forms.Form]:
    """The 签收 and 退回 forms, for a handler of the receiving agency while the
    transfer waits."""
    if not can(request.user, Permission.APPLICATION_HANDLE, transfer.to_agency):
        return {}
    offered = {}
    for row in TRANSFER_WORKFLOW.steps_from(transfer.state):
        form = FORMS[row.step](prefix=row.step)
        without_adjustment(form, request.user, transfer.to_agency)
        offered[row.step] = form
    return offered


@requires(Permission.APPLICATION_VIEW)
def transfer_detail(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = _visible(request, transfer_id)
    original = transfer.application
    offered = _forms_for(request, transfer)
    context = {
        "transfer": transfer,
        "original": original,
        "sender_may_view": can(
            request.user, Permission.APPLICATION_VIEW, original.agency
        ),
        "receiver_may_view": can(
            request.user, Permission.APPLICATION_VIEW, transfer.to_agency
        ),
        "accept_form": offered.get(TransferStep.ACCEPT),
        "return_form": offered.get(TransferStep.RETURN),
        "accept_label": TRANSFER_WORKFLOW.row(TransferStep.ACCEPT).label,
        "return_label": TRANSFER_WORKFLOW.row(TransferStep.RETURN).label,
    }
    return render(request, "workspace/transfer_detail.html", context)


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def transfer_step(request: HttpRequest, transfer_id: int, step: str) -> HttpResponse:
    """签收 or 退回: the form checks the facts, the service whether the user may
    (a user of another agency gets 403) and whether the transfer still waits."""
    transfer = _visible(request, transfer_id)
    if step not in FORMS:
        raise Http404("没有这个转办步骤")
    form = FORMS[step](request.POST, prefix=step)
    without_adjustment(form, request.user, transfer.to_agency)
    label = TRANSFER_WORKFLOW.row(step).label
    if not form.is_valid():
        for field, errors in form.errors.items():
            name = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}：{name} {'；'.join(map(str, errors))}")
        return redirect("workspace:transfer", transfer.pk)
    user = signed_in(request)
    try:
        if step == TransferStep.ACCEPT:
            application = transfer_accept(
                acting_user=user, transfer=transfer, **form.cleaned_data
            )
        else:
            transfer_return(acting_user=user, transfer=transfer, **form.cleaned_data)
    except NotPermitted:
        raise
    except ValidationError as error:
        refusal(request, error)
        return redirect("workspace:transfer", transfer.pk)
    if step == TransferStep.ACCEPT:
        messages.success(
            request, f"已签收，登记为本机关的申请 {application.tracking_number}。"
        )
        return redirect("workspace:application", application.pk)
    messages.success(request, "已退回转出机关。")
    return redirect("workspace:transfer", transfer.pk)
