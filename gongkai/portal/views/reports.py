"""The public's annual reports: as published, every version, and the figures
across years.

The public reads what the agency published (《政府信息公开条例》第四十九条、第五十条):
the frozen snapshot of each version, never the ledger as it stands today, so the
page, the downloads and the published hash always agree. A year not yet published
has no public report.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.reports.data import ReportData
from gongkai.reports.formats import Format, FormatError, get_format
from gongkai.reports.models import ReportVersion
from gongkai.reports.views import (
    DOWNLOADS,
    published_download,
    report_filename,
    report_page_context,
)

from .. import queries
from ..caching import public_page
from ..figures import year_charts

RENDERED_SECONDS = 24 * 3600


@public_page
def report_index(request: HttpRequest) -> HttpResponse:
    """Every agency, with the years whose report it published."""
    rows = queries.report_index()
    return render(request, "portal/report_index.html", {"rows": rows})


@public_page
def report_list(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _agency(agency_id)
    region = agency.children.exists()
    charts = year_charts(agency, region=region, last_year=timezone.localdate().year)
    context = {
        "agency": agency,
        "reports": queries.published_reports(agency),
        "charts": charts,
        "region": region,
        "downloads": list(DOWNLOADS),
    }
    return render(request, "portal/report_list.html", context)


@public_page
def report_page(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = _agency(agency_id)
    # The snapshots stay in the database: the page shows the rendering kept under
    # the version's hash, and reads its one snapshot only when that is missing.
    versions = list(queries.report_versions(agency, year).defer("snapshot"))
    version = _version(versions, request.GET.get("version"))
    title, html = _rendered(version)
    context = {
        "title": title,
        "report_html": html,
        "downloads": list(DOWNLOADS),
        "agency": agency,
        "year": year,
        "version": version,
        "versions": versions,
        "is_latest": version == versions[0],
        "version_query": "" if version == versions[0] else f"?version={version.number}",
    }
    return render(request, "portal/report_page.html", context)


def report_download(
    request: HttpRequest, agency_id: int, year: int, extension: str
) -> HttpResponseBase:
    """A published version's file: rendered once when it was published and
    stored (``reports.published``), served from storage."""
    agency = _agency(agency_id)
    if extension not in DOWNLOADS:
        raise Http404("不支持的下载格式")
    versions = list(queries.report_versions(agency, year))
    version = _version(versions, request.GET.get("version"))
    suffix = "" if version.number == 1 else f"（第{version.number}版）"
    filename = report_filename(agency.name, year, extension, suffix)
    return published_download(version, extension, filename)


def _agency(agency_id: int) -> Agency:
    agency = queries.agency(agency_id)
    if agency is None:
        raise Http404("没有这个机关")
    return agency


def _version(versions: list[ReportVersion], asked: str | None) -> ReportVersion:
    """The version asked for (``?version=2``), else the latest."""
    if not versions:
        raise Http404("该年度报告尚未发布")
    if not asked:
        return versions[0]
    found = next((v for v in versions if str(v.number) == asked), None)
    if found is None:
        raise Http404("没有这个版本")
    return found


def _rendered(version: ReportVersion) -> tuple[str, str]:
    """The published report's title and page fragment. A version never changes,
    so its rendering is kept in the cache under the snapshot's hash."""
    key = f"gongkai:published-report:{version.sha256}:{version.format}"
    found = cache.get(key)
    if found is None:
        report, fmt = _frozen(version)
        context = report_page_context(report, fmt)
        found = (context["title"], render_to_string("reports/embedded.html", context))
        cache.set(key, found, RENDERED_SECONDS)
    return found


def _frozen(version: ReportVersion) -> tuple[ReportData, Format]:
    try:
        return ReportData.from_dict(version.snapshot), get_format(version.format)
    except (FormatError, ValueError, KeyError) as exc:
        raise Http404(f"无法读取已发布的报告：{exc}") from exc
