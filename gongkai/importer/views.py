"""Staff pages: upload published reports, then read and compare them.

Uploading is for users whose role may import reports (``report.import``: a
region's supervisors and administrators); reading the imported reports is for any
signed-in staff (``report.view``). Each upload is read in a child process with the
time limit of ``GONGKAI_IMPORT_TIMEOUT``, and one bad file is listed with its
error beside the others.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import (
    Permission,
    authorize,
    requires,
    role_allows,
    signed_in,
)
from gongkai.reports.charts import Series, bar_chart
from gongkai.reports.views import (
    download_response,
    report_filename,
    report_page_context,
)

from . import selectors
from .compare import KEY_FIGURES
from .forms import UploadForm
from .importing import (
    ImportOutcome,
    import_isolated,
    limits_from_settings,
    options_from_settings,
)
from .models import ImportedReport
from .services import imported_report_store

RECENT = 50
TREND_FIGURES = ("published", "received", "reviews")


@requires(Permission.REPORT_VIEW)
def upload(request: HttpRequest) -> HttpResponse:
    """The upload form, the results of an upload, and the latest imports."""
    may_import = role_allows(request.user, Permission.REPORT_IMPORT)
    results: list[dict[str, Any]] = []
    form = UploadForm()
    if request.method == "POST":
        authorize(request.user, Permission.REPORT_IMPORT)
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            results = _import_uploads(request, form)
    context = {
        "form": form,
        "may_import": may_import,
        "results": results,
        "recent": selectors.current_reports()[:RECENT],
        "regions": _regions(),
    }
    return render(request, "importer/upload.html", context)


def _import_uploads(request: HttpRequest, form: UploadForm) -> list[dict[str, Any]]:
    data = form.cleaned_data
    options = options_from_settings(
        format_id=data["format"] or None,
        agency=data["agency"] or None,
        year=data["year"],
    )
    limits = limits_from_settings()
    results = []
    with tempfile.TemporaryDirectory(prefix="gongkai-import-") as folder:
        for upload_ in data["files"]:
            path = _saved(upload_, Path(folder))
            outcome = import_isolated(
                path, limits, options, settings.GONGKAI_IMPORT_TIMEOUT
            )
            stored = None
            if outcome.ok:
                stored, _changed = imported_report_store(
                    outcome=outcome,
                    acting_user=signed_in(request),
                    region=data["region"] or None,
                )
            results.append({**outcome_summary(outcome), "stored": stored})
    return results


def _saved(upload_: UploadedFile, folder: Path) -> Path:
    """The upload written to ``folder`` under its own (base) name."""
    name = Path(upload_.name or "report").name or "report"
    path = folder / name
    counter = 1
    while path.exists():
        path = folder / f"{counter}-{name}"
        counter += 1
    with path.open("wb") as handle:
        for chunk in upload_.chunks():
            handle.write(chunk)
    return path


def _regions() -> list[str]:
    return list(
        selectors.current_reports()
        .exclude(region="")
        .values_list("region", flat=True)
        .distinct()
        .order_by("region")
    )


@requires(Permission.REPORT_VIEW)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One imported report: what was read, its quality, and how it compares."""
    report = get_object_or_404(ImportedReport, pk=pk)
    data, fmt = selectors.report_data(report)
    similar = selectors.similar_reports(report)
    context: dict[str, Any] = {
        "report": report,
        "data": data,
        "format": fmt,
        "quality": selectors.report_quality(report, similar),
        "similar": similar,
        "copy_threshold": settings.GONGKAI_IMPORT_COPY_THRESHOLD,
        "yoy": selectors.report_year_over_year(report),
        "history": selectors.report_history(report),
        "import_findings": [f for f in data.findings if f.rule.startswith("IMPORT.")],
        "check_findings": [
            f for f in data.findings if not f.rule.startswith("IMPORT.")
        ],
    }
    if fmt is not None:
        context.update(report_page_context(data, fmt))
    return render(request, "importer/detail.html", context)


@requires(Permission.REPORT_VIEW)
def download(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """The imported report in gongkai's own renderings (JSON, PDF, DOCX …)."""
    report = get_object_or_404(ImportedReport, pk=pk)
    data, fmt = selectors.report_data(report)
    if fmt is None:
        raise Http404(_("The report's format is no longer known."))
    name = report_filename(report.agency_name, report.year, extension, "（导入）")
    return download_response(data, fmt, extension, name)


@requires(Permission.REPORT_VIEW)
def region(request: HttpRequest) -> HttpResponse:
    """A region's units side by side on one year."""
    name = request.GET.get("region", "")
    years = sorted(
        set(selectors.current_reports(region=name).values_list("year", flat=True)),
        reverse=True,
    )
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    rows = selectors.side_by_side(region=name, year=year) if name and year else []
    return render(
        request,
        "importer/region.html",
        {
            "region": name,
            "year": year,
            "years": years,
            "regions": _regions(),
            "rows": rows,
            "figures": KEY_FIGURES,
        },
    )


@requires(Permission.REPORT_VIEW)
def agency(request: HttpRequest) -> HttpResponse:
    """An agency's reports year by year: the key figures and their trend."""
    name = request.GET.get("name", "")
    reports = list(selectors.agency_reports(name)) if name else []
    if name and not reports:
        raise Http404(_("No imported report of this agency."))
    rows = selectors.trend(name) if name else []
    chosen = [f for f in KEY_FIGURES if f.id in TREND_FIGURES]
    chart = bar_chart(
        _("Key figures by year"),
        [str(row.report.year) for row in rows],
        [
            Series(f.label, tuple(_int(row.figures[f.id]) for row in rows))
            for f in chosen
        ],
    )
    return render(
        request,
        "importer/agency.html",
        {
            "name": name,
            "rows": rows,
            "figures": KEY_FIGURES,
            "chart": chart,
            "chart_id": "trend",
            "chart_table_label": _("The figures"),
            "chart_category_label": _("Year"),
        },
    )


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def outcome_summary(outcome: ImportOutcome) -> dict[str, Any]:
    """What the results table shows of one file."""
    if not outcome.ok or outcome.parsed is None:
        return {"name": outcome.name, "error": outcome.error}
    report = outcome.parsed.report
    return {
        "name": outcome.name,
        "agency": report.agency.name,
        "year": report.year,
        "format": report.format,
        "errors": sum(1 for f in report.findings if f.severity == "error"),
        "warnings": sum(1 for f in report.findings if f.severity == "warning"),
    }
