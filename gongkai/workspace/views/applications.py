"""Applications in the workspace: the lists (due soon, overdue, paused, to
confirm), registering a paper application, and one application with its due
date explained, its history, its letters and every step it can take now.

The views decide what a page shows; whether a step is taken is the service's to
say. A service's refusal is shown beside the form, except a user's role or scope
that does not cover the step (``NotPermitted``), which answers 403."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.models import User
from gongkai.accounts.permissions import (
    Permission,
    agencies_in_scope,
    can,
    requires,
    signed_in,
)
from gongkai.agencies.forms import without_adjustment
from gongkai.applications import masking, selectors
from gongkai.applications.forms import ApplicantLinkForm
from gongkai.applications.models import Application, Letter
from gongkai.applications.services import (
    applicant_id_number_read,
    applicant_link,
    applicant_merge,
    application_register,
    delivery_record,
)
from gongkai.applications.workflow import allowed_steps
from gongkai.core.files import download
from gongkai.core.workflow import NotPermitted
from gongkai.notices.selectors import notices_of
from gongkai.releases import selectors as release_selectors

from ..application_steps import (
    LETTER_STEP,
    STEPS,
    RegisterAdjustableForm,
    StepPage,
)
from ..audit import entries_for
from ..forms import DeliveryForm
from ..queues import BUCKETS, applications_in
from ..register import REGISTER_COLUMNS, RegisterFilterForm, register_rows
from ..register_export import xlsx_response
from .collaboration import collaboration_context
from .common import record_for, refusal
from .online import online_context
from .transfers import transfers_context

PER_PAGE = 30


def _register(
    request: HttpRequest,
) -> tuple[str, RegisterFilterForm, QuerySet[Application]]:
    """The list asked for (a tab of the applications page), narrowed by the
    register's GET form: the same rows for the page, the print and the XLSX."""
    bucket = request.GET.get("bucket", "open")
    if bucket not in BUCKETS:
        raise Http404("没有这个列表")
    ids = agencies_in_scope(request.user).values("pk")
    found = applications_in(bucket, agency_ids=ids, user=request.user)
    form = RegisterFilterForm(request.GET)
    form.is_valid()
    return bucket, form, register_rows(form.narrowed(found))


def _query_string(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@requires(Permission.APPLICATION_VIEW)
def application_list(request: HttpRequest) -> HttpResponse:
    """The applications page: its lists as tabs, and the register's search,
    filters and sort over the chosen list (a plain GET form, bookmarkable)."""
    bucket, form, found = _register(request)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "bucket": bucket,
        "buckets": BUCKETS,
        "filter_form": form,
        "query_string": _query_string(request),
    }
    return render(request, "workspace/application_list.html", context)


def _register_title(bucket: str, form: RegisterFilterForm) -> tuple[str, str]:
    """The register's title and what it was narrowed to, for print and XLSX."""
    label = str(BUCKETS[bucket])
    return "政府信息公开申请登记簿", "；".join([f"列表：{label}", *form.described()])


@requires(Permission.APPLICATION_VIEW)
def application_register_print(request: HttpRequest) -> HttpResponse:
    """The 登记簿 as a page to print (A4 landscape), every row of the list."""
    bucket, form, found = _register(request)
    title, subtitle = _register_title(bucket, form)
    context = {
        "title": title,
        "subtitle": subtitle,
        "columns": REGISTER_COLUMNS,
        "rows": [
            [column.value(application) for column in REGISTER_COLUMNS]
            for application in found
        ],
        "printed_on": timezone.localdate(),
        "query_string": _query_string(request),
    }
    return render(request, "workspace/application_register_print.html", context)


@requires(Permission.APPLICATION_VIEW)
def application_register_xlsx(request: HttpRequest) -> HttpResponse:
    """The 登记簿 of the list as filtered, as an XLSX workbook."""
    bucket, form, found = _register(request)
    title, subtitle = _register_title(bucket, form)
    return xlsx_response(
        REGISTER_COLUMNS,
        found,
        title=title,
        subtitle=subtitle,
        filename=f"申请登记簿-{timezone.localdate():%Y%m%d}.xlsx",
    )


@requires(Permission.APPLICATION_HANDLE)
def application_new(request: HttpRequest) -> HttpResponse:
    """Register an application received on paper, in person or by post."""
    agencies = agencies_in_scope(request.user)
    form = RegisterAdjustableForm(request.POST or None)
    form.limit_agencies(agencies)
    without_adjustment(form, request.user, None)
    if request.method == "POST" and form.is_valid():
        try:
            application = application_register(
                acting_user=signed_in(request),
                agency=form.cleaned_data["agency"],
                received_on=form.cleaned_data["received_on"],
                channel=form.cleaned_data["channel"],
                applicant=form.applicant(),
                signed_for=form.cleaned_data["signed_for"],
                adjustment=form.cleaned_data.get("adjustment", ""),
                **form.application_fields(),
            )
        except NotPermitted:
            raise
        except ValidationError as error:
            refusal(request, error)
        else:
            messages.success(
                request,
                _("Application %(number)s registered.")
                % {"number": application.tracking_number},
            )
            return redirect("workspace:application", application.pk)
    return render(request, "workspace/application_new.html", {"form": form})


def _step_form(
    request: HttpRequest,
    step: StepPage,
    application: Application,
    data: Any = None,
) -> forms.Form:
    form = step.form(data, prefix=step.name)
    handler = form.fields.get("handler")
    if isinstance(handler, forms.ModelChoiceField):
        handler.queryset = User.objects.filter(
            agency=application.agency, is_active=True
        )
    to_agency = form.fields.get("to_agency")  # 转办 (issue 14): not to itself
    if isinstance(to_agency, forms.ModelChoiceField):
        agencies = to_agency.queryset
        if agencies is not None:
            to_agency.queryset = agencies.exclude(pk=application.agency_id)
    without_adjustment(form, request.user, application.agency)
    return form


def _steps_for(
    request: HttpRequest, application: Application
) -> list[tuple[StepPage, forms.Form]]:
    steps = [STEPS[step] for step in allowed_steps(application.status) if step in STEPS]
    steps.append(LETTER_STEP)
    return [
        (step, _step_form(request, step, application))
        for step in steps
        if step.offered_to(request.user, application.agency)
    ]


@requires(Permission.APPLICATION_VIEW)
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_VIEW
    )
    return _detail_page(request, application)


def _detail_page(
    request: HttpRequest, application: Application, id_number: str = ""
) -> HttpResponse:
    """One application's page; ``id_number`` is the applicant's full identity
    document number, only just read through the logged service."""
    handles = can(request.user, Permission.APPLICATION_HANDLE, application.agency)
    context = {
        **_applicant_context(request, application, id_number),
        "application": application,
        "explanation": selectors.due_explained(application),
        "letters": application.letters.prefetch_related("deliveries"),
        "delivery_form": DeliveryForm(prefix="delivery") if handles else None,
        "remedies": selectors.remedy_windows_after(
            selectors.decision_served(application)
        ),
        "history": entries_for(application),
        "notices": notices_of(application),  # gongkai.notices
        "notices_handle": handles,
        "steps": _steps_for(request, application),
        "correction": getattr(application, "correction", None),
        "released_files": release_selectors.files_for_staff(application),
        "evidence": selectors.application_evidence(application)
        if application.received_on
        else None,
        **online_context(application, handles=handles),
        **collaboration_context(request, application),  # issue 14
        **transfers_context(application),  # issue 14: 转办
    }
    return render(request, "workspace/application_detail.html", context)


def _applicant_context(
    request: HttpRequest, application: Application, id_number: str
) -> dict[str, Any]:
    """The applicant's details as this user may see them: the identity number
    masked until read (logged), the contact in full for a handler only."""
    handles = can(request.user, Permission.APPLICATION_HANDLE, application.agency)
    contact: list[tuple[str, Callable[[str], str]]] = [
        (application.applicant_phone, masking.masked_phone),
        (application.applicant_email, masking.masked_email),
        (application.applicant_address, masking.masked_address),
        (application.applicant_postcode, str),
    ]
    return {
        "handles": handles,
        "applicant_contact": [
            value if handles else mask(value) for value, mask in contact if value
        ],
        "applicant_id_masked": masking.masked_id_number(
            application.applicant_id_number
        ),
        "applicant_id_number": id_number,
        "link_form": ApplicantLinkForm(prefix="applicant") if handles else None,
        "applicant_known": handles and selectors.known_applicant_exists(application),
    }


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def application_applicant_id(request: HttpRequest, application_id: int) -> HttpResponse:
    """Show the applicant's full identity document number; the read is logged."""
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_VIEW
    )
    number = applicant_id_number_read(
        acting_user=signed_in(request), application=application
    )
    response = _detail_page(request, application, id_number=number)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def application_applicant_link(
    request: HttpRequest, application_id: int
) -> HttpResponse:
    """Tie the application to a known applicant (or merge two records of one)."""
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_VIEW
    )
    form = ApplicantLinkForm(request.POST, prefix="applicant")
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(str(e) for e in errors))
        return redirect("workspace:application", application.pk)
    target, data = form.cleaned_data["id_number"], form.cleaned_data
    user = signed_in(request)
    try:
        linked = application.applicant
        if data["merge"] and target and linked and linked.pk != target.pk:
            applicant_merge(acting_user=user, applicant=linked, into=target)
            if data["update_details"]:
                application.refresh_from_db()
                applicant_link(
                    acting_user=user,
                    application=application,
                    applicant=target,
                    update_details=True,
                )
        else:
            applicant_link(
                acting_user=user,
                application=application,
                applicant=target,
                update_details=data["update_details"],
            )
    except NotPermitted:
        raise
    except ValidationError as error:
        refusal(request, error)
    else:
        messages.success(request, _("The application is linked to its applicant."))
    return redirect("workspace:application", application.pk)


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def application_step(
    request: HttpRequest, application_id: int, step: str
) -> HttpResponse:
    """Take one step: the form checks the facts, the service whether the user may
    and whether the workflow allows it (a user it refuses gets 403)."""
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_VIEW
    )
    spec = LETTER_STEP if step == LETTER_STEP.name else STEPS.get(step)
    if spec is None:
        raise Http404("没有这个办理步骤")
    form = _step_form(request, spec, application, request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(
                request, f"{spec.label}：{field} {'；'.join(str(e) for e in errors)}"
            )
        return redirect("workspace:application", application.pk)
    try:
        spec.service(
            acting_user=signed_in(request), application=application, **form.cleaned_data
        )
    except NotPermitted:
        raise
    except ValidationError as error:
        refusal(request, error)
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": spec.label})
    return redirect("workspace:application", application.pk)


@requires(Permission.APPLICATION_VIEW)
def application_letter(
    request: HttpRequest, application_id: int, letter_id: int
) -> HttpResponseBase:
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_VIEW
    )
    letter = get_object_or_404(Letter, pk=letter_id, application=application)
    if not letter.file:
        raise Http404("该信函没有文件")
    return download(letter.file, filename=f"{letter.title}（{letter.number}）.docx")


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def application_letter_delivery(
    request: HttpRequest, application_id: int, letter_id: int
) -> HttpResponse:
    """Record how and when a letter was served (送达), with its proof."""
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_VIEW
    )
    letter = get_object_or_404(Letter, pk=letter_id, application=application)
    form = DeliveryForm(request.POST, request.FILES, prefix="delivery")
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"记录送达：{label} {'；'.join(map(str, errors))}")
        return redirect("workspace:application", application.pk)
    try:
        delivery_record(
            acting_user=signed_in(request), letter=letter, **form.cleaned_data
        )
    except NotPermitted:
        raise
    except ValidationError as error:
        refusal(request, error)
    else:
        messages.success(request, f"已记录《{letter.title}》的送达。")
    return redirect("workspace:application", application.pk)
