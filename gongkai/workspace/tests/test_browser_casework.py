"""The staff's casework in a real browser (Debian's chromium via Playwright).

1. A review: staff register a 行政复议 against a decided application; its answer
   due date is on the dashboard; the answer is recorded; the review concludes
   纠正; the application reopens with a fresh due date; table 四 of the preview
   counts the case, and the cell's drill-down opens it.
2. A transfer: agency A transfers an application to agency B; B's staff sign for
   it (签收) and answer it; A's table 三 counts it as information it does not
   hold (不属于本机关负责公开), B's as received.
3. A 督办: the supervisor issues one on an overdue application; the unit answers;
   the supervisor closes it; the circular (通报) DOCX lists it.

Screenshots go to ``test-artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from docx import Document

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.applications import services as applications
from gongkai.applications.models import Application
from gongkai.portal.tests.conftest import browser  # noqa: F401  (a fixture)
from gongkai.portal.tests.test_browser import CHROMIUM, PASSWORD, Story
from gongkai.reports.builder import build_report
from gongkai.reports.formats import get_format
from gongkai.testing import factories
from gongkai.workspace.drilldown import cell_refs

NOW = datetime(2025, 4, 1, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Tuesday

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(
        transaction=True,
        serialized_rollback=True,
        available_apps=list(settings.INSTALLED_APPS),
    ),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is needed"),
]


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
        "bclerk": (User.Role.STAFF, b),
        "supervisor": (User.Role.SUPERVISOR, county),
    }
    users = {}
    for username, (role, agency) in people.items():
        user = factories.UserFactory(username=username, role=role, agency=agency)
        user.set_password(PASSWORD)
        user.save()
        users[username] = user
    return {"county": county, "a": a, "b": b, **users}


def _registered(agency: Agency, received_on: date, description: str) -> Application:
    return applications.application_register(
        acting_user=None,
        agency=agency,
        received_on=received_on,
        channel="letter",
        applicant_type="natural_person",
        applicant_name="张三",
        description=description,
    )


def _fill(page, fields: dict[str, str]) -> None:
    for selector, value in fields.items():
        tag = page.locator(selector).evaluate("e => e.tagName")
        if tag == "SELECT":
            page.select_option(selector, value)
        elif tag == "DIV":  # a group of radio buttons
            page.check(f"{selector} input[value='{value}']")
        else:
            page.fill(selector, value)


def _step(page, name: str, fields: dict[str, str]) -> None:
    page.click(f"#step-{name} summary")
    _fill(page, fields)
    page.click(f"#step-{name} button[type=submit]")
    page.wait_for_load_state()
    errors = page.locator(".message--error, .errorlist")
    assert errors.count() == 0, errors.all_inner_texts()


def test_review_transfer_and_directive_stories(browser, live_server):  # noqa: F811
    with time_machine.travel(NOW, tick=True):
        region = _region()
        story = Story(browser, live_server.url)
        try:
            _the_review(story, region)
            _the_transfer(story, region)
            _the_directive(story, region)
        except Exception:
            story.shoot_everyone("casework-failed")
            raise


def _the_review(story: Story, region: dict) -> None:
    decided = applications.application_decide(
        acting_user=None,
        application=_registered(region["a"], date(2025, 1, 6), "低保金发放名单"),
        outcome="disclosed",
        closed_on=date(2025, 1, 20),
    )
    clerk = story.signed_in("clerk")
    story.goto(clerk, f"/workspace/applications/{decided.pk}/")
    clerk.click("text=登记行政复议")
    _fill(
        clerk,
        {
            "#id_number": "青复〔2025〕7号",
            "#id_body_other": "青溪县人民政府",
            "#id_filed_on": "2025-03-24",
            "#id_served_on": "2025-03-25",
        },
    )
    clerk.click("main form button[type=submit]")
    clerk.wait_for_selector("#case-answer-due")
    # 10 working days from the copy (行政复议法第四十八条, 第八十八条).
    assert "2025-04-09" in clerk.inner_text("#case-answer-due")  # 清明: 4–6 April
    case_url = clerk.url
    story.goto(clerk, "/workspace/")
    assert "青复〔2025〕7号" in clerk.inner_text("main")
    story.shot(clerk, "casework-dashboard-review-due")

    clerk.goto(case_url)
    _step(clerk, "answer", {"#id_answer-answered_on": "2025-03-28"})
    assert "已答复" in clerk.inner_text("#case-stage")
    _step(
        clerk,
        "conclude",
        {
            "#id_conclude-result": "corrected",
            "#id_conclude-concluded_on": "2025-03-31",
            "#id_conclude-reopened_on": "2025-03-31",
        },
    )
    follow_up = clerk.inner_text("#case-follow-up")
    reopened = Application.objects.get(reopened_from=decided)
    assert reopened.tracking_number in follow_up
    assert reopened.due_on is not None and reopened.due_on > date(2025, 4, 1)
    story.shot(clerk, "casework-review-corrected")

    fmt = get_format("2021")
    report = build_report(agency=region["a"], year=2025, fmt=fmt)
    (corrected,) = [
        ref
        for ref in report.cells
        if ref.table == "四" and ref.column == "行政复议/结果纠正"
    ]
    assert report.cells[corrected].value == 1
    story.goto(clerk, f"/workspace/reports/{region['a'].pk}/2025/")
    number = cell_refs(fmt).index(corrected)
    clerk.click(f"a[href*='/cell/?'][href$='cell={number}']")
    clerk.wait_for_load_state()
    clerk.click("text=青复〔2025〕7号")  # the drill-down opens the case
    clerk.wait_for_selector("#case-result")
    assert "纠正" in clerk.inner_text("#case-result")
    story.shot(clerk, "casework-table-4-drilldown")


def _the_transfer(story: Story, region: dict) -> None:
    sent = _registered(region["a"], date(2025, 3, 24), "县属学校校车运营补贴的发放情况")
    clerk = story.signed_in("clerk")
    story.goto(clerk, f"/workspace/applications/{sent.pk}/")
    _step(
        clerk,
        "transfer",
        {
            "#id_transfer-to_agency": str(region["b"].pk),
            "#id_transfer-closed_on": "2025-03-26",
            "#id_transfer-note": "校车补贴由教育局发放。",
        },
    )
    b = story.signed_in("bclerk")
    story.goto(b, "/workspace/transfers/")
    b.locator("tr", has_text=sent.tracking_number).locator("a").first.click()
    b.wait_for_selector("#step-accept")
    b.click("#step-accept button[type=submit]")
    b.wait_for_load_state()
    received = Application.objects.get(agency=region["b"])
    story.goto(b, f"/workspace/applications/{received.pk}/")
    _step(
        b,
        "decide",
        {"#id_decide-outcome": "disclosed", "#id_decide-closed_on": "2025-04-01"},
    )
    story.shot(b, "casework-transfer-answered")

    fmt = get_format("2021")
    a_report = build_report(agency=region["a"], year=2025, fmt=fmt)
    b_report = build_report(agency=region["b"], year=2025, fmt=fmt)
    not_held = "三、本年度办理结果/（四）无法提供/1.本机关不掌握相关政府信息"
    new = "一、本年新收政府信息公开申请数量"
    total = "申请人情况/总计"
    assert a_report.value("三", not_held, total) == 1
    assert b_report.value("三", new, total) == 1
    assert b_report.value("三", "三、本年度办理结果/（一）予以公开", total) == 1


def _the_directive(story: Story, region: dict) -> None:
    overdue = _registered(region["a"], date(2025, 1, 13), "2024年度临时救助资金台账")
    supervisor = story.signed_in("supervisor")
    story.goto(
        supervisor, f"/workspace/supervision/?region={region['county'].pk}&year=2025"
    )
    row = supervisor.locator("tr", has_text=overdue.tracking_number)
    row.locator("text=督办").first.click()
    _fill(
        supervisor,
        {"#id_text": "请于期限内答复并说明逾期原因。", "#id_respond_by": "2025-04-08"},
    )
    supervisor.click("main form button[type=submit]")
    supervisor.wait_for_selector("#directive-text")
    directive_url = supervisor.url

    head = story.signed_in("head")
    assert "请于期限内答复" in head.inner_text("main") or overdue.tracking_number in (
        head.inner_text("main")
    )
    head.goto(directive_url)
    head.fill("#id_text", "已于4月1日作出答复，逾期系人员调整所致，已整改。")
    head.click("text=提交答复")
    head.wait_for_load_state()

    supervisor.goto(directive_url)
    supervisor.click("button:has-text('办结')")
    supervisor.wait_for_load_state()
    assert "已办结" in supervisor.inner_text("main")
    story.shot(supervisor, "casework-directive-closed")

    response = supervisor.request.get(
        f"{story.base}/workspace/supervision/circular.docx"
        f"?region={region['county'].pk}&year=2025"
    )
    assert response.ok
    text = "\n".join(
        p.text for p in Document(io.BytesIO(response.body())).paragraphs
    ) + "\n".join(
        cell.text
        for table in Document(io.BytesIO(response.body())).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "督办" in text and overdue.tracking_number in text
