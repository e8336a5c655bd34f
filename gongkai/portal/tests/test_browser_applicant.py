"""The applicant's side of an application in a real browser (issue 13).

A citizen applies online with an e-mail address and a mobile number and is told so
by e-mail (Django's file backend) and by SMS (a fake gateway on 127.0.0.1); staff
confirm the application and send a 补正 notice; the citizen answers it on the
tracking page with a PDF and the reply period runs anew from that day (the due
date shown moves); staff decide 部分公开, attach a PDF, mark the ID number the
privacy scan found and a page region, make the redacted copy and release it,
issue the reply and record its electronic 送达; the citizen downloads the redacted
copy (the ID number is gone from its text layer), the reply as PDF, and reads the
last days for 行政复议 and 行政诉讼; the report preview counts the application as
部分公开 in table 三.

The story runs on three working days of November 2026 (time-machine moves the
clock of this process, which the live server's thread shares), so each date it
asserts is worked out by hand below. Screenshots, at 1366 and 390 pixels wide,
land in ``test-artifacts/screenshots/applicant-*.png``.
"""

from __future__ import annotations

import email
import io
from datetime import datetime
from email.message import Message
from pathlib import Path
from zoneinfo import ZoneInfo

import pdfplumber
import pymupdf
import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_migrate

from gongkai.portal.tests.test_browser import (
    CHROMIUM,
    PASSWORD,
    Story,
    _answer,
    _region,
    _step,
)
from gongkai.reports.data import CellRef
from gongkai.reports.formats import get_format
from gongkai.testing.sms_gateway import fake_sms_gateway
from gongkai.workspace.drilldown import cell_refs

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Monday: the citizen applies, staff confirm it the same day (第三十一条第三项)
# and send a 补正 notice. 20 working days from the day after: 3–6, 9–13, 16–20,
# 23–27 and 30 November (no holiday in November 2026): due 2026-11-30.
APPLIED = datetime(2026, 11, 2, 9, 30, tzinfo=SHANGHAI)
DUE_FIRST = "2026-11-30"
# Thursday: the citizen answers online; the period runs anew from this day
# (第三十条): 6, 9–13, 16–20, 23–27, 30 November, 1, 2 and 3 December.
CORRECTED = datetime(2026, 11, 5, 10, 0, tzinfo=SHANGHAI)
DUE_AFTER_CORRECTION = "2026-12-03"
# Friday: decided, released, replied and served online the same day. 行政复议:
# 60 days from the day after (《行政复议法》第二十条): 10 days of November, 31 of
# December, 19 of January → 2027-01-19, a Tuesday. 行政诉讼: six months
# (《行政诉讼法》第四十六条) → 2027-05-20, a Thursday.
REPLIED = datetime(2026, 11, 20, 9, 30, tzinfo=SHANGHAI)
REVIEW_BY = "2027年1月19日"
SUE_BY = "2027年5月20日"

EMAIL = "zhangxiaohong@example.com"
MOBILE = "13800000000"
ID_IN_RECORD = "522301198506154828"  # a valid 居民身份证号 (check digit 8)
PHONE_IN_REGION = "0851-8812345"
PARTIAL_TO_PERSONS = CellRef(
    "三",
    "三、本年度办理结果/（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "申请人情况/自然人",
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(
        transaction=True,
        serialized_rollback=True,
        available_apps=list(settings.INSTALLED_APPS),
    ),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is needed"),
]


@pytest.fixture(scope="module", autouse=True)
def _restored_as_migrated():
    """Let the serialized rollback alone restore the database as migrated.

    With ``available_apps`` Django fires ``post_migrate`` before each test, which
    recreates the content types and permissions a previous story's flush took
    away, under new primary keys; the serialized rollback then inserts them
    again under their old keys and fails (UNIQUE constraint). The serialized
    copy already holds what ``post_migrate`` made when the test database was
    created, so this module runs without those two receivers (but forgets the
    content types it has cached, as the first of them would)."""
    receivers = [
        (create_contenttypes, None),
        (create_permissions, "django.contrib.auth.management.create_permissions"),
    ]
    for receiver, uid in receivers:
        post_migrate.disconnect(receiver, dispatch_uid=uid)
    post_migrate.connect(_forget_content_types, dispatch_uid=FORGET)
    yield
    post_migrate.disconnect(dispatch_uid=FORGET)
    for receiver, uid in receivers:
        post_migrate.connect(receiver, dispatch_uid=uid)


FORGET = "gongkai.portal.tests.test_browser_applicant.forget_content_types"


def _forget_content_types(**_) -> None:
    ContentType.objects.clear_cache()


class ApplicantStory(Story):
    """The story's people at a desktop's width (1366) or a phone's (390)."""

    def visitor(self, *, mobile: bool = False):
        viewport = (
            {"width": 390, "height": 844} if mobile else {"width": 1366, "height": 900}
        )
        page = self.browser.new_context(viewport=viewport, locale="zh-CN").new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        self.pages.append(page)
        return page

    def signed_in(self, username: str, *, mobile: bool = False):
        page = self.visitor(mobile=mobile)
        page.goto(f"{self.base}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{self.base}/workspace/**")
        return page

    def track(self, number: str, secret: str, *, mobile: bool = False):
        page = self.visitor(mobile=mobile)
        self.goto(page, "/track/")
        page.fill("#id_tracking_number", number)
        page.fill("#id_secret", secret)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"**/track/{number}/")
        return page

    def both_widths(self, name: str, open_page) -> None:
        """Screenshots of one page at both widths; ``open_page(mobile)`` opens it."""
        for mobile, suffix in ((False, "desktop"), (True, "phone")):
            page = open_page(mobile)
            self.shot(page, f"applicant-{name}-{suffix}")
            _fits(page)
            page.context.close()


def _fits(page) -> None:
    """Nothing makes the page wider than the window (a phone scrolls sideways)."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert widths[0] <= widths[1], widths


def _pdf(lines: list[str]) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)  # A4 in points
    for number, line in enumerate(lines):
        page.insert_text((72, 100 + 40 * number), line, fontname="china-s")
    return doc.tobytes()


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _mails(folder: Path) -> list[Message]:
    """The messages Django's file backend wrote (several to a file)."""
    found = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                found.append(email.message_from_bytes(chunk.strip()))
    return found


def _body(message: Message) -> str:
    parts = message.walk() if message.is_multipart() else [message]
    texts = []
    for part in parts:
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            texts.append(payload.decode(part.get_content_charset() or "utf-8"))
    return "\n".join(texts)


def _no_error(page) -> None:
    errors = page.locator(".message--error, .errorlist")
    assert errors.count() == 0, errors.all_inner_texts()


def _submit(page, selector: str) -> None:
    page.click(selector)
    page.wait_for_load_state()
    _no_error(page)


def test_the_applicant_follows_a_partial_release_to_its_remedies(
    browser, live_server, settings, tmp_path
):
    settings.GONGKAI_CHALLENGE_MIN_SECONDS = 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    story = ApplicantStory(browser, live_server.url)
    with fake_sms_gateway() as gateway:
        settings.GONGKAI_SMS_BACKEND = "gongkai.notices.sms.HttpGatewayBackend"
        settings.GONGKAI_SMS_GATEWAY_URL = gateway.url
        settings.GONGKAI_SMS_GATEWAY_KEY = "test-key"
        try:
            _the_story(story, _region(), gateway, tmp_path / "mail", tmp_path)
        except Exception:
            story.shoot_everyone("applicant-failed")
            raise


def _the_story(story, region, gateway, mail: Path, tmp_path: Path) -> None:
    from gongkai.applications.models import Application

    with time_machine.travel(APPLIED, tick=True):
        number, secret = _apply(story, region)
        application = Application.objects.get(tracking_number=number)
        _told_of_submission(number, gateway, mail)
        clerk = story.signed_in("clerk")
        story.goto(clerk, f"/workspace/applications/{application.pk}/")
        _step(clerk, "confirm")
        citizen = story.track(number, secret)
        assert DUE_FIRST in citizen.inner_text("main")
        _step(
            clerk,
            "request_correction",
            {"#id_request_correction-items": "请写明所需汇总表的月份范围。"},
        )
        _step(clerk, "letter", {"#id_letter-kind": "correction"})
        assert "correction" in _texted(gateway)

    with time_machine.travel(CORRECTED, tick=True):
        _correct_online(story, number, secret, tmp_path)

    with time_machine.travel(REPLIED, tick=True):
        clerk = story.signed_in("clerk")
        story.goto(clerk, f"/workspace/applications/{application.pk}/")
        _step(clerk, "decide", {"#id_decide-outcome": "partially_disclosed"})
        _release_redacted(story, clerk, application, tmp_path)
        _reply_and_serve(story, clerk, application)
        assert "delivered" in _texted(gateway)
        story.both_widths(
            "staff-application",
            lambda mobile: _staff_page(story, application.pk, mobile),
        )
        _what_the_citizen_gets(story, number, secret)
        _counted_as_partial(story, clerk, region)


def _apply(story, region) -> tuple[str, str]:
    citizen = story.visitor()
    story.goto(citizen, f"/agencies/{region['a'].pk}/apply/")
    for selector, value in {
        "#id_name": "张小红",
        "#id_id_number": "522301199001011236",
        "#id_phone": MOBILE,
        "#id_email": EMAIL,
        "#id_description": "请公开2024年青溪县城乡低保资金发放汇总表",
    }.items():
        citizen.fill(selector, value)
    citizen.fill("#id_challenge_answer", _answer(citizen))
    citizen.click("main form button[type=submit]")
    citizen.wait_for_url("**/apply/done/")
    number = citizen.inner_text("#tracking-number").strip()
    secret = citizen.inner_text("#tracking-secret").strip()
    citizen.context.close()
    return number, secret


def _told_of_submission(number: str, gateway, mail: Path) -> None:
    """An e-mail to the address given and an SMS to the mobile number, each
    naming the application."""
    mails = [m for m in _mails(mail) if EMAIL in m["To"]]
    assert mails, "no e-mail was written"
    assert number in _body(mails[0])
    texts = [r for r in gateway.received if r["phone"] == MOBILE]
    assert texts, gateway.received
    assert texts[0]["kind"] == "submitted"
    assert number in texts[0]["text"]


def _texted(gateway) -> list[str]:
    """The kinds of the notices the fake gateway took for the applicant's mobile."""
    return [r["kind"] for r in gateway.received if r["phone"] == MOBILE]


def _correct_online(story, number: str, secret: str, tmp_path: Path) -> None:
    def desk(mobile: bool):
        page = story.track(number, secret, mobile=mobile)
        assert "请写明所需汇总表的月份范围。" in page.inner_text("#correction")
        assert page.locator("#correction-form").count() == 1
        return page

    story.both_widths("tracking-correction-form", desk)
    citizen = story.track(number, secret, mobile=True)
    answer = tmp_path / "补正说明.pdf"
    answer.write_bytes(_pdf(["补正说明：所需汇总表为2024年1月至12月各月。"]))
    citizen.fill("#correction-form textarea", "所需月份为2024年1月至12月。")
    citizen.set_input_files("#correction-form input[type=file]", str(answer))
    _submit(citizen, "#correction-form button[type=submit]")
    shown = citizen.inner_text("main")
    assert "2026年11月5日" in shown  # the correction's day, and the clock's
    assert "补正说明.pdf" in shown
    assert DUE_AFTER_CORRECTION in shown and DUE_FIRST not in shown
    story.shot(citizen, "applicant-tracking-corrected-phone")


def _release_redacted(story, clerk, application, tmp_path: Path) -> None:
    record = tmp_path / "低保资金发放汇总表.pdf"
    record.write_bytes(
        _pdf(
            [
                "青溪县2024年城乡低保资金发放汇总表",
                f"领取人：王某  身份证号：{ID_IN_RECORD}",
                f"经办人电话：{PHONE_IN_REGION}",
            ]
        )
    )
    clerk.click("#step-release-attach summary")
    clerk.set_input_files("#release-file-input", str(record))
    _submit(clerk, "#step-release-attach button[type=submit]")
    story.goto(clerk, f"/workspace/applications/{application.pk}/")
    clerk.click("#released-files li a")
    clerk.wait_for_load_state()
    clerk.select_option("#id_status", "partly_released")
    _submit(clerk, "form[action$='/review/'] button[type=submit]")
    assert "居民身份证号" in clerk.inner_text("#findings")
    clerk.click("#mark-finding summary")
    clerk.select_option("#id_finding-finding", label="居民身份证号")
    _submit(clerk, "#mark-finding button[type=submit]")
    # The third line sits at y = 180 on the page (a baseline; 11 points high).
    if clerk.locator("#mark-region").get_attribute("open") is None:
        clerk.click("#mark-region summary")
    region = {"page": "1", "x0": "60", "y0": "160", "x1": "400", "y1": "190"}
    for name, value in region.items():
        clerk.fill(f"#id_region-{name}", value)
    clerk.select_option("#id_region-ground", "privacy")  # a civil servant's phone
    _submit(clerk, "#mark-region button[type=submit]")
    assert clerk.locator("#marks li").count() == 2
    _submit(clerk, "form[action$='/redact/'] button[type=submit]")
    story.shot(clerk, "applicant-staff-redaction-desktop")
    _submit(clerk, "form[action$='/release/'] button[type=submit]")
    assert "2026-11-20" in clerk.inner_text("#released-on")


def _reply_and_serve(story, clerk, application) -> None:
    from gongkai.applications.models import Letter

    story.goto(clerk, f"/workspace/applications/{application.pk}/")
    _step(clerk, "letter", {"#id_letter-kind": "reply"})
    reply = Letter.objects.filter(application=application).latest("pk")  # just issued
    item = f"#letter-{reply.pk}"
    clerk.click(f"{item} details summary")
    clerk.select_option(f"{item} [name=delivery-method]", "online")
    clerk.fill(f"{item} [name=delivery-available_at]", "2026-11-20T10:00")
    _submit(clerk, f"{item} form button[type=submit]")
    assert "送达 2026-11-20" in clerk.inner_text(item)


def _staff_page(story, pk: int, mobile: bool):
    page = story.signed_in("clerk", mobile=mobile)
    story.goto(page, f"/workspace/applications/{pk}/")
    shown = page.inner_text("main")
    for seen in ("补正说明.pdf", "低保资金发放汇总表.pdf", REVIEW_BY, SUE_BY):
        assert seen in shown, seen
    return page


def _what_the_citizen_gets(story, number: str, secret: str) -> None:
    from gongkai.releases.models import ReleaseFile

    released_pk = ReleaseFile.objects.get(application__tracking_number=number).pk

    def desk(mobile: bool):
        page = story.track(number, secret, mobile=mobile)
        remedies = page.inner_text("#remedies")
        assert REVIEW_BY in remedies and SUE_BY in remedies
        assert "《行政复议法》" in remedies and "《行政诉讼法》" in remedies
        return page

    story.both_widths("tracking-released", desk)
    citizen = story.track(number, secret)
    released = citizen.locator("#released-files a").first
    data = citizen.request.get(story.base + released.get_attribute("href")).body()
    text = _pdf_text(data)
    assert "低保资金发放汇总表" in text  # what was not redacted is still there
    assert ID_IN_RECORD not in text
    assert PHONE_IN_REGION not in text
    # The original stays with staff: the applicant's browser cannot fetch it.
    original = citizen.request.get(
        f"{story.base}/workspace/releases/{released_pk}/original/", max_redirects=0
    )
    assert original.status in (302, 403, 404)
    assert not original.body().startswith(b"%PDF")
    letter = citizen.locator("a[aria-label='政府信息公开申请答复书 PDF']")
    response = citizen.request.get(story.base + letter.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def _counted_as_partial(story, clerk, region) -> None:
    cell = cell_refs(get_format("2021")).index(PARTIAL_TO_PERSONS)
    story.goto(clerk, f"/workspace/reports/{region['a'].pk}/{REPLIED.year}/")
    link = clerk.locator(f"a[href$='&cell={cell}']")
    assert link.inner_text().strip() == "1"
    story.shot(clerk, "applicant-report-preview-desktop")
