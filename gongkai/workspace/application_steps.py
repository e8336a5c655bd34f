"""Every step of an application's handling, as the workspace offers it: the form
that asks for the step's facts and the service that takes it. Which steps an
application can take now, the permission each needs and its label are the
applications app's transition table (``gongkai.applications.workflow``); the
service checks them. This module only says how each step is asked for, and which
steps a page offers the user (``StepPage.offered_to``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Actor, Permission, can, roles_granting
from gongkai.agencies.forms import AdjustmentForm
from gongkai.agencies.models import Agency
from gongkai.applications import services
from gongkai.applications.models import (
    Application,
    Consultation,
    FeeNotice,
    Ground,
    Outcome,
)
from gongkai.applications.services.decisions import PROCEDURAL_OUTCOMES
from gongkai.applications.workflow import (
    APPLICATION_WORKFLOW,
    ApplicationStep,
    step_label,
)

from .forms import RegisterForm
from .widgets import DateInput

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

# A label: a Chinese row label of the workflow, or a translatable English one.
Label: TypeAlias = "str | _StrPromise"


def _date(label: Label) -> forms.DateField:
    return forms.DateField(
        label=label,
        initial=timezone.localdate,
        widget=DateInput(),
    )


def _text(label: Label, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": 3})
    )


class RegisterAdjustableForm(RegisterForm, AdjustmentForm):
    """Registering an application received on paper, with the adjustment reason
    for a receipt day in a published year."""


class ConfirmForm(AdjustmentForm):
    confirmed_on = _date(_("Confirmed with the applicant on"))


class ReasonForm(forms.Form):
    reason = _text(_("Reason"))


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label=_("Handler"), queryset=User.objects.none())


class CorrectionRequestForm(forms.Form):
    notified_on = _date(_("Notified on"))
    items = _text(_("Everything the applicant must correct (第三十条: all at once)"))
    period_days = forms.IntegerField(
        label=_("Working days to correct"), required=False, min_value=1, max_value=60
    )


class CorrectionReceiveForm(forms.Form):
    corrected_on = _date(_("Corrected application received on"))


class ClosedOnForm(AdjustmentForm):
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


class WithdrawForm(AdjustmentForm):
    withdrawn_on = _date(_("Withdrawn on"))
    reason = _text(_("Reason"), required=False)


class TransferForm(AdjustmentForm):
    closed_on = _date(_("Closed on"))
    # 转办 inside gongkai (applications.services.transfer): the competent agency
    # from the list sends it the application; free text for any other agency.
    to_agency = forms.ModelChoiceField(
        label="负责公开的机关（使用本系统的）",
        queryset=Agency.objects.filter(
            users__is_active=True,
            users__role__in=roles_granting(Permission.APPLICATION_HANDLE),
        ).distinct(),
        required=False,
        help_text="选择后，申请将转送该机关，由其签收或退回。",
    )
    competent_agency = forms.CharField(
        label=_("The agency that holds the information"),
        max_length=200,
        required=False,
        help_text="其他机关请填写名称和联系方式；选择了上面的机关时可不填。",
    )
    note = _text("转办说明（给负责公开的机关）", required=False)


class DecideForm(AdjustmentForm):
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


class ReopenForm(AdjustmentForm):
    reopened_on = _date(_("Reopened on"))
    reason = _text(_("Reason"))


def _letter_kinds() -> list[tuple[str, str]]:
    return LETTER_KINDS


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Letter"), choices=_letter_kinds)
    issued_on = _date(_("Issued on"))
    note = _text(_("Note"), required=False)


def _extend(
    *, acting_user: User | None, application: Application, **data: Any
) -> Application:
    """第三十三条第二款: the office head's approval is the acting head's own (the
    service refuses anyone else)."""
    if acting_user is None:
        raise ValueError("an extension is approved by a person")
    return services.application_extend(
        acting_user=acting_user,
        application=application,
        approved_by=acting_user,
        **data,
    )


@dataclass(frozen=True)
class StepPage:
    """How the workspace asks for one step: its form and the service it calls.
    The label and the permission are the workflow's row (a letter is no step of
    the workflow: it says its own)."""

    name: str
    form: type[forms.Form]
    service: Callable[..., Any]
    own_label: Label = ""
    own_permission: Permission = Permission.APPLICATION_HANDLE

    @property
    def label(self) -> Label:
        if self.name in APPLICATION_WORKFLOW.steps:
            return step_label(self.name)
        return self.own_label

    @property
    def permission(self) -> Permission:
        if self.name in APPLICATION_WORKFLOW.steps:
            permission = APPLICATION_WORKFLOW.row(self.name).permission
            return Permission(permission or Permission.APPLICATION_HANDLE)
        return self.own_permission

    def offered_to(self, user: Actor, agency: Agency) -> bool:
        """Whether a page shows the step's form to ``user`` (the service decides
        whether it is taken)."""
        return can(user, self.permission, agency)


A = ApplicationStep

STEPS: dict[str, StepPage] = {
    page.name: page
    for page in (
        StepPage(A.CONFIRM, ConfirmForm, services.application_confirm),
        StepPage(
            A.LAPSE_UNCONFIRMED, ReasonForm, services.application_lapse_unconfirmed
        ),
        StepPage(A.ASSIGN, AssignForm, services.application_assign),
        StepPage(
            A.REQUEST_CORRECTION, CorrectionRequestForm, services.correction_request
        ),
        StepPage(
            A.RECEIVE_CORRECTION, CorrectionReceiveForm, services.correction_receive
        ),
        StepPage(A.LAPSE_CORRECTION, ClosedOnForm, services.correction_lapse),
        StepPage(
            A.START_CONSULTATION, ConsultationStartForm, services.consultation_start
        ),
        StepPage(
            A.FINISH_CONSULTATION, ConsultationFinishForm, services.consultation_finish
        ),
        StepPage(A.NOTIFY_FEE, FeeNotifyForm, services.fee_notify),
        StepPage(A.PAY_FEE, PaidForm, services.fee_pay),
        StepPage(A.WAIVE_FEE, WaiveForm, services.fee_waive),
        StepPage(A.LAPSE_FEE, ClosedOnForm, services.fee_lapse),
        StepPage(A.EXTEND, MoreTimeForm, _extend),
        StepPage(A.DELAY, MoreTimeForm, services.application_delay),
        StepPage(A.WITHDRAW, WithdrawForm, services.application_withdraw),
        StepPage(A.TRANSFER, TransferForm, services.application_transfer),
        StepPage(A.DECIDE, DecideForm, services.application_decide),
        StepPage(A.REOPEN, ReopenForm, services.application_reopen),
    )
}
LETTER_STEP = StepPage(
    "letter", LetterForm, services.letter_issue, own_label=_("Issue a letter")
)

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
