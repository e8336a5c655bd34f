"""Idle staff sessions end (等保 2.0: 登录连接超时自动退出).

A signed-in user's session lasts ``GONGKAI_SESSION_IDLE_MINUTES`` after their last
request, renewed by each request (sliding); then the next page asks them to sign
in again. A visitor who never signed in keeps Django's session length, so a
citizen slowly filling in an application does not lose the form.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class IdleSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # After the view: a sign-in on this request counts, a sign-out does not.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.session.set_expiry(settings.GONGKAI_SESSION_IDLE_MINUTES * 60)
        return response
