"""The applicant's download of a released file, on the tracking page.

Only for a visitor who gave the tracking number and its query code in this
session (the portal's tracking page, ``portal.views.applications.track``); else,
and for any file not handed over to the applicant, 404, which says nothing of
whether the file exists. A 部分公开 file is sent as its redacted copy, never the
original; a 公开 file as attached."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from gongkai.core.files import download
from gongkai.portal import queries
from gongkai.portal.views.applications import SESSION_TRACKED

from .. import selectors
from ..models import ReviewStatus


def released_file(
    request: HttpRequest, tracking_number: str, file_id: int
) -> HttpResponseBase:
    if tracking_number not in request.session.get(SESSION_TRACKED, []):
        raise Http404("请先输入申请编号和查询码")
    application = queries.application_tracked(tracking_number)
    if application is None:
        raise Http404("没有这个申请")
    file = selectors.files_released(application).filter(pk=file_id).first()
    if file is None:
        raise Http404("没有这个文件")
    if file.status == ReviewStatus.PARTLY_RELEASED:
        response = download(
            file.redacted, filename=file.release_name, content_type="application/pdf"
        )
    else:
        response = download(file.original, filename=file.release_name)
    response["Cache-Control"] = "private, no-store"
    return response
