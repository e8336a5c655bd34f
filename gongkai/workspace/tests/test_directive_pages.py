"""督办 on the pages: the supervisor issues one from the supervision page's list of
overdue applications, the unit sees it on its dashboard and answers with a file,
the supervisor closes it; the supervision page and the circular (通报) list it."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from gongkai.directives.models import Directive, DirectiveState
from gongkai.testing import factories

pytestmark = pytest.mark.django_db
NOW = "2026-03-02 10:00 +0800"


@pytest.fixture
def overdue(region):
    """An application of 甲局 due on 27 January 2026, still unanswered."""
    return factories.ApplicationFactory(
        agency=region.a,
        tracking_number="JIA-2025-0001",
        received_on=date(2025, 12, 29),
        due_on=date(2026, 1, 27),
    )


def docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def issue_from_the_page(client, overdue):
    new = reverse("workspace:directive_new") + f"?kind=application&target={overdue.pk}"
    return client.post(
        new, {"text": "请立即答复申请人并说明逾期原因。", "respond_by": "2026-03-09"}
    )


@time_machine.travel(NOW)
def test_the_whole_story_on_the_pages(client_as, region, overdue):
    supervisor = client_as(region.users["supervisor"])
    page = supervisor.get(reverse("workspace:supervision"), {"year": 2025})
    html = page.content.decode()
    assert "JIA-2025-0001" in html
    new = (
        reverse("workspace:directive_new")
        + f"?kind=application&amp;target={overdue.pk}"
    )
    assert new in html  # the row's 督办 button

    response = issue_from_the_page(supervisor, overdue)
    directive = Directive.objects.get()
    assert response.url == reverse("workspace:directive", args=[directive.pk])
    assert directive.respond_by == date(2026, 3, 9)

    staff = client_as(region.users["staff"])
    dashboard = staff.get(reverse("workspace:dashboard")).content.decode()
    assert "申请 JIA-2025-0001" in dashboard
    assert "答复期限 2026-03-09" in dashboard
    detail = staff.get(reverse("workspace:application", args=[overdue.pk]))
    assert (
        reverse("workspace:directive", args=[directive.pk]) in detail.content.decode()
    )

    pdf = SimpleUploadedFile("答复书.pdf", b"%PDF-1.4 answer", "application/pdf")
    staff.post(
        reverse("workspace:directive_answer", args=[directive.pk]),
        {"text": "已于3月2日答复申请人。", "attachments": [pdf]},
    )
    directive.refresh_from_db()
    assert directive.state == DirectiveState.ANSWERED
    stored = directive.responses.get().files.get()

    supervisor = client_as(region.users["supervisor"])
    detail = supervisor.get(reverse("workspace:directive", args=[directive.pk]))
    assert "已于3月2日答复申请人。" in detail.content.decode()
    download = supervisor.get(
        reverse("workspace:directive_file", args=[directive.pk, stored.pk])
    )
    assert b"".join(download.streaming_content) == b"%PDF-1.4 answer"
    supervisor.post(
        reverse("workspace:directive_step", args=[directive.pk, "close"]),
        {"reason": "整改到位。"},
    )
    directive.refresh_from_db()
    assert directive.state == DirectiveState.CLOSED

    page = supervisor.get(reverse("workspace:supervision"), {"year": 2025})
    assert page.context["directives_closed"] == [directive]
    circular = supervisor.get(reverse("workspace:circular"), {"year": 2025})
    text = docx_text(circular.content)
    assert "五、督办情况" in text
    assert "共发出督办1件，已办结1件" in text
    assert "申请 JIA-2025-0001" in text
    assert "已办结" in text


@time_machine.travel(NOW)
def test_the_circular_names_the_overdue_applications(client_as, region, overdue):
    supervisor = client_as(region.users["supervisor"])
    issue_from_the_page(supervisor, overdue)
    text = docx_text(
        supervisor.get(reverse("workspace:circular"), {"year": 2025}).content
    )
    assert "逾期未答复的申请1件" in text
    assert "JIA-2025-0001" in text
    assert "2026年1月27日" in text
    assert "未办结1件" in text
    assert "待答复" in text


@time_machine.travel(NOW)
def test_the_unit_cannot_issue_and_others_cannot_see(client_as, region, overdue):
    new = reverse("workspace:directive_new") + f"?kind=application&target={overdue.pk}"
    assert client_as(region.users["staff"]).get(new).status_code == 403
    issue_from_the_page(client_as(region.users["supervisor"]), overdue)
    directive = Directive.objects.get()
    detail = reverse("workspace:directive", args=[directive.pk])
    assert client_as(region.users["other_staff"]).get(detail).status_code == 403
    neighbour = factories.UserFactory(
        username="neighbour",
        role="supervisor",
        agency=factories.AgencyFactory(name="邻县人民政府"),
    )
    assert client_as(neighbour).get(detail).status_code == 403
    assert client_as(neighbour).get(new).status_code == 403
    answer = reverse("workspace:directive_answer", args=[directive.pk])
    refused = client_as(region.users["supervisor"]).post(answer, {"text": "代答"})
    assert refused.status_code == 403


@time_machine.travel(NOW)
def test_a_closed_directive_offers_no_answer(client_as, region, overdue):
    supervisor = client_as(region.users["supervisor"])
    issue_from_the_page(supervisor, overdue)
    directive = Directive.objects.get()
    supervisor.post(reverse("workspace:directive_step", args=[directive.pk, "close"]))
    staff = client_as(region.users["staff"])
    detail = staff.get(reverse("workspace:directive", args=[directive.pk]))
    assert "提交答复" not in detail.content.decode()
    staff.post(
        reverse("workspace:directive_answer", args=[directive.pk]), {"text": "补充"}
    )
    assert not directive.responses.exists()
    dashboard = staff.get(reverse("workspace:dashboard")).content.decode()
    assert "申请 JIA-2025-0001" not in dashboard


@time_machine.travel(NOW)
def test_a_late_report_is_directed_from_its_row(client_as, region):
    """No unit published its 2024 report: each is listed with a 督办 button."""
    supervisor = client_as(region.users["supervisor"])
    page = supervisor.get(reverse("workspace:supervision"), {"year": 2024})
    new = (
        reverse("workspace:directive_new")
        + f"?kind=report&amp;agency={region.b.pk}&amp;year=2024"
    )
    assert new in page.content.decode()
    supervisor.post(
        new.replace("&amp;", "&"), {"text": "请说明原因。", "respond_by": "2026-03-09"}
    )
    directive = Directive.objects.get()
    assert (directive.agency, directive.report_year) == (region.b, 2024)
    listed = supervisor.get(reverse("workspace:directives")).content.decode()
    assert "2024年度政府信息公开工作年度报告" in listed
