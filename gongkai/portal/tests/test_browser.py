"""The whole story in a real browser (Debian's chromium, headless, via Playwright).

A citizen applies online; staff confirm it and send a 补正 notice; the applicant
sees it on the tracking page; the corrected application is answered; the
agency's report for the year counts it in table 三, in the staff preview (where
the number opens the application) and, once signed off and published, on the
public site. Agency B's staff get 403 on agency A's application; the public gets
404 on an unpublished item. Screenshots of the main pages are saved under
``test-artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.portal.guard import DIGITS
from gongkai.reports.data import CellRef
from gongkai.reports.formats import get_format
from gongkai.testing import factories
from gongkai.workspace.drilldown import cell_refs

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR).parent / "test-artifacts" / "screenshots"
TODAY = date(2025, 3, 3)  # a Monday; the story happens on one working day
NOW = datetime(2025, 3, 3, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
PUBLISHED_AT = datetime(2026, 1, 12, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
PASSWORD = "story-password-1"
RECEIVED_BY_PERSONS = CellRef(
    "三", "一、本年新收政府信息公开申请数量", "申请人情况/自然人"
)
DISCLOSED_TO_PERSONS = CellRef(
    "三", "三、本年度办理结果/（一）予以公开", "申请人情况/自然人"
)

# Every app is available: naming them makes the flush after the test TRUNCATE with
# CASCADE, which PostgreSQL needs for the catalogue's search table (outside
# Django's models, referring to the items); serialized_rollback puts back what
# the migrations loaded (the working-day calendar) for the tests that follow.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(
        transaction=True,
        serialized_rollback=True,
        available_apps=list(settings.INSTALLED_APPS),
    ),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is needed"),
]


class Story:
    """The people of the story, each in their own browser context."""

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.base = base_url
        self.pages: list = []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def visitor(self, *, mobile: bool = False):
        viewport = (
            {"width": 390, "height": 844} if mobile else {"width": 1280, "height": 900}
        )
        page = self.browser.new_context(viewport=viewport, locale="zh-CN").new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        self.pages.append(page)
        return page

    def shoot_everyone(self, prefix: str) -> None:
        """What each person's page showed, for a failed run."""
        for number, page in enumerate(self.pages):
            if not page.is_closed():
                self.shot(page, f"{prefix}-{number}")

    def signed_in(self, username: str):
        page = self.visitor()
        page.goto(f"{self.base}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{self.base}/workspace/**")
        return page

    def goto(self, page, path: str):
        return page.goto(f"{self.base}{path}")

    @staticmethod
    def shot(page, name: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _answer(page) -> str:
    label = page.inner_text("label[for=id_challenge_answer]")
    a, b = re.search(f"([{DIGITS}])加([{DIGITS}])等于几", label).groups()
    return str(DIGITS.index(a) + DIGITS.index(b))


def _step(page, name: str, fields: dict[str, str] | None = None) -> None:
    """Open a step of the application page, fill it in and take it."""
    page.click(f"#step-{name} summary")
    for selector, value in (fields or {}).items():
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.click(f"#step-{name} button[type=submit]")
    page.wait_for_load_state()
    errors = page.locator(".message--error")
    assert errors.count() == 0, errors.all_inner_texts()


def _region() -> dict:
    county = factories.AgencyFactory(
        name="青溪县人民政府", level=Agency.Level.COUNTY, kind=Agency.Kind.GOVERNMENT
    )
    a = factories.AgencyFactory(
        name="青溪县民政局", level=Agency.Level.COUNTY, parent=county
    )
    b = factories.AgencyFactory(
        name="青溪县教育局", level=Agency.Level.COUNTY, parent=county
    )
    people = {
        "clerk": (User.Role.STAFF, a),
        "head": (User.Role.OFFICE_HEAD, a),
        "other": (User.Role.STAFF, b),
        "supervisor": (User.Role.SUPERVISOR, county),
    }
    for username, (role, agency) in people.items():
        user = factories.UserFactory(username=username, role=role, agency=agency)
        user.set_password(PASSWORD)
        user.save()
    factories.ItemFactory(
        agency=a,
        title="青溪县2025年城乡低保标准调整公告",
        formed_on=date(2025, 2, 20),
        published_on=date(2025, 2, 24),
    )
    draft = factories.ItemFactory(agency=a, title="尚在审核的内部草稿", draft=True)
    return {"county": county, "a": a, "b": b, "draft": draft}


def _apply(story: Story, region: dict) -> tuple[str, str, object]:
    citizen = story.visitor()
    story.goto(citizen, "/")
    story.shot(citizen, "00-home")
    story.goto(citizen, f"/agencies/{region['a'].pk}/")
    story.shot(citizen, "01-agency")
    citizen.click(f"main a[href='/agencies/{region['a'].pk}/apply/']")
    for selector, value in {
        "#id_name": "张小红",
        "#id_id_number": "522301199001011236",
        "#id_phone": "13800000000",
        "#id_description": "请公开2024年青溪县城乡低保资金发放汇总表",
    }.items():
        citizen.fill(selector, value)
    citizen.fill("#id_challenge_answer", _answer(citizen))
    story.shot(citizen, "02-apply-form")
    citizen.click("main form button[type=submit]")
    citizen.wait_for_url("**/apply/done/")
    story.shot(citizen, "03-apply-done")
    number = citizen.inner_text("#tracking-number").strip()
    secret = citizen.inner_text("#tracking-secret").strip()
    return number, secret, citizen


def _track(story: Story, number: str, secret: str, *, mobile: bool = False):
    applicant = story.visitor(mobile=mobile)
    story.goto(applicant, "/track/")
    applicant.fill("#id_tracking_number", number)
    applicant.fill("#id_secret", secret)
    applicant.click("main form button[type=submit]")
    applicant.wait_for_url(f"**/track/{number}/")
    return applicant


def test_a_citizen_applies_and_the_report_counts_the_answer(
    browser, live_server, settings
):
    settings.GONGKAI_CHALLENGE_MIN_SECONDS = 0
    story = Story(browser, live_server.url)
    with time_machine.travel(NOW, tick=True):
        try:
            _the_story(story, _region())
        except Exception:
            story.shoot_everyone("failed")
            raise


def _the_story(story: Story, region: dict) -> None:
    from gongkai.applications.models import Application

    number, secret, _citizen = _apply(story, region)
    application = Application.objects.get(tracking_number=number)

    # Staff confirm the online application, ask for a correction and send the notice.
    clerk = story.signed_in("clerk")
    story.shot(clerk, "04-dashboard")
    story.goto(clerk, f"/workspace/applications/{application.pk}/")
    _step(clerk, "confirm")
    _step(
        clerk,
        "request_correction",
        {"#id_request_correction-items": "请写明所需汇总表的月份范围。"},
    )
    _step(clerk, "letter", {"#id_letter-kind": "correction"})
    story.shot(clerk, "05-application-awaiting-correction")

    # The applicant sees the notice on the tracking page, and its letter.
    applicant = _track(story, number, secret)
    assert "请写明所需汇总表的月份范围。" in applicant.inner_text("#correction")
    assert applicant.locator("a[href*='/letters/'][aria-label$='DOCX']").count() == 1
    story.shot(applicant, "06-tracking-correction")
    mobile = _track(story, number, secret, mobile=True)
    story.shot(mobile, "07-tracking-correction-phone")

    # The corrected application arrives and is answered: disclosed.
    story.goto(clerk, f"/workspace/applications/{application.pk}/")
    _step(clerk, "receive_correction")
    _step(clerk, "decide", {"#id_decide-outcome": "disclosed"})
    _step(clerk, "letter", {"#id_letter-kind": "reply"})
    application.refresh_from_db()
    assert (application.outcome, application.closed_on) == ("disclosed", TODAY)
    story.goto(applicant, f"/track/{number}/")
    assert applicant.locator("a[href*='/letters/'][aria-label$='DOCX']").count() == 2
    story.shot(applicant, "08-tracking-answered")

    _the_report(story, region, clerk, number)
    _what_others_cannot_see(story, region, application)


def _the_report(story: Story, region: dict, clerk, number: str) -> None:
    agency = region["a"]
    refs = cell_refs(get_format("2021"))
    received, disclosed = (
        refs.index(RECEIVED_BY_PERSONS),
        refs.index(DISCLOSED_TO_PERSONS),
    )
    story.goto(clerk, f"/workspace/reports/{agency.pk}/{TODAY.year}/")
    for cell in (received, disclosed):
        link = clerk.locator(f"a[href$='&cell={cell}']")
        assert link.inner_text().strip() == "1"
    story.shot(clerk, "09-report-preview")
    clerk.click(f"a[href$='&cell={received}']")
    assert number in clerk.inner_text("main")
    story.shot(clerk, "10-report-cell-records")

    # The year ends; in January the office writes the text gongkai cannot draft,
    # the head signs the report off and it is published (第四十九条).
    with time_machine.travel(PUBLISHED_AT, tick=True):
        report = f"/workspace/reports/{agency.pk}/{TODAY.year}/"
        clerk = story.signed_in("clerk")  # the March session has long expired
        story.goto(clerk, f"{report}narrative/")
        for area in clerk.locator("main form textarea").all():
            area.fill("本年度本机关依法做好政府信息公开工作，详见各表。")
        clerk.click("main form button[type=submit]")
        clerk.wait_for_load_state()
        story.goto(clerk, report)
        clerk.click("form[action$='/submit/'] button")
        head = story.signed_in("head")
        story.goto(head, report)
        head.click("form[action$='/sign_off/'] button")
        story.goto(clerk, report)
        clerk.click("form[action$='/publish/'] button")
        clerk.wait_for_load_state()

    public = story.visitor()
    story.goto(public, f"/agencies/{agency.pk}/reports/")
    story.shot(public, "11-public-report-list")
    story.goto(public, f"/agencies/{agency.pk}/reports/{TODAY.year}/")
    assert "收到和处理政府信息公开申请情况" in public.inner_text("main")
    story.shot(public, "12-public-report")
    published = public.request.get(
        f"{story.base}/agencies/{agency.pk}/reports/{TODAY.year}/report.json"
    ).json()
    values = {
        (c["table"], c["row"], c["column"]): c["value"] for c in published["cells"]
    }
    for ref in (RECEIVED_BY_PERSONS, DISCLOSED_TO_PERSONS):
        assert values[(ref.table, ref.row, ref.column)] == 1

    supervisor = story.signed_in("supervisor")
    story.goto(supervisor, f"/workspace/supervision/?year={TODAY.year}")
    story.shot(supervisor, "13-supervision")


def _what_others_cannot_see(story: Story, region: dict, application) -> None:
    other = story.signed_in("other")
    response = story.goto(other, f"/workspace/applications/{application.pk}/")
    assert response.status == 403
    story.shot(other, "14-other-agency-403")

    public = story.visitor()
    response = story.goto(public, f"/catalog/{region['draft'].pk}/")
    assert response.status == 404
    story.shot(public, "15-unpublished-item-404")
    story.goto(public, "/catalog/")
    listed = public.inner_text("main")
    assert "低保标准调整公告" in listed and "内部草稿" not in listed
    story.shot(public, "16-catalogue")
