"""Reviews and lawsuits in the workspace (行政复议、行政诉讼): registering one from an
application's page, the case's page with every step it can take now (the copy
received → the answer due; the answer; the hearing; the decision; documents), and
the register with its search, filters, XLSX export and print layout.

Every step is a service of ``gongkai.cases`` through ``CASE_WORKFLOW``; the view
shows a refusal beside the page, except a role or scope that does not cover the
step (``NotPermitted``), which answers 403."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
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
    can,
    requires,
    signed_in,
)
from gongkai.agencies.forms import adjustment_field, without_adjustment
from gongkai.applications.models import Application
from gongkai.cases import selectors, services
from gongkai.cases.deadlines import answer_period
from gongkai.cases.models import (
    AdministrativeReview,
    Case,
    CaseDocument,
    Instance,
    Result,
    ReviewBody,
    Stage,
)
from gongkai.cases.workflow import CASE_WORKFLOW, STAGE_NAMES, CaseStep
from gongkai.core.files import download
from gongkai.core.workflow import NotPermitted

from ..audit import entries_for
from ..case_export import procedure_text, register_response, result_text
from ..widgets import DateInput
from .common import record_for, refusal

PER_PAGE = 50
OTHER_BODY = "__other__"

# -- forms -----------------------------------------------------------------------------


class CaseFileForm(forms.Form):
    """Register a review or a lawsuit against an application."""

    number = forms.CharField(label="案号", max_length=100, required=False)
    body_choice = forms.ChoiceField(label="复议机关或人民法院", required=False)
    body_other = forms.CharField(
        label="其他机关或法院（目录中没有时填写）", max_length=200, required=False
    )
    filed_on = forms.DateField(label="立案（受理）日期", widget=DateInput())
    served_on = forms.DateField(
        label="收到申请书副本或起诉状副本的日期",
        required=False,
        widget=DateInput(),
        help_text="填写后即按法定期限算出答复期限；未收到的可以以后再记录。",
    )
    adjustment = adjustment_field()

    def __init__(self, *args: Any, bodies: list[ReviewBody], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(b.name, b.name) for b in bodies]
        self.fields["body_choice"].choices = [  # type: ignore[attr-defined]
            *choices,
            (OTHER_BODY, "其他（下面填写）"),
        ]

    def body(self) -> str:
        chosen = self.cleaned_data.get("body_choice", "")
        if chosen == OTHER_BODY or not chosen:
            return str(self.cleaned_data.get("body_other", "")).strip()
        return str(chosen)


class ReviewFileForm(CaseFileForm):
    simplified = forms.BooleanField(label="适用简易程序（五日内答复）", required=False)


class LitigationFileForm(CaseFileForm):
    instance = forms.ChoiceField(
        label="审级", choices=Instance.choices, initial=Instance.FIRST
    )
    review = forms.ModelChoiceField(
        label="复议后起诉：所依据的行政复议",
        queryset=AdministrativeReview.objects.none(),
        required=False,
        help_text="未经复议直接起诉的，不选。",
    )
    after_review = forms.BooleanField(
        label="经过行政复议后起诉（复议不在本系统中时勾选）", required=False
    )


class ServeForm(forms.Form):
    served_on = forms.DateField(label="收到副本的日期", widget=DateInput())


class AnswerForm(forms.Form):
    answered_on = forms.DateField(label="提交答复或答辩状的日期", widget=DateInput())


class HearingForm(forms.Form):
    hearing_on = forms.DateField(label="审理或开庭日期", widget=DateInput())


class ConcludeForm(forms.Form):
    result = forms.ChoiceField(
        label="结果", choices=Result.choices, widget=forms.RadioSelect
    )
    concluded_on = forms.DateField(label="审结日期", widget=DateInput())
    reopened_on = forms.DateField(
        label="结果纠正：收到决定或判决之日",
        required=False,
        widget=DateInput(),
        help_text="纠正的，申请重新办理，从这一天起重新计算答复期限；不填则为审结日期。",
    )
    summary = forms.CharField(
        label="决定或判决要点",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    adjustment = adjustment_field()


class AttachForm(forms.Form):
    title = forms.CharField(
        label="材料名称",
        max_length=200,
        required=False,
        help_text="如：申请书副本、答复书、答辩状、复议决定书、判决书。",
    )
    file = forms.FileField(label="文件")


# The steps of a case's page: the form, and how the service is called with its
# cleaned data (given twice: the data, and where the upload is).
StepCall = Callable[[Any, Case, dict[str, Any], Any], Any]
STEP_PAGES: dict[str, tuple[type[forms.Form], StepCall]] = {
    CaseStep.SERVE: (
        ServeForm,
        lambda user, case, d, f: services.case_serve(
            acting_user=user, case=case, served_on=d["served_on"]
        ),
    ),
    CaseStep.ANSWER: (
        AnswerForm,
        lambda user, case, d, f: services.case_answer(
            acting_user=user, case=case, answered_on=d["answered_on"]
        ),
    ),
    CaseStep.SCHEDULE_HEARING: (
        HearingForm,
        lambda user, case, d, f: services.case_schedule_hearing(
            acting_user=user, case=case, hearing_on=d["hearing_on"]
        ),
    ),
    CaseStep.CONCLUDE: (
        ConcludeForm,
        lambda user, case, d, f: services.case_conclude(
            acting_user=user,
            case=case,
            result=d["result"],
            concluded_on=d["concluded_on"],
            summary=d.get("summary", ""),
            reopened_on=d.get("reopened_on"),
            adjustment=d.get("adjustment", ""),
        ),
    ),
    CaseStep.ATTACH: (
        AttachForm,
        lambda user, case, d, f: services.case_attach(
            acting_user=user,
            case=case,  # type: ignore[arg-type]
            file=f["file"],
            name=f["file"].name,
            title=d.get("title", ""),
        ),
    ),
}

# -- filing ----------------------------------------------------------------------------


def _kind(kind: str) -> str:
    if kind not in selectors.KINDS:
        raise Http404("没有这类案件")
    return kind


@requires(Permission.APPLICATION_HANDLE)
def case_new(request: HttpRequest, application_id: int) -> HttpResponse:
    """Register a review (?kind=review) or a lawsuit (?kind=litigation) against
    an application of the user's agency."""
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_HANDLE
    )
    kind = _kind(request.GET.get("kind", "review"))
    bodies = [
        b
        for b in selectors.review_bodies_for(application.agency)
        if (b.kind == ReviewBody.Kind.REVIEW) == (kind == "review")
    ]
    form_class = ReviewFileForm if kind == "review" else LitigationFileForm
    form = form_class(request.POST or None, bodies=bodies)
    if isinstance(form, LitigationFileForm):
        form.fields["review"].queryset = AdministrativeReview.objects.filter(  # type: ignore[attr-defined]
            application=application
        )
    without_adjustment(form, request.user, application.agency)
    if request.method == "POST" and form.is_valid():
        try:
            case = _file(request, kind, application, form)
        except NotPermitted:
            raise
        except ValidationError as error:
            refusal(request, error)
        else:
            messages.success(request, f"已登记{selectors.KIND_NAMES[kind]}。")
            return redirect("workspace:case", kind, case.pk)
    context = {
        "application": application,
        "form": form,
        "kind": kind,
        "kind_name": selectors.KIND_NAMES[kind],
        "period": answer_period(kind),
    }
    return render(request, "workspace/case_new.html", context)


def _file(
    request: HttpRequest, kind: str, application: Application, form: CaseFileForm
) -> Case:
    data = form.cleaned_data
    user = signed_in(request)
    common: dict[str, Any] = {
        "acting_user": user,
        "agency": application.agency,
        "application": application,
        "filed_on": data["filed_on"],
        "number": data.get("number", "").strip(),
        "body": form.body(),
        "adjustment": data.get("adjustment", ""),
    }
    case: Case
    if kind == "review":
        case = services.review_file(simplified=bool(data.get("simplified")), **common)
    else:
        case = services.litigation_file(
            review=data.get("review"),
            after_review=bool(data.get("after_review")),
            instance=data.get("instance") or Instance.FIRST,
            **common,
        )
    if data.get("served_on"):
        services.case_serve(acting_user=user, case=case, served_on=data["served_on"])
    return case


# -- one case --------------------------------------------------------------------------


def _case(request: HttpRequest, kind: str, case_id: int) -> Case:
    model = selectors.case_model(_kind(kind))
    case: Case = record_for(
        request, model, case_id, Permission.APPLICATION_VIEW, also=("application",)
    )
    return case


@requires(Permission.APPLICATION_VIEW)
def case_detail(request: HttpRequest, kind: str, case_id: int) -> HttpResponse:
    case = _case(request, kind, case_id)
    return _detail_page(request, kind, case)


def _detail_page(
    request: HttpRequest,
    kind: str,
    case: Case,
    failed: tuple[str, forms.Form] | None = None,
) -> HttpResponse:
    handles = can(request.user, Permission.APPLICATION_HANDLE, case.agency)
    steps = []
    if handles:
        for row in CASE_WORKFLOW.steps_from(str(case.stage)):
            form_class, _call = STEP_PAGES[row.step]
            if failed and failed[0] == row.step:
                form = failed[1]
            else:
                form = form_class(prefix=str(row.step))
            if "adjustment" in form.fields:
                without_adjustment(form, request.user, case.agency)
            steps.append((str(row.step), row.label, form))
    today = timezone.localdate()
    context = {
        "case": case,
        "kind": kind,
        "kind_name": selectors.KIND_NAMES[kind],
        "stage_name": STAGE_NAMES[case.stage],
        "result_name": result_text(case),
        "procedure": procedure_text(case),
        "period": answer_period(kind, simplified=getattr(case, "simplified", False)),
        "overdue": _overdue(case, today),
        "documents": case.documents.all(),  # type: ignore[attr-defined]
        "steps": steps,
        "history": entries_for(case),
        "follow_up": _follow_up(case),
        "litigations": case.litigations.all() if kind == "review" else [],  # type: ignore[attr-defined]
        "audit_key": f"cases.{type(case)._meta.model_name}",
    }
    return render(request, "workspace/case_detail.html", context)


def _overdue(case: Case, today: date) -> bool:
    return (
        case.stage == Stage.SERVED
        and case.answer_due is not None
        and case.answer_due < today
    )


def _follow_up(case: Case) -> Application | None:
    if case.application is None or not services.result_corrects(case):
        return None
    found: Application | None = case.application.follow_ups.order_by("-pk").first()
    return found


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def case_step(request: HttpRequest, kind: str, case_id: int, step: str) -> HttpResponse:
    case = _case(request, kind, case_id)
    if step not in STEP_PAGES:
        raise Http404("没有这一步")
    form_class, call = STEP_PAGES[step]
    form = form_class(request.POST, request.FILES, prefix=step)
    if "adjustment" in form.fields:
        without_adjustment(form, request.user, case.agency)
    if not form.is_valid():
        return _detail_page(request, kind, case, failed=(step, form))
    try:
        call(signed_in(request), case, form.cleaned_data, form.cleaned_data)
    except NotPermitted:
        raise
    except ValidationError as error:
        refusal(request, error)
        return redirect("workspace:case", kind, case.pk)
    messages.success(request, f"已记录：{CASE_WORKFLOW.row(step).label}。")
    return redirect("workspace:case", kind, case.pk)


@requires(Permission.APPLICATION_VIEW)
def case_document(
    request: HttpRequest, kind: str, case_id: int, document_id: int
) -> HttpResponseBase:
    """A document of a case, for staff who may see the case."""
    case = _case(request, kind, case_id)
    found = get_object_or_404(
        CaseDocument, pk=document_id, **{services.case_kind(case): case}
    )
    return download(found.file, filename=found.name)


# -- the register ----------------------------------------------------------------------


def _query(request: HttpRequest) -> selectors.RegisterQuery:
    get = request.GET
    year = get.get("year", "")
    return selectors.RegisterQuery(
        text=get.get("q", "").strip(),
        kind=get.get("kind", "") if get.get("kind") in selectors.KINDS else "",
        stage=get.get("stage", "") if get.get("stage") in Stage.values else "",
        result=get.get("result", "")
        if get.get("result") in (*Result.values, "pending")
        else "",
        year=int(year) if year.isdigit() and len(year) == 4 else None,
        overdue=get.get("overdue") == "1",
        sort=get.get("sort", "-filed_on")
        if get.get("sort") in selectors.SORTS
        else "-filed_on",
    )


def _found(request: HttpRequest) -> tuple[selectors.RegisterQuery, list[Case]]:
    query = _query(request)
    ids = agencies_in_scope(request.user).values("pk")
    today = timezone.localdate()
    return query, selectors.case_register(agency_ids=ids, query=query, today=today)


@requires(Permission.APPLICATION_VIEW)
def case_list(request: HttpRequest) -> HttpResponse:
    query, found = _found(request)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    today = timezone.localdate()
    rows = [
        {
            "case": case,
            "kind": services.case_kind(case),
            "kind_name": selectors.KIND_NAMES[services.case_kind(case)],
            "stage_name": STAGE_NAMES[case.stage],
            "result_name": result_text(case),
            "procedure": procedure_text(case),
            "overdue": _overdue(case, today),
        }
        for case in page
    ]
    context = {
        "page_obj": page,
        "rows": rows,
        "total": len(found),
        "query": query,
        "query_string": params.urlencode(),
        "kinds": selectors.KIND_NAMES,
        "stages": STAGE_NAMES,
        "results": [*Result.choices, ("pending", "尚未审结")],
        "sorts": selectors.SORTS,
        "years": range(today.year, today.year - 8, -1),
        "today": today,
    }
    return render(request, "workspace/case_list.html", context)


@requires(Permission.APPLICATION_VIEW)
def case_export(request: HttpRequest) -> HttpResponse:
    """The register's rows, as filtered on the page, as XLSX."""
    query, found = _found(request)
    today = timezone.localdate()
    return register_response(
        found,
        title="行政复议和行政诉讼登记簿",
        subtitle=_subtitle(query, today),
        filename=f"复议诉讼登记簿-{today.isoformat()}.xlsx",
    )


def _subtitle(query: selectors.RegisterQuery, today: date) -> str:
    parts = [f"导出日期 {today.isoformat()}"]
    if query.kind:
        parts.append(selectors.KIND_NAMES[query.kind])
    if query.year:
        parts.append(f"{query.year}年立案")
    if query.stage:
        parts.append(STAGE_NAMES[query.stage])
    if query.result:
        parts.append(dict([*Result.choices, ("pending", "尚未审结")])[query.result])
    if query.overdue:
        parts.append("答复已逾期")
    if query.text:
        parts.append(f"检索“{query.text}”")
    return "；".join(parts)


def dashboard_cases(agency_ids: Any) -> dict[str, Any]:
    """The dashboard's answers to reviews and lawsuits: overdue and due within 5
    working days (``cases_overdue``, ``cases_due_soon``), each with its kind."""
    today = timezone.localdate()

    def listed(cases: list[Case]) -> list[dict[str, Any]]:
        return [
            {
                "case": c,
                "kind": services.case_kind(c),
                "kind_name": selectors.KIND_NAMES[services.case_kind(c)],
            }
            for c in cases
        ]

    return {
        "cases_overdue": listed(
            selectors.answers_overdue(agency_ids=agency_ids, today=today)
        ),
        "cases_due_soon": listed(
            selectors.answers_due_soon(agency_ids=agency_ids, today=today)
        ),
    }
