"""The applicant's notices on the staff side: a failed notice sent again, or
closed because the applicant was told another way (gongkai.notices)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Permission, requires, signed_in
from gongkai.applications.models import Application
from gongkai.core.workflow import NotPermitted
from gongkai.notices.models import Notice
from gongkai.notices.services import notice_dismiss, notice_resend

from .common import record_for, refusal


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def application_notice_resend(
    request: HttpRequest, application_id: int, notice_id: int
) -> HttpResponse:
    """Send a failed notice again."""
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_VIEW
    )
    notice = get_object_or_404(Notice, pk=notice_id, application=application)
    try:
        notice_resend(acting_user=signed_in(request), notice=notice)
    except NotPermitted:
        raise
    except ValidationError as error:
        refusal(request, error)
    else:
        messages.success(request, f"已重新发送“{notice.get_kind_display()}”通知。")
    return redirect("workspace:application", application.pk)


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def application_notice_dismiss(
    request: HttpRequest, application_id: int, notice_id: int
) -> HttpResponse:
    """Close a failed notice: the applicant was told another way (the reason kept)."""
    application = record_for(
        request, Application, application_id, Permission.APPLICATION_VIEW
    )
    notice = get_object_or_404(Notice, pk=notice_id, application=application)
    try:
        notice_dismiss(
            acting_user=signed_in(request),
            notice=notice,
            reason=request.POST.get("reason", ""),
        )
    except NotPermitted:
        raise
    except ValidationError as error:
        refusal(request, error)
    else:
        messages.success(request, "已标记为已处理。")
    return redirect("workspace:application", application.pk)
