"""The applicant's choice on the tracking page: no more SMS notices
(gongkai.notices)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from gongkai.notices.services import application_sms_opt_out

from .applications import _tracked


@require_POST
def track_sms_stop(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """Stop SMS notices, for a visitor who gave the tracking number and its query
    code (else 404)."""
    application = _tracked(request, tracking_number)
    application_sms_opt_out(acting_user=request.user, application=application)
    messages.success(request, "已停止短信通知。电子邮件和书面信函不受影响。")
    return redirect("portal:track_detail", application.tracking_number)
