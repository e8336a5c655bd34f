"""Demo truth (issue 14): after the load, every open application of 青溪县 has the
due date its clock gives, 青溪县's dashboard shows the overdue ones, the circular
(通报) names them, and the demo holds an open 督办 and a closed one."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from gongkai.accounts.models import User
from gongkai.applications.models import Application
from gongkai.demo.directives_demo import UNIT_HEAD
from gongkai.demo.loader import demo_load
from gongkai.directives.models import Directive, DirectiveKind, DirectiveState

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_demo_shows_what_ran_late(client):
    """One test, as the load takes a while: the dashboard, the circular and the
    demo's directives, after loading twice (the second issues nothing more)."""
    demo_load(parts=["synthetic"])
    demo_load(parts=["synthetic"])
    still_open = Application.objects.filter(
        agency__name__startswith="青溪县", closed_on__isnull=True
    )
    assert still_open.exists()
    assert not still_open.filter(due_on__isnull=True).exists()
    own = still_open.filter(agency__name="青溪县人民政府").order_by("due_on")
    assert len(own) >= 1

    head = User.objects.get(username=UNIT_HEAD[0])
    client.force_login(head)
    dashboard = client.get(reverse("workspace:dashboard"))
    assert dashboard.context["counts"]["overdue"] == len(own)
    html = dashboard.content.decode()
    for application in own:
        assert application.tracking_number in html
    assert f"申请 {own[0].tracking_number}" in html  # the open 督办

    client.force_login(User.objects.get(username="demo-supervisor"))
    circular = client.get(reverse("workspace:circular"), {"year": 2025})
    text = docx_text(circular.content)
    assert "未发现逾期未答复的申请" not in text
    for application in still_open:
        assert application.tracking_number in text

    directives = Directive.objects.filter(agency__name="青溪县人民政府")
    assert sorted(directives.values_list("kind", "state")) == [
        (DirectiveKind.APPLICATION, DirectiveState.OPEN),
        (DirectiveKind.REPORT, DirectiveState.CLOSED),
    ]
    closed = directives.get(state=DirectiveState.CLOSED)
    assert closed.responses.count() == 1
