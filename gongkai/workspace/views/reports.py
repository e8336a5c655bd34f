"""The annual report in the workspace: the years and their state, the preview
computed from the ledger (each number opening its records), the checks, the
narrative, the steps from submission to publication and correction (the services
of ``gongkai.reports``, which check the user, the state and the year), and how the
ledger has moved since publication."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
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
from gongkai.agencies.models import Agency
from gongkai.core.params import int_param, year_or_404
from gongkai.core.workflow import NotPermitted
from gongkai.reports import services
from gongkai.reports.builder import build_report
from gongkai.reports.data import ReportData
from gongkai.reports.formats import (
    Format,
    FormatError,
    all_formats,
    get_format,
    national_format_for_year,
)
from gongkai.reports.indicators import ArgumentError, QueryCache
from gongkai.reports.region import RegionUnit, region_units
from gongkai.reports.scope import Scope
from gongkai.reports.selectors import (
    imported_for,
    records_for,
    report_drift,
    report_review,
    report_state,
    report_states,
    report_versions,
)
from gongkai.reports.views import (
    download_response,
    report_filename,
    report_page_context,
)
from gongkai.reports.workflow import EDITABLE, REPORT_WORKFLOW, ReportState, ReportStep

from ..drilldown import cell_refs, link_cells
from ..forms import CorrectionForm, NarrativeForm, ReturnForm
from ..links import record_link
from .common import agency_for, refusal

YEARS_SHOWN = 6
RECORDS_PER_PAGE = 50


@dataclass(frozen=True)
class Preview:
    """What the preview shows: which report, in which format, over what scope."""

    agency: Agency
    year: int
    fmt: Format
    region: bool
    # The build's grouped rows, which tell the region's units apart too.
    cache: QueryCache = field(default_factory=QueryCache, compare=False)

    @property
    def query(self) -> str:
        region = "&region=1" if self.region else ""
        return f"format={self.fmt.id}{region}"

    @property
    def step_query(self) -> str:
        """What a step's form adds to its address: which report it moves on."""
        return "?region=1" if self.region else ""

    def build(self) -> ReportData:
        return build_report(
            agency=self.agency,
            year=self.year,
            fmt=self.fmt,
            region=self.region,
            cache=self.cache,
        )

    def units(self) -> list[RegionUnit]:
        """A region's units with the source of their figures (after ``build``,
        from the rows it read)."""
        if not self.region:
            return []
        return region_units(
            agency=self.agency, year=self.year, fmt=self.fmt, cache=self.cache
        )


def _preview(request: HttpRequest, agency: Agency, year: int) -> Preview:
    year_or_404(year)
    try:
        format_id = request.GET.get("format")
        fmt = get_format(format_id) if format_id else national_format_for_year(year)
    except FormatError as exc:
        raise Http404(str(exc)) from exc
    if not fmt.covers(year):
        raise Http404(f"格式“{fmt.name}”不适用于 {year} 年")
    return Preview(agency, year, fmt, request.GET.get("region") == "1")


@requires(Permission.REPORT_VIEW)
def report_list(request: HttpRequest) -> HttpResponse:
    """Each agency in the user's scope with its recent years and their state."""
    this_year = timezone.localdate().year
    years = list(range(this_year, this_year - YEARS_SHOWN, -1))
    agencies = list(agencies_in_scope(request.user)[:200])
    ids = [agency.pk for agency in agencies]
    # One query a year, whatever the number of agencies (no query per cell).
    states = {year: report_states(agency_ids=ids, year=year) for year in years}
    rows = [
        (
            agency,
            [(year, states[year].get(agency.pk, ReportState.DRAFT)) for year in years],
        )
        for agency in agencies
    ]
    return render(request, "workspace/report_list.html", {"rows": rows, "years": years})


@requires(Permission.REPORT_VIEW)
def report_preview(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = agency_for(request, agency_id, Permission.REPORT_VIEW)
    preview = _preview(request, agency, year)
    report = preview.build()
    context = report_page_context(report, preview.fmt)
    base = reverse("workspace:report_cell", args=[agency.pk, year])
    link_cells(
        context, report, preview.fmt, lambda n: f"{base}?{preview.query}&cell={n}"
    )
    region = preview.region
    state = report_state(agency=agency, year=year, region=region)
    context.update(
        {
            "agency": agency,
            "year": year,
            "preview": preview,
            "formats": [f for f in all_formats().values() if f.covers(year)],
            "has_units": agency.children.exists(),
            "units": preview.units(),
            "state": state,
            "editable": state in EDITABLE,
            "review": report_review(agency=agency, year=year, region=region),
            "steps": _steps_for(request, agency, state),
            "versions": report_versions(agency=agency, year=year, region=region).defer(
                "snapshot"
            ),
            "errors": [f for f in report.findings if f.severity == "error"],
            "contradictions": [
                f for f in report.findings if f.rule in _overridable(preview.fmt)
            ],
            "drift": report_drift(agency=agency, year=year, region=region),
            "return_form": ReturnForm(),
            "correction_form": CorrectionForm(),
        }
    )
    return render(request, "workspace/report_preview.html", context)


def _steps_for(request: HttpRequest, agency: Agency, state: str) -> list[str]:
    """The steps the table allows from ``state`` that the user may take."""
    return [
        row.step
        for row in REPORT_WORKFLOW.steps_from(state)
        if row.step != ReportStep.EDIT
        and row.permission is not None
        and can(request.user, Permission(row.permission), agency)
    ]


def _overridable(fmt: Format) -> set[str]:
    """The checks of ``fmt`` whose findings may be published with a reason."""
    return {c.id for c in fmt.checks if c.kind in services.OVERRIDABLE_KINDS}


def _overrides(request: HttpRequest, fmt: Format) -> dict[str, str]:
    """The reason given to publish despite a narrative contradiction, for each
    check that may be overridden."""
    reason = request.POST.get("override_reason", "").strip()
    return {rule: reason for rule in _overridable(fmt)} if reason else {}


@requires(Permission.REPORT_VIEW)
def report_cell(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    """The records one number of the report counted."""
    agency = agency_for(request, agency_id, Permission.REPORT_VIEW)
    preview = _preview(request, agency, year)
    refs = cell_refs(preview.fmt)
    number = int_param(request.GET, "cell", high=len(refs) - 1)
    if number is None:
        raise Http404("没有这个单元格")
    ref = refs[number]
    cell = preview.build().cells.get(ref)
    if cell is None or not cell.source:
        raise Http404("该单元格没有可追溯的记录")
    imported = imported_for(cell.source)
    context = {
        "agency": agency,
        "year": year,
        "preview": preview,
        "ref": ref,
        "cell": cell,
        "imported": imported,
        "query_string": f"{preview.query}&cell={refs.index(ref)}",
    }
    if cell.source.get("kind") != "imported":  # only imported figures: no records
        try:
            records = records_for(cell.source, Scope(agency, preview.region), year)
        except ArgumentError as exc:
            raise Http404(str(exc)) from exc
        page = Paginator(records.order_by("pk"), RECORDS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context.update(
            {
                "model_name": records.model._meta.verbose_name,
                "page_obj": page,
                "rows": [(record, record_link(record)) for record in page],
            }
        )
    return render(request, "workspace/report_cell.html", context)


@requires(Permission.REPORT_VIEW)
def report_download(
    request: HttpRequest, agency_id: int, year: int, extension: str
) -> HttpResponse:
    """The preview as a file (not published: its name says 草稿)."""
    agency = agency_for(request, agency_id, Permission.REPORT_VIEW)
    preview = _preview(request, agency, year)
    suffix = "（汇总）" if preview.region else ""
    filename = report_filename(agency.name, year, extension, suffix + "草稿")
    return download_response(preview.build(), preview.fmt, extension, filename)


@requires(Permission.REPORT_EDIT)
def report_narrative(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    """Write the narrative sections; an empty one goes back to gongkai's draft."""
    agency = agency_for(request, agency_id, Permission.REPORT_EDIT)
    fmt = _national_format(year)
    region = _region_asked(request)
    report = build_report(agency=agency, year=year, fmt=fmt, region=region)
    sections = [s for s in report.sections if s.key]
    form = NarrativeForm(request.POST or None, sections=sections)
    if request.method == "POST" and form.is_valid():
        try:
            for key, text in form.changed_texts().items():
                services.narrative_save(
                    acting_user=signed_in(request),
                    agency=agency,
                    year=year,
                    key=key,
                    text=text,
                    region=region,
                )
        except ValidationError as error:
            refusal(request, error)
        else:
            messages.success(request, _("The report's text was saved."))
            return _back_to_report(agency, year, region)
    context = {"agency": agency, "year": year, "form": form, "region": region}
    return render(request, "workspace/report_narrative.html", context)


STEPS = {
    "submit": services.report_submit,
    "sign_off": services.report_sign_off,
}
DONE = {
    "submit": "年度报告已提交审核。",
    "sign_off": "年度报告已审核通过，可以发布。",
    "publish": "年度报告已发布。",
    "return": "年度报告已退回修改。",
    "correct": "已发布更正版本。",
}


def _national_format(year: int) -> Format:
    """The national format of ``year``'s report; a 404 for a year none covers."""
    try:
        return national_format_for_year(year_or_404(year))
    except FormatError as exc:
        raise Http404(str(exc)) from exc


@require_POST
@requires(Permission.REPORT_VIEW)
def report_step(
    request: HttpRequest, agency_id: int, year: int, step: str
) -> HttpResponse:
    """Take one step of the review; the service checks role, scope and state."""
    agency = agency_for(request, agency_id, Permission.REPORT_VIEW)
    year_or_404(year)
    user = signed_in(request)
    region = _region_asked(request)
    try:
        if step in STEPS:
            STEPS[step](acting_user=user, agency=agency, year=year, region=region)
        elif step == "publish":
            fmt = _national_format(year)
            services.report_publish(
                acting_user=user,
                agency=agency,
                year=year,
                fmt=fmt,
                overrides=_overrides(request, fmt),
                region=region,
            )
        elif step in ("return", "correct"):
            _step_with_reason(request, agency, year, step, region)
        else:
            raise Http404("没有这个操作")
    except NotPermitted:
        raise  # 403: the role or the scope does not cover the step
    except ValidationError as error:
        refusal(request, error)
    else:
        messages.success(request, DONE[step])
    return _back_to_report(agency, year, region)


def _region_asked(request: HttpRequest) -> bool:
    """Whether the page or step is about the region's report (``?region=1``)."""
    return request.GET.get("region") == "1"


def _back_to_report(agency: Agency, year: int, region: bool) -> HttpResponse:
    url = reverse("workspace:report", args=[agency.pk, year])
    return redirect(f"{url}?region=1" if region else url)


def _step_with_reason(
    request: HttpRequest, agency: Agency, year: int, step: str, region: bool = False
) -> None:
    form = (ReturnForm if step == "return" else CorrectionForm)(request.POST)
    if not form.is_valid():
        raise ValidationError("请说明理由。")
    reason = form.cleaned_data["reason"]
    if step == "return":
        services.report_return(
            acting_user=signed_in(request),
            agency=agency,
            year=year,
            reason=reason,
            region=region,
        )
        return
    current = (
        report_versions(agency=agency, year=year, region=region).only("format").first()
    )
    services.report_correct(
        acting_user=signed_in(request),
        agency=agency,
        year=year,
        reason=reason,
        overrides=_overrides(request, get_format(current.format)) if current else {},
        region=region,
    )
