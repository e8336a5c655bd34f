"""Staff pages: upload published reports, then read and compare them.

Uploading is for users whose role may import reports (``report.import``: a
region's supervisors and administrators); reading the imported reports is for any
signed-in staff (``report.view``). Each upload is read in a child process with the
time limit of ``GONGKAI_IMPORT_TIMEOUT`` by a background task (``gongkai worker``):
the upload returns at once, the page follows each file, and one bad file is listed
with its error beside the others.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.accounts.models import User
from gongkai.accounts.permissions import (
    Permission,
    authorize,
    effective_role,
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
from .models import ImportedReport, ImportUpload
from .printed_view import layout
from .tasks import uploads_enqueue

RECENT = 50
RECENT_FAILED = 20
TREND_FIGURES = ("published", "received", "reviews")


@requires(Permission.REPORT_VIEW)
def upload(request: HttpRequest) -> HttpResponse:
    """The upload form, the files of an upload as they are read, and the latest
    imports. An upload stores the files and returns at once; a worker reads them."""
    may_import = role_allows(request.user, Permission.REPORT_IMPORT)
    form = UploadForm()
    if request.method == "POST":
        authorize(request.user, Permission.REPORT_IMPORT)
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            batch = _enqueue_uploads(request, form)
            return redirect(f"{reverse('importer:upload')}?batch={batch}")
    uploads = _batch_uploads(request.GET.get("batch", ""))
    context = {
        "form": form,
        "may_import": may_import,
        "batch": uploads[0].batch if uploads else None,
        "uploads": [upload_state(u) for u in uploads],
        "failed": _failed_uploads(request) if may_import else [],
        "recent": selectors.current_reports()[:RECENT],
        "regions": _regions(),
    }
    return render(request, "importer/upload.html", context)


@requires(Permission.REPORT_VIEW)
def batch_state(request: HttpRequest, batch: uuid.UUID) -> JsonResponse:
    """The files of one upload and where each is (polled by the upload page): the
    uploader's own, or any for an administrator."""
    uploads = _batch_uploads(str(batch))
    if not uploads:
        raise Http404(_("No such upload."))
    user = signed_in(request)
    if effective_role(user) != User.Role.ADMINISTRATOR and any(
        u.uploaded_by_id != user.pk for u in uploads
    ):
        raise PermissionDenied
    states = [upload_state(u) for u in uploads]
    return JsonResponse(
        {"files": states, "finished": all(s["finished"] for s in states)}
    )


def _enqueue_uploads(request: HttpRequest, form: UploadForm) -> uuid.UUID:
    data = form.cleaned_data
    options = {
        "format": data["format"] or "",
        "agency": data["agency"] or "",
        "year": data["year"],
        "region": data["region"] or "",
    }
    return uploads_enqueue(
        files=data["files"], options=options, acting_user=signed_in(request)
    )


def _batch_uploads(batch: str) -> list[ImportUpload]:
    try:
        key = uuid.UUID(batch)
    except ValueError:
        return []
    return list(ImportUpload.objects.filter(batch=key).order_by("pk"))


def _failed_uploads(request: HttpRequest) -> list[dict[str, Any]]:
    """The latest uploads that failed: the uploader's own, or all for an
    administrator."""
    failed = ImportUpload.objects.filter(result=ImportUpload.Result.FAILED)
    if getattr(request.user, "role", None) != User.Role.ADMINISTRATOR:
        failed = failed.filter(uploaded_by=request.user.pk)
    return [upload_state(u) for u in failed.order_by("-finished_at")[:RECENT_FAILED]]


def upload_state(upload: ImportUpload) -> dict[str, Any]:
    """One uploaded file as the page and its JSON show it."""
    summary = upload.summary or {}
    return {
        "id": upload.pk,
        "name": upload.name,
        "status": upload.status,
        "status_label": upload.get_status_display(),
        "result": upload.result,
        "result_label": upload.get_result_display() if upload.result else "",
        "finished": upload.status == ImportUpload.Status.FINISHED,
        "error": upload.error,
        "agency": summary.get("agency", ""),
        "year": summary.get("year"),
        "format": summary.get("format", ""),
        "errors": summary.get("errors"),
        "warnings": summary.get("warnings"),
        "url": reverse("importer:detail", args=[upload.report_id])
        if upload.report_id
        else "",
        "finished_at": upload.finished_at.isoformat() if upload.finished_at else "",
    }


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
        "printed_tables": [layout(table) for table in data.printed_tables()],
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
