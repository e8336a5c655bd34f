"""督办: issued by a supervisor of the unit's region on something that ran late,
answered by the unit, sent back or closed by the supervisor; each step one event,
and the people concerned told by e-mail."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted, Refused
from gongkai.directives.models import Directive, DirectiveKind, DirectiveState
from gongkai.directives.services import (
    directive_answer,
    directive_close,
    directive_issue,
    directive_send_back,
)
from gongkai.directives.workflow import DIRECTIVE_WORKFLOW
from gongkai.testing import factories

from .conftest import TODAY

pytestmark = pytest.mark.django_db
RESPOND_BY = date(2026, 3, 9)


def issue(regions, user="supervisor", **more):
    arguments = {
        "acting_user": regions.users[user],
        "agency": regions.a,
        "kind": DirectiveKind.APPLICATION,
        "target": regions.overdue,
        "text": "请于期限内答复申请人，并说明逾期原因。",
        "respond_by": RESPOND_BY,
        "today": TODAY,
        **more,
    }
    return directive_issue(**arguments)


def verbs(directive):
    return list(
        Event.objects.filter(object_id=str(directive.pk), verb__startswith="directive")
        .order_by("pk")
        .values_list("verb", flat=True)
    )


def test_issue_answer_close(regions, django_capture_on_commit_callbacks):
    """The whole life: 待答复 → 已答复 → 已办结, one event a step; the unit's office
    head is told of the directive, the supervisor of the answer."""
    with django_capture_on_commit_callbacks(execute=True):
        directive = issue(regions)
    assert directive.state == DirectiveState.OPEN
    assert [m.to for m in mail.outbox] == [["head@a.example.cn"]]
    assert "JIA-2025-0001" in mail.outbox[0].subject
    assert "2026年3月9日" in mail.outbox[0].body

    pdf = SimpleUploadedFile("整改报告.pdf", b"%PDF-1.4 test", "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = directive_answer(
            acting_user=regions.users["staff"],
            directive=directive,
            text="已于3月3日作出答复并送达申请人。",
            files=[pdf],
        )
    directive.refresh_from_db()
    assert directive.state == DirectiveState.ANSWERED
    assert directive.answered_at is not None
    assert [f.name for f in response.files.all()] == ["整改报告.pdf"]
    assert response.files.get().file.read() == b"%PDF-1.4 test"
    assert mail.outbox[-1].to == ["duban@county.example.cn"]

    directive = directive_close(
        acting_user=regions.users["supervisor"], directive=directive, note="整改到位。"
    )
    assert directive.state == DirectiveState.CLOSED
    assert directive.closing_note == "整改到位。"
    assert verbs(directive) == [
        "directive_issued",
        "directive_answered",
        "directive_closed",
    ]


def test_an_answer_sent_back_is_open_again_with_the_reason(
    regions, django_capture_on_commit_callbacks
):
    """The office heads are told why, by e-mail."""
    directive = issue(regions)
    directive_answer(
        acting_user=regions.users["head"], directive=directive, text="正在办理。"
    )
    with pytest.raises(Refused, match="须说明理由"):
        directive_send_back(
            acting_user=regions.users["supervisor"], directive=directive, reason=" "
        )
    with django_capture_on_commit_callbacks(execute=True):
        directive = directive_send_back(
            acting_user=regions.users["supervisor"],
            directive=directive,
            reason="未说明答复日期。",
        )
    assert directive.state == DirectiveState.OPEN
    assert mail.outbox[-1].to == ["head@a.example.cn"]
    assert "未说明答复日期。" in mail.outbox[-1].body
    event = Event.objects.get(verb="directive_sent_back")
    assert event.data["reason"] == "未说明答复日期。"


@pytest.mark.parametrize("user", ["staff", "head", "other_supervisor", "other_staff"])
def test_only_a_supervisor_of_the_units_region_issues(regions, user):
    """A unit cannot issue a directive, nor a supervisor of another region."""
    with pytest.raises(NotPermitted):
        issue(regions, user=user)
    assert not Directive.objects.exists()


def test_an_administrator_issues_anywhere(regions):
    assert issue(regions, user="administrator").agency == regions.a


@pytest.mark.parametrize("user", ["supervisor", "other_staff", "administrator"])
def test_only_the_unit_answers(regions, user):
    directive = issue(regions)
    with pytest.raises(NotPermitted):
        directive_answer(
            acting_user=regions.users[user], directive=directive, text="答"
        )
    directive.refresh_from_db()
    assert directive.state == DirectiveState.OPEN


def test_the_unit_cannot_close_its_own_directive(regions):
    directive = issue(regions)
    with pytest.raises(NotPermitted):
        directive_close(acting_user=regions.users["head"], directive=directive)


def test_a_closed_directive_cannot_be_answered(regions):
    directive = issue(regions)
    directive_close(acting_user=regions.users["supervisor"], directive=directive)
    with pytest.raises(Refused, match="已办结"):
        directive_answer(
            acting_user=regions.users["staff"], directive=directive, text="补充"
        )
    assert not directive.responses.exists()


def test_an_answer_needs_text_and_acceptable_files(regions):
    directive = issue(regions)
    with pytest.raises(Refused, match="答复内容"):
        directive_answer(
            acting_user=regions.users["staff"], directive=directive, text=""
        )
    program = SimpleUploadedFile("整改.exe", b"MZ\x90\x00", "application/octet-stream")
    with pytest.raises(Refused, match="不接受"):
        directive_answer(
            acting_user=regions.users["staff"],
            directive=directive,
            text="见附件",
            files=[program],
        )
    directive.refresh_from_db()
    assert directive.state == DirectiveState.OPEN
    assert not directive.responses.exists()


def test_only_late_work_is_directed(regions):
    """An application still within its period, paused, or of another unit is no
    subject of a 督办; a report only once its year is over."""
    on_time = factories.ApplicationFactory(
        agency=regions.a, received_on=date(2026, 2, 20), due_on=date(2026, 3, 20)
    )
    with pytest.raises(Refused, match="没有逾期"):
        issue(regions, target=on_time)
    with pytest.raises(Refused, match="不属于测试县甲局"):
        issue(
            regions,
            agency=regions.a,
            target=factories.ApplicationFactory(
                agency=regions.b, due_on=date(2026, 1, 5)
            ),
        )
    with pytest.raises(Refused, match="尚未结束"):
        issue(regions, kind=DirectiveKind.REPORT, target=2026)
    assert issue(regions, kind=DirectiveKind.REPORT, target=2025).report_year == 2025


def test_one_open_directive_per_subject(regions):
    first = issue(regions)
    with pytest.raises(Refused, match="未办结的督办"):
        issue(regions)
    directive_close(acting_user=regions.users["supervisor"], directive=first)
    assert issue(regions).pk != first.pk


def test_a_response_deadline_in_the_past_is_refused(regions):
    with pytest.raises(Refused, match="不能早于今天"):
        issue(regions, respond_by=TODAY - timedelta(days=1))


def test_late_answers_and_items(regions):
    """An overdue answer to a review, a lawsuit's defence, a late item."""
    review = factories.AdministrativeReviewFactory(
        agency=regions.a,
        filed_on=date(2026, 1, 5),
        served_on=date(2026, 1, 6),
        answer_due=date(2026, 1, 16),
    )
    lawsuit = factories.LitigationFactory(
        agency=regions.a,
        filed_on=date(2026, 1, 5),
        served_on=date(2026, 1, 6),
        answer_due=date(2026, 1, 21),
    )
    item = factories.ItemFactory(
        agency=regions.a,
        formed_on=date(2026, 1, 5),
        published_on=None,
        publish_due_on=date(2026, 1, 25),
        status="draft",
    )
    for kind, target in (
        (DirectiveKind.REVIEW, review),
        (DirectiveKind.LITIGATION, lawsuit),
        (DirectiveKind.ITEM, item),
    ):
        assert "逾期" in str(
            issue(regions, kind=kind, target=target).get_kind_display()
        )


@pytest.mark.parametrize(
    ("state", "step", "allowed"),
    [
        (
            state,
            step,
            (state, step)
            in {
                ("open", "answer"),
                ("answered", "answer"),
                ("answered", "send_back"),
                ("open", "close"),
                ("answered", "close"),
            },
        )
        for state in DirectiveState.values
        for step in DIRECTIVE_WORKFLOW.steps
    ],
)
def test_the_table(state, step, allowed):
    assert DIRECTIVE_WORKFLOW.allows(state, step) is allowed
