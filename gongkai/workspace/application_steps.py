"""Every step of an application's handling, as the workspace offers it: the form
that asks for the step's facts, the service that takes it, and the permission it
needs. Which steps an application can take now is the applications app's
transition table (``gongkai.applications.workflow``); this module only says how
each is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.permissions import Permission
from gongkai.applications import services
from gongkai.applications.models import (
    Consultation,
    FeeNotice,
    Ground,
    Outcome,
)
from gongkai.applications.services.decisions import PROCEDURAL_OUTCOMES
from gongkai.applications.workflow import ACTION_NAMES, Action

from .widgets import DateInput


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        initial=timezone.localdate,
        widget=DateInput(),
    )


def _text(label: str, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConfirmForm(forms.Form):
    confirmed_on = _date(_("Confirmed with the applicant on"))


class ReasonForm(forms.Form):
    reason = _text(_("Reason"))


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label=_("Handler"), queryset=None)


class CorrectionRequestForm(forms.Form):
    notified_on = _date(_("Notified on"))
    items = _text(_("Everything the applicant must correct (第三十条: all at once)"))
    period_days = forms.IntegerField(
        label=_("Working days to correct"), required=False, min_value=1, max_value=60
    )


class CorrectionReceiveForm(forms.Form):
    corrected_on = _date(_("Corrected application received on"))


class ClosedOnForm(forms.Form):
    closed_on = _date(_("Closed on"))


class ConsultationStartForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Consultation.Kind.choices)
    party = forms.CharField(label=_("Consulted party"), max_length=300)
    sent_on = _date(_("Sent on"))


class ConsultationFinishForm(forms.Form):
    answered_on = _date(_("Answered on"))
    opinion = forms.ChoiceField(
        label=_("Opinion"), choices=Consultation.Opinion.choices
    )


class FeeNotifyForm(forms.Form):
    basis = forms.ChoiceField(label=_("Basis"), choices=FeeNotice.Basis.choices)
    notified_on = _date(_("Notified on"))
    pages = forms.IntegerField(label=_("Pages"), min_value=0, initial=0)
    reduction = forms.DecimalField(
        label=_("Reduction (yuan)"), min_value=0, initial=0, decimal_places=2
    )
    reduction_reason = forms.CharField(
        label=_("Reason for the reduction"), required=False
    )


class PaidForm(forms.Form):
    paid_on = _date(_("Paid on"))


class WaiveForm(forms.Form):
    waived_on = _date(_("Waived on"))
    reason = _text(_("Reason"))


class MoreTimeForm(forms.Form):
    days = forms.IntegerField(label=_("Working days"), min_value=1, max_value=20)
    reason = _text(_("Reason"))
    decided_on = _date(_("Decided on"))
    notified_on = _date(_("Applicant told on"))


class WithdrawForm(forms.Form):
    withdrawn_on = _date(_("Withdrawn on"))
    reason = _text(_("Reason"), required=False)


class TransferForm(forms.Form):
    closed_on = _date(_("Closed on"))
    competent_agency = forms.CharField(
        label=_("The agency that holds the information"), max_length=200
    )


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in Outcome.choices if c[0] not in PROCEDURAL_OUTCOMES],
    )
    ground = forms.ChoiceField(
        label=_("Refinement"), choices=Ground.choices, required=False
    )
    closed_on = _date(_("Replied on"))
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        help_text=_("Empty: the article the outcome rests on."),
    )


class ReopenForm(forms.Form):
    reopened_on = _date(_("Reopened on"))
    reason = _text(_("Reason"))


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Letter"), choices=lambda: LETTER_KINDS)
    issued_on = _date(_("Issued on"))
    note = _text(_("Note"), required=False)


def _extend(*, acting_user: Any, application: Any, **data: Any) -> Any:
    """第三十三条第二款: the office head's approval is the acting head's own."""
    return services.application_extend(
        acting_user=acting_user,
        application=application,
        approved_by=acting_user,
        **data,
    )


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    form: type[forms.Form]
    service: Callable[..., Any]
    permission: Permission = Permission.APPLICATION_HANDLE


def _step(
    action: Action, form: type[forms.Form], service: Callable[..., Any], **kw: Any
) -> Step:
    return Step(str(action), ACTION_NAMES[action], form, service, **kw)


STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        _step(Action.CONFIRM, ConfirmForm, services.application_confirm),
        _step(
            Action.LAPSE_UNCONFIRMED, ReasonForm, services.application_lapse_unconfirmed
        ),
        _step(Action.ASSIGN, AssignForm, services.application_assign),
        _step(
            Action.REQUEST_CORRECTION,
            CorrectionRequestForm,
            services.correction_request,
        ),
        _step(
            Action.RECEIVE_CORRECTION,
            CorrectionReceiveForm,
            services.correction_receive,
        ),
        _step(Action.LAPSE_CORRECTION, ClosedOnForm, services.correction_lapse),
        _step(
            Action.START_CONSULTATION,
            ConsultationStartForm,
            services.consultation_start,
        ),
        _step(
            Action.FINISH_CONSULTATION,
            ConsultationFinishForm,
            services.consultation_finish,
        ),
        _step(Action.NOTIFY_FEE, FeeNotifyForm, services.fee_notify),
        _step(Action.PAY_FEE, PaidForm, services.fee_pay),
        _step(Action.WAIVE_FEE, WaiveForm, services.fee_waive),
        _step(Action.LAPSE_FEE, ClosedOnForm, services.fee_lapse),
        _step(
            Action.EXTEND,
            MoreTimeForm,
            _extend,
            permission=Permission.APPLICATION_APPROVE,
        ),
        _step(Action.DELAY, MoreTimeForm, services.application_delay),
        _step(Action.WITHDRAW, WithdrawForm, services.application_withdraw),
        _step(Action.TRANSFER, TransferForm, services.application_transfer),
        _step(Action.DECIDE, DecideForm, services.application_decide),
        _step(Action.REOPEN, ReopenForm, services.application_reopen),
    )
}
LETTER_STEP = Step("letter", _("Issue a letter"), LetterForm, services.letter_issue)

# The letters staff issue, as their templates title them (the applications app's
# shipped defaults); which one an application may have depends on its steps.
LETTER_KINDS = [
    ("acknowledgement", "政府信息公开申请受理通知书"),
    ("correction", "补正政府信息公开申请告知书"),
    ("consultation", "政府信息公开征求意见函"),
    ("fee", "政府信息公开信息处理费收费通知书"),
    ("extension", "延长政府信息公开申请答复期限告知书"),
    ("delay", "延迟答复政府信息公开申请告知书"),
    ("reply", "政府信息公开申请答复书"),
]
