"""督办 on the workspace: a supervisor issues one from the supervision page's lists
(an overdue application, an overdue answer to a review or lawsuit, a late item, a
report not published in time), the unit answers it (text and files), the
supervisor sends the answer back or closes it. The services authorise
(``gongkai.directives.services``); a refusal of role or scope answers 403.

``supervision_findings`` gives the supervision page and the circular (通报) the
late work of a region and its directives, open and closed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import (
    Permission,
    agencies_in_scope,
    authorize,
    can,
    requires,
    signed_in,
)
from gongkai.agencies.models import Agency
from gongkai.applications.models import Application
from gongkai.applications.uploads import ACCEPTED_TEXT, megabytes
from gongkai.cases.models import AdministrativeReview, Litigation
from gongkai.catalog.models import Item
from gongkai.core.files import download
from gongkai.core.forms import MultipleFileField
from gongkai.core.params import id_param, year_param
from gongkai.core.workflow import NotPermitted
from gongkai.directives import selectors, services
from gongkai.directives.models import (
    TARGET_FIELDS,
    Directive,
    DirectiveFile,
    DirectiveKind,
    DirectiveState,
)
from gongkai.directives.workflow import DIRECTIVE_WORKFLOW, DirectiveStep
from gongkai.workdays.selectors import work_calendar

from ..widgets import DateInput
from .common import record_for, refusal

PER_PAGE = 30
# The answer period a new directive offers, in working days (the supervisor may
# change it on the form).
DEFAULT_ANSWER_WORKDAYS = 5
TARGET_MODELS: dict[str, type[Any]] = {
    DirectiveKind.APPLICATION: Application,
    DirectiveKind.REVIEW: AdministrativeReview,
    DirectiveKind.LITIGATION: Litigation,
    DirectiveKind.ITEM: Item,
}


# -- forms -----------------------------------------------------------------------


class IssueForm(forms.Form):
    text = forms.CharField(
        label="督办事项和要求",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=services.TEXT_LIMIT,
    )
    respond_by = forms.DateField(label="答复期限", widget=DateInput())


class AnswerForm(forms.Form):
    text = forms.CharField(
        label="答复内容",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=services.TEXT_LIMIT,
        help_text="写明已采取的整改措施和办理结果。",
    )
    attachments = MultipleFileField(label="附件", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = (
            f"可上传 {ACCEPTED_TEXT} 文件，每个不超过 "
            f"{megabytes(settings.GONGKAI_UPLOAD_MAX_BYTES)}，"
            f"最多 {settings.GONGKAI_UPLOAD_MAX_FILES} 个。"
        )


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label="意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=services.TEXT_LIMIT,
    )


# -- what the supervision page and the circular show ---------------------------------


def supervision_findings(
    region: Agency, today: date, year: int, units: list[Any]
) -> dict[str, Any]:
    """The late work of the region's units and its directives, open and closed;
    the units whose report on ``year`` is late, each with its open directive."""
    ids = list(region.subtree().values_list("pk", flat=True))
    directives = list(selectors.directives_of(agency_ids=ids))
    on_reports = {
        d.agency_id: d
        for d in directives
        if d.kind == DirectiveKind.REPORT and d.report_year == year and not d.is_closed
    }
    return {
        "late_work": selectors.late_work(agency_ids=ids, today=today),
        "late_report_rows": [
            (u, on_reports.get(u.agency_id))
            for u in units
            if u.report.on_time(today) is False
        ],
        "directives_open": [d for d in directives if not d.is_closed],
        "directives_closed": [d for d in directives if d.is_closed],
    }


def dashboard_directives(agency_ids: Any) -> dict[str, Any]:
    """The dashboard's 督办: those not yet closed within the user's reach, the
    earliest deadline first, and how many wait for the unit's answer."""
    found = list(
        selectors.directives_of(agency_ids=agency_ids, open_only=True).order_by(
            "respond_by", "pk"
        )
    )
    return {
        "directives_pending": found,
        "directives_to_answer": sum(d.state == DirectiveState.OPEN for d in found),
        "directives_today": timezone.localdate(),
    }


# -- pages ----------------------------------------------------------------------------


@requires(Permission.WORKSPACE_VIEW)
def directive_list(request: HttpRequest) -> HttpResponse:
    """Every directive within the user's reach: the unit's own, or its region's."""
    found = selectors.directives_of(
        agency_ids=agencies_in_scope(request.user).values("pk")
    )
    state = request.GET.get("state", "")
    if state in DirectiveState.values:
        found = found.filter(state=state)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "state": state,
        "states": DirectiveState.choices,
        "section": "directives",
    }
    return render(request, "workspace/directive_list.html", context)


def _target(request: HttpRequest) -> tuple[str, Agency, Any]:
    """The kind, unit and subject of the directive asked for (``?kind=…&target=ID``,
    or ``?kind=report&agency=ID&year=YYYY``)."""
    kind = request.GET.get("kind", "")
    if kind == DirectiveKind.REPORT:
        agency_id = id_param(request.GET, "agency")
        year = year_param(request.GET, default=None)
        if agency_id is None or year is None:
            raise Http404("请指明单位和年度。")
        return kind, get_object_or_404(Agency, pk=agency_id), year
    model = TARGET_MODELS.get(kind)
    target_id = id_param(request.GET, "target")
    if model is None or target_id is None:
        raise Http404("请指明督办的事项。")
    record = get_object_or_404(
        model._default_manager.select_related("agency"), pk=target_id
    )
    return kind, record.agency, record


def _default_respond_by(today: date) -> date:
    return work_calendar().nth_after(today, DEFAULT_ANSWER_WORKDAYS)


@requires(Permission.DIRECTIVE_ISSUE)
def directive_new(request: HttpRequest) -> HttpResponse:
    """Issue a 督办 on one late thing of a unit in the supervisor's region."""
    kind, agency, target = _target(request)
    authorize(request.user, Permission.DIRECTIVE_ISSUE, agency)
    today = timezone.localdate()
    form = IssueForm(
        request.POST or None, initial={"respond_by": _default_respond_by(today)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            directive = services.directive_issue(
                acting_user=signed_in(request),
                agency=agency,
                kind=kind,
                target=target,
                **form.cleaned_data,
            )
        except NotPermitted:
            raise
        except ValidationError as error:
            refusal(request, error)
        else:
            messages.success(request, f"已向{agency.name}发出督办。")
            return redirect("workspace:directive", directive.pk)
    label = Directive(kind=kind, **{TARGET_FIELDS[kind]: target}).target_label
    context = {
        "form": form,
        "agency": agency,
        "kind_label": DirectiveKind(kind).label,
        "about": label,
        "target": target,
        "kind": kind,
        "section": "supervision",
    }
    return render(request, "workspace/directive_new.html", context)


@requires(Permission.WORKSPACE_VIEW)
def directive_detail(request: HttpRequest, directive_id: int) -> HttpResponse:
    directive = record_for(
        request,
        Directive,
        directive_id,
        Permission.WORKSPACE_VIEW,
        also=("application", "review", "litigation", "item", "issued_by"),
    )
    user = request.user
    open_ = not directive.is_closed
    may_answer = open_ and can(user, Permission.DIRECTIVE_ANSWER, directive.agency)
    may_decide = can(user, Permission.DIRECTIVE_ISSUE, directive.agency)
    context = {
        "directive": directive,
        "responses": directive.responses.select_related("answered_by").prefetch_related(
            "files"
        ),
        "answer_form": AnswerForm() if may_answer else None,
        "may_send_back": may_decide
        and DIRECTIVE_WORKFLOW.allows(directive.state, DirectiveStep.SEND_BACK),
        "may_close": may_decide
        and DIRECTIVE_WORKFLOW.allows(directive.state, DirectiveStep.CLOSE),
        "decision_form": DecisionForm(),
        "overdue": open_ and directive.respond_by < timezone.localdate(),
        "section": "directives",
    }
    return render(request, "workspace/directive_detail.html", context)


@require_POST
@requires(Permission.DIRECTIVE_ANSWER)
def directive_answer(request: HttpRequest, directive_id: int) -> HttpResponse:
    directive = record_for(
        request, Directive, directive_id, Permission.DIRECTIVE_ANSWER
    )
    form = AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("workspace:directive", directive.pk)
    try:
        services.directive_answer(
            acting_user=signed_in(request),
            directive=directive,
            text=form.cleaned_data["text"],
            files=form.cleaned_data["attachments"],
        )
    except NotPermitted:
        raise
    except ValidationError as error:
        refusal(request, error)
    else:
        messages.success(request, "答复已提交。")
    return redirect("workspace:directive", directive.pk)


@require_POST
@requires(Permission.DIRECTIVE_ISSUE)
def directive_step(request: HttpRequest, directive_id: int, step: str) -> HttpResponse:
    """Send the answer back (with a reason) or close the directive."""
    directive = record_for(request, Directive, directive_id, Permission.DIRECTIVE_ISSUE)
    form = DecisionForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    user = signed_in(request)
    try:
        if step == DirectiveStep.SEND_BACK:
            services.directive_send_back(
                acting_user=user, directive=directive, reason=reason
            )
            messages.success(request, "已退回，请该单位重新答复。")
        elif step == DirectiveStep.CLOSE:
            services.directive_close(acting_user=user, directive=directive, note=reason)
            messages.success(request, "督办已办结。")
        else:
            raise Http404("没有这个步骤。")
    except NotPermitted:
        raise
    except ValidationError as error:
        refusal(request, error)
    return redirect("workspace:directive", directive.pk)


@requires(Permission.WORKSPACE_VIEW)
def directive_file(
    request: HttpRequest, directive_id: int, file_id: int
) -> HttpResponseBase:
    """A file of an answer, for the unit and the supervisors of its region."""
    directive = record_for(request, Directive, directive_id, Permission.WORKSPACE_VIEW)
    found = get_object_or_404(DirectiveFile, pk=file_id, response__directive=directive)
    return download(found.file, filename=found.name)
