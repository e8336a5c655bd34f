"""Error pages are gongkai's own, in Chinese: 400, 403 (and the form that expired,
CSRF), 404 and 500, on the site and in the demo, which is served with DEBUG off
so that a wrong address never shows Django's English debug page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.views import defaults
from django.views.csrf import csrf_failure

from gongkai.demo.cli import DEMO_SERVER_ENV

from .english_leaks import leaks, visible_text

pytestmark = pytest.mark.django_db

HEADINGS = {400: "请求有误", 403: "无权访问", 404: "页面不存在", 500: "服务器出错"}


def _shown(response) -> str:
    return visible_text(response.content.decode())


@pytest.mark.parametrize(
    ("status", "answer"),
    [
        (400, lambda r: defaults.bad_request(r, Exception("bad"))),
        (403, lambda r: defaults.permission_denied(r, PermissionDenied())),
        (404, lambda r: defaults.page_not_found(r, Exception("nothing"))),
        (500, lambda r: defaults.server_error(r)),
    ],
)
def test_each_error_page_is_chinese(status, answer):
    request = RequestFactory().get("/somewhere/")
    response = answer(request)
    assert response.status_code == status
    text = _shown(response)
    assert re.search("[\u4e00-\u9fff]{4}", text), text
    assert list(leaks(text)) == [], text


def test_a_wrong_address_shows_the_chinese_404_page():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    text = _shown(response)
    assert "页面不存在" in text or "找不到" in text, text
    assert "URLconf" not in text and list(leaks(text)) == []


def test_an_expired_form_is_explained_in_chinese():
    response = csrf_failure(RequestFactory().post("/apply/"), reason="CSRF token")
    assert response.status_code == 403
    assert "表单已过期" in _shown(response)


def test_the_demo_is_served_with_debug_off_and_no_second_factor():
    """``gongkai demo`` and ``make demo`` both serve with DEBUG off (the Chinese
    404 page, not Django's debug page listing every address)."""
    assert DEMO_SERVER_ENV == {"GONGKAI_DEBUG": "0", "GONGKAI_OTP_REQUIRED_ROLES": ""}
    makefile = (Path(settings.BASE_DIR).parent / "Makefile").read_text()
    assert "DEMO_ENV := GONGKAI_DEBUG=0 GONGKAI_OTP_REQUIRED_ROLES=\n" in makefile
    assert "$(DEMO_ENV) $(RUN) gongkai manage runserver" in makefile
