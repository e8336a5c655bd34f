"""The public's annual reports: as published, every version, and the figures
across years.

The public reads what the agency published (《政府信息公开条例》第四十九条、第五十条):
the frozen snapshot of each version, never the ledger as it stands today, so the
page, the downloads and the published hash always agree. A year not yet published
has no public report.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.core.files import download
from gongkai.reports.data import ReportData
from gongkai.reports.formats import Format, FormatError, get_format
from gongkai.reports.models import ReportFile, ReportVersion
from gongkai.reports.views import (
    DOWNLOADS,
    published_download,
    report_filename,
    report_page_context,
)

from .. import queries
from ..caching import ledger_version, public_page
from ..figures import year_charts

RENDERED_SECONDS = 24 * 3600


# A version as read for the report's page, or whole for a download.
Version = TypeVar("Version", ReportVersion, queries.ShownVersion)


@public_page
def report_index(request: HttpRequest) -> HttpResponse:
    """The agencies listed, with the years whose report each published."""
    context = {"rows": queries.report_index(), "whole": queries.whole_tree_listed()}
    return render(request, "portal/report_index.html", context)


@public_page
def report_list(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _agency(agency_id)
    region = agency.children.exists()
    charts = year_charts(agency, region=region, last_year=timezone.localdate().year)
    context = {
        "agency": agency,
        "reports": queries.published_reports(agency),
        # issue 14: a government's reports of its whole region
        "region_reports": queries.published_reports(agency, region=True),
        "charts": charts,
        "region": region,
        "downloads": list(DOWNLOADS),
    }
    return render(request, "portal/report_list.html", context)


@public_page
def report_page(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    region = _region_asked(request)
    # The snapshots stay in the database: the page shows the rendering kept under
    # the version's hash, and reads its one snapshot only when that is missing.
    # The versions bring their agency (one query); the agency alone is asked only
    # to tell "no such agency" from "not published yet".
    versions = queries.published_versions(agency_id, year, region=region)
    agency = versions[0].agency if versions else _agency(agency_id)
    version = _version(versions, request.GET.get("version"))
    title, html = _rendered(version)
    query = "" if version == versions[0] else f"?version={version.number}"
    if region:
        query = f"{query}&region=1" if query else "?region=1"
    context = {
        "title": title,
        "report_html": html,
        "downloads": list(DOWNLOADS),
        "agency": agency,
        "year": year,
        "version": version,
        "versions": versions,
        "is_latest": version == versions[0],
        "version_query": query,
        "region": region,
    }
    return render(request, "portal/report_page.html", context)


def report_download(
    request: HttpRequest, agency_id: int, year: int, extension: str
) -> HttpResponseBase:
    """A published version's file: rendered once when it was published and
    stored (``reports.published``), served from storage."""
    if extension not in DOWNLOADS:
        raise Http404("不支持的下载格式")
    region = _region_asked(request)
    asked = request.GET.get("version")
    stored = (
        None
        if extension == "json"
        else _stored(agency_id, year, extension, region, asked)
    )
    if stored is not None:  # the usual case: the file stored at publication
        name, filename = stored
        file = ReportFile(file=name).file
        try:
            return download(
                file, filename=filename, content_type=DOWNLOADS[extension][1]
            )
        except Http404:  # its bytes gone from storage: rendered and stored again
            _STORED.pop(_stored_key(agency_id, year, extension, region, asked), None)
    agency = _agency(agency_id)
    # The snapshot (a region's runs to megabytes) is read only for the JSON
    # download; a stored file needs only the version's row.
    versions = list(
        queries.report_versions(agency, year, region=region).defer("snapshot")
    )
    version = _version(versions, asked)
    filename = report_filename(agency.name, year, extension, _suffix(version, region))
    return published_download(version, extension, filename)


# (storage name, download name) of stored report files, by ledger version and
# address: a stored file never changes, and a correction (a new latest version)
# changes the ledger's version (``portal.caching.ledger_version``). Per process,
# bounded; no query at all while the ledger is unchanged.
_STORED: dict[tuple[object, ...], tuple[str, str]] = {}
STORED_KEPT = 1024


def _stored(
    agency_id: int, year: int, extension: str, region: bool, asked: str | None
) -> tuple[str, str] | None:
    key = _stored_key(agency_id, year, extension, region, asked)
    if key in _STORED:
        return _STORED[key]
    found = queries.stored_report_file(
        agency_id, year, extension, region=region, number=asked
    )
    if found is None:
        return None
    version = found.version
    filename = report_filename(
        version.agency.name, year, extension, _suffix(version, region)
    )
    if len(_STORED) >= STORED_KEPT:
        _STORED.clear()
    _STORED[key] = (found.file.name or "", filename)
    return _STORED[key]


def _stored_key(
    agency_id: int, year: int, extension: str, region: bool, asked: str | None
) -> tuple[object, ...]:
    return (ledger_version(), agency_id, year, extension, region, asked)


def _suffix(version: ReportVersion | queries.ShownVersion, region: bool) -> str:
    suffix = "" if version.number == 1 else f"（第{version.number}版）"
    return f"（含所属单位汇总）{suffix}" if region else suffix


def _region_asked(request: HttpRequest) -> bool:
    """Whether the government's report of its region is asked (``?region=1``)."""
    return request.GET.get("region") == "1"


def _agency(agency_id: int) -> Agency:
    agency = queries.agency(agency_id)
    if agency is None:
        raise Http404("没有这个机关")
    return agency


def _version(versions: list[Version], asked: str | None) -> Version:
    """The version asked for (``?version=2``), else the latest."""
    if not versions:
        raise Http404("该年度报告尚未发布")
    if not asked:
        return versions[0]
    found = next((v for v in versions if str(v.number) == asked), None)
    if found is None:
        raise Http404("没有这个版本")
    return found


def _rendered(version: queries.ShownVersion) -> tuple[str, str]:
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


def _frozen(version: queries.ShownVersion) -> tuple[ReportData, Format]:
    try:
        snapshot = queries.version_snapshot(version.pk)
        return ReportData.from_dict(snapshot), get_format(version.format)
    except (FormatError, ValueError, KeyError) as exc:
        raise Http404(f"无法读取已发布的报告：{exc}") from exc
