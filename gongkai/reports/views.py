"""Report pages: the print-ready web page and the downloads of every rendering.

Views only parse the request, call the builder and a renderer, and answer.
"""

from urllib.parse import quote, urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency

from .builder import build_report
from .data import ReportData
from .formats import (
    Format,
    FormatError,
    all_formats,
    get_format,
    national_format_for_year,
)
from .render import render as render_report
from .render.html import font_family, report_context, stylesheet

# Extension in the URL → (renderer, content type).
DOWNLOADS = {
    "docx": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": ("pdf", "application/pdf"),
    "xlsx": (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "json": ("json", "application/json; charset=utf-8"),
    "txt": ("text", "text/plain; charset=utf-8"),
    "html": ("html", "text/html; charset=utf-8"),
}
YEARS = range(2017, 2026)


def index(request: HttpRequest) -> HttpResponse:
    """Every agency with the years it can report on."""
    agencies = Agency.objects.order_by("path")
    return render(request, "reports/index.html", {"agencies": agencies, "years": YEARS})


def report_page(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    """The report as a web page, with its downloads and the formats it can take."""
    agency, fmt, region, report = _report(request, agency_id, year)
    query = urlencode({"format": fmt.id, **({"region": "1"} if region else {})})
    context = {
        **report_context(report, fmt),
        "css": stylesheet(),
        "font_family": font_family(),
        "agency": agency,
        "year": year,
        "fmt": fmt,
        "region": region,
        "has_units": agency.children.exists(),
        "formats": [f for f in all_formats().values() if f.covers(year)],
        "downloads": [(ext, f"{ext}?{query}") for ext in DOWNLOADS if ext != "html"],
    }
    return render(request, "reports/report_page.html", context)


def report_download(
    request: HttpRequest, agency_id: int, year: int, extension: str
) -> HttpResponse:
    if extension not in DOWNLOADS:
        raise Http404("不支持的下载格式")
    agency, fmt, region, report = _report(request, agency_id, year)
    renderer, content_type = DOWNLOADS[extension]
    response = HttpResponse(
        render_report(report, fmt, renderer), content_type=content_type
    )
    scope = "（汇总）" if region else ""
    filename = f"{agency.name}{scope}{year}年政府信息公开工作年度报告.{extension}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _report(
    request: HttpRequest, agency_id: int, year: int
) -> tuple[Agency, Format, bool, ReportData]:
    agency = get_object_or_404(Agency, pk=agency_id)
    try:
        format_id = request.GET.get("format")
        fmt = get_format(format_id) if format_id else national_format_for_year(year)
    except FormatError as exc:
        raise Http404(str(exc)) from exc
    if not fmt.covers(year):
        raise Http404(f"格式“{fmt.name}”不适用于 {year} 年")
    region = request.GET.get("region") == "1"
    return (
        agency,
        fmt,
        region,
        build_report(agency=agency, year=year, fmt=fmt, region=region),
    )
