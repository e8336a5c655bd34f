"""The staff pages of gathered files: attach to an application, one file's page
(review, marks with a page preview, the redacted copy, handing over), and the
downloads of the original and the copy.

The views read the input and call one service; the service authorises and
refuses. Reading a file needs ``application.view`` on its agency."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Permission, authorize, can, requires, signed_in
from gongkai.applications.models import Application
from gongkai.core.files import download
from gongkai.core.workflow import NotPermitted

from .. import redaction, selectors, services
from ..forms import (
    MARK_FORMS,
    AttachForm,
    FindingForm,
    RegionForm,
    ReviewForm,
    TermForm,
)
from ..models import MarkKind, Redaction, ReleaseFile

VIEW, HANDLE = Permission.APPLICATION_VIEW, Permission.APPLICATION_HANDLE


def _file(request: HttpRequest, file_id: int, action: Permission) -> ReleaseFile:
    file = get_object_or_404(
        ReleaseFile.objects.select_related("application__agency"), pk=file_id
    )
    authorize(request.user, action, file.application.agency)
    return file


def _attempt(request: HttpRequest, done: str, act: Callable[[], Any]) -> None:
    """Call a service; its refusal is shown on the next page (403 for a user
    whose role or scope does not cover the step)."""
    try:
        act()
    except NotPermitted:
        raise
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)


def _back(file: ReleaseFile) -> HttpResponse:
    return redirect("releases:file", file.pk)


def _errors(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        messages.error(request, "；".join(str(e) for e in errors))


@require_POST
@requires(HANDLE)
def file_attach(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related("agency"), pk=application_id
    )
    form = AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        _errors(request, form)
        return redirect("workspace:application", application.pk)
    user = signed_in(request)
    created: list[ReleaseFile] = []
    _attempt(
        request,
        "文件已添加，请审查。",
        lambda: created.append(
            services.release_file_attach(
                acting_user=user,
                application=application,
                upload=form.cleaned_data["file"],
            )
        ),
    )
    if created:
        return _back(created[0])
    return redirect("workspace:application", application.pk)


@requires(VIEW)
def file_detail(request: HttpRequest, file_id: int) -> HttpResponse:
    file = _file(request, file_id, VIEW)
    handles = can(request.user, HANDLE, file.application.agency)
    pages = selectors.file_pages(file)
    page = _page_asked(request, pages)
    marks = list(file.redactions.all())
    context = {
        "file": file,
        "application": file.application,
        "handles": handles and file.released_on is None,
        "review_form": ReviewForm(
            initial={"status": file.status, "ground": file.ground}
        ),
        "term_form": TermForm(prefix="term"),
        "finding_form": FindingForm(prefix="finding"),
        "region_form": RegionForm(prefix="region", initial={"page": page or 1}),
        "marks": marks,
        "findings": selectors.file_findings(file),
        "pages": pages,
        "page": page,
        "page_range": range(1, (pages or 0) + 1),
        "regions_here": [
            m for m in marks if m.kind == MarkKind.REGION and m.page == page
        ],
    }
    return render(request, "releases/file_detail.html", context)


def _page_asked(request: HttpRequest, pages: int | None) -> int | None:
    if not pages:
        return None
    try:
        asked = int(request.GET.get("page", "1"))
    except ValueError:
        asked = 1
    return min(max(asked, 1), pages)


@requires(VIEW)
def file_preview(request: HttpRequest, file_id: int, page: int) -> HttpResponse:
    """Page ``page`` as an image, with the grid and the regions marked on it."""
    file = _file(request, file_id, VIEW)
    pdf = selectors.pdf_of(file)
    if pdf is None:
        raise Http404("文件尚未转换为 PDF")
    regions = [
        (m.x0 or 0.0, m.y0 or 0.0, m.x1 or 0.0, m.y1 or 0.0)
        for m in file.redactions.filter(kind=MarkKind.REGION, page=page)
    ]
    try:
        png = redaction.preview_png(pdf, page, regions)
    except redaction.RedactionError as error:
        raise Http404(str(error)) from error
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@requires(HANDLE)
def file_review(request: HttpRequest, file_id: int) -> HttpResponse:
    file = _file(request, file_id, VIEW)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return _back(file)
    user, data = signed_in(request), form.cleaned_data
    _attempt(
        request,
        "审查结论已保存。",
        lambda: services.release_file_review(
            acting_user=user, file=file, status=data["status"], ground=data["ground"]
        ),
    )
    return _back(file)


@require_POST
@requires(HANDLE)
def mark_add(request: HttpRequest, file_id: int) -> HttpResponse:
    file = _file(request, file_id, VIEW)
    kind = request.POST.get("kind", "")
    prefixes: dict[str, str] = {MarkKind.TERM: "term", MarkKind.FINDING: "finding"}
    prefix = prefixes.get(kind, "region")
    form_class = MARK_FORMS.get(kind)
    if form_class is None:
        raise Http404("没有这种遮盖方式")
    form = form_class(request.POST, prefix=prefix)
    if not form.is_valid():
        _errors(request, form)
        return _back(file)
    data, user = form.cleaned_data, signed_in(request)
    rect = None
    if kind == MarkKind.REGION:
        rect = (data["x0"], data["y0"], data["x1"], data["y1"])
    _attempt(
        request,
        "已标出，生成遮盖副本时一并遮盖。",
        lambda: services.redaction_add(
            acting_user=user,
            file=file,
            kind=kind,
            ground=data["ground"],
            text=data.get("text", ""),
            finding=data.get("finding", ""),
            page=data.get("page"),
            rect=rect,
        ),
    )
    if kind == MarkKind.REGION:
        return redirect(
            reverse("releases:file", args=[file.pk]) + f"?page={data['page']}"
        )
    return _back(file)


@require_POST
@requires(HANDLE)
def mark_remove(request: HttpRequest, file_id: int, mark_id: int) -> HttpResponse:
    file = _file(request, file_id, VIEW)
    mark = get_object_or_404(Redaction, pk=mark_id, file=file)
    user = signed_in(request)
    _attempt(
        request,
        "已取消该处遮盖。",
        lambda: services.redaction_remove(acting_user=user, mark=mark),
    )
    return _back(file)


@require_POST
@requires(HANDLE)
def file_convert(request: HttpRequest, file_id: int) -> HttpResponse:
    file, user = _file(request, file_id, VIEW), signed_in(request)
    _attempt(
        request,
        "已转换为 PDF。",
        lambda: services.release_file_convert(acting_user=user, file=file),
    )
    return _back(file)


@require_POST
@requires(HANDLE)
def file_redact(request: HttpRequest, file_id: int) -> HttpResponse:
    file, user = _file(request, file_id, VIEW), signed_in(request)
    _attempt(
        request,
        "遮盖后的副本已生成：请打开核对后再提供给申请人。",
        lambda: services.release_file_redact(acting_user=user, file=file),
    )
    return _back(file)


@require_POST
@requires(HANDLE)
def file_release(request: HttpRequest, file_id: int) -> HttpResponse:
    file, user = _file(request, file_id, VIEW), signed_in(request)
    _attempt(
        request,
        "已提供给申请人：申请人可在查询页面下载。",
        lambda: services.release_file_release(acting_user=user, file=file),
    )
    return _back(file)


@requires(VIEW)
def file_original(request: HttpRequest, file_id: int) -> HttpResponseBase:
    """The original as attached: staff only."""
    file = _file(request, file_id, VIEW)
    return _private(download(file.original, filename=file.name))


@requires(VIEW)
def file_redacted(request: HttpRequest, file_id: int) -> HttpResponseBase:
    """The redacted copy, for staff to check before it is handed over."""
    file = _file(request, file_id, VIEW)
    if not file.redacted:
        raise Http404("尚未生成遮盖后的副本")
    return _private(
        download(
            file.redacted,
            filename=f"{file.stem}（部分公开）.pdf",
            content_type="application/pdf",
        )
    )


def _private(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = "private, no-store"
    return response
