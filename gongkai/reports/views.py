"""What every page that shows a report shares: its downloads and its page context.

The public reads published reports in the portal (``gongkai.portal.views.reports``);
staff preview the report computed from the ledger in the workspace
(``gongkai.workspace.views.reports``). Both answer a download with
``download_response`` and embed the report with ``report_page_context``, so a
report looks and downloads the same wherever it is opened. A published version
is downloaded with ``published_download``: the file rendered once and stored
(``published``), never rendered again per request.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase

from gongkai.core.files import download

from .data import ReportData
from .formats import Format, FormatError
from .models import ReportVersion
from .published import version_file
from .render import render as render_report
from .render.html import report_context

# Extension in the URL → (renderer, content type), in the order they are offered.
DOWNLOADS: dict[str, tuple[str, str]] = {
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
}


def report_filename(
    agency_name: str, year: int, extension: str, suffix: str = ""
) -> str:
    return f"{agency_name}{suffix}{year}年政府信息公开工作年度报告.{extension}"


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    """Mark ``response`` as a download named ``filename`` (Chinese names kept)."""
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def download_response(
    report: ReportData, fmt: Format, extension: str, filename: str
) -> HttpResponse:
    """The report rendered to the file type of ``extension``, as a download."""
    if extension not in DOWNLOADS:
        raise Http404("不支持的下载格式")
    renderer, content_type = DOWNLOADS[extension]
    body = render_report(report, fmt, renderer)
    return attachment(HttpResponse(body, content_type=content_type), filename)


def published_download(
    version: ReportVersion, extension: str, filename: str
) -> HttpResponseBase:
    """A published version as a download: its JSON snapshot as published, or its
    stored file of that type (rendered and stored first if not stored yet)."""
    if extension not in DOWNLOADS:
        raise Http404("不支持的下载格式")
    content_type = DOWNLOADS[extension][1]
    if extension == "json":  # the snapshot itself, so its SHA-256 can be checked
        body = json.dumps(version.snapshot, ensure_ascii=False, indent=2)
        return attachment(HttpResponse(body, content_type=content_type), filename)
    try:
        stored = version_file(version=version, extension=extension)
    except (FormatError, ValueError, KeyError) as exc:
        raise Http404(f"无法读取已发布的报告：{exc}") from exc
    return download(stored.file, filename=filename, content_type=content_type)


def report_page_context(report: ReportData, fmt: Format) -> dict[str, Any]:
    """What ``reports/embedded.html`` needs to show the report inside a page."""
    return {
        **report_context(report, fmt),
        "downloads": list(DOWNLOADS),
    }
