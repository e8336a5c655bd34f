"""Working together on an application: helpers of the same agency, internal notes
with who and when, a change of handler with its reason, each one event; the
refusals (another agency's staff, a supervisor, a closed application); and an
internal note never reaches the applicant: not the tracking page, not a letter,
not the public report JSON."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import services as s
from gongkai.applications.models import ApplicationHelper, InternalNote
from gongkai.core.events import events_for
from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted, Refused
from gongkai.testing import factories as f

from .helpers import registered

pytestmark = pytest.mark.django_db

SECRET_NOTE = "内部意见：此件暂缓，等主要领导批示"


@pytest.fixture
def colleague(agency):
    return f.UserFactory(
        username="colleague", agency=agency, first_name="五", last_name="王"
    )


@pytest.fixture
def stranger(db):
    return f.UserFactory(username="stranger", agency=f.AgencyFactory(name="另一局"))


@pytest.fixture
def application(agency, head, clerk):
    application = registered(agency, head)
    return s.application_assign(
        acting_user=head, application=application, handler=clerk
    )


def _verbs(application) -> list[str]:
    return [event.verb for event in events_for(application).order_by("at", "pk")]


# -- helpers ------------------------------------------------------------------------


def test_a_colleague_is_added_as_helper_with_an_event(application, head, colleague):
    s.application_helper_add(
        acting_user=head, application=application, helper=colleague
    )
    assert list(application.helpers.values_list("user", "added_by")) == [
        (colleague.pk, head.pk)
    ]
    event = events_for(application).get(verb="application_helper_added")
    assert (event.actor, event.data["helper"]) == (head, colleague.pk)


def test_a_helper_is_added_once_and_the_handler_never(
    application, head, clerk, colleague
):
    s.application_helper_add(
        acting_user=head, application=application, helper=colleague
    )
    with pytest.raises(Refused, match="已是该申请的协办人"):
        s.application_helper_add(
            acting_user=head, application=application, helper=colleague
        )
    with pytest.raises(Refused, match="承办人本人"):
        s.application_helper_add(
            acting_user=head, application=application, helper=clerk
        )
    assert application.helpers.count() == 1


def test_staff_of_another_agency_cannot_help(application, head, stranger):
    before = Event.objects.count()
    with pytest.raises(Refused, match="须是本机关的工作人员"):
        s.application_helper_add(
            acting_user=head, application=application, helper=stranger
        )
    assert not ApplicationHelper.objects.exists()
    assert Event.objects.count() == before


def test_a_supervisor_cannot_be_a_helper(application, head, agency):
    supervisor = f.UserFactory(username="sup", role="supervisor", agency=agency)
    with pytest.raises(Refused, match="不能办理申请"):
        s.application_helper_add(
            acting_user=head, application=application, helper=supervisor
        )


def test_another_agencys_staff_cannot_add_helpers_or_notes(
    application, stranger, colleague
):
    with pytest.raises(NotPermitted):
        s.application_helper_add(
            acting_user=stranger, application=application, helper=colleague
        )
    with pytest.raises(NotPermitted):
        s.application_note_add(acting_user=stranger, application=application, text="x")
    with pytest.raises(NotPermitted):
        s.application_handler_change(
            acting_user=stranger,
            application=application,
            handler=colleague,
            reason="调岗",
        )
    assert not InternalNote.objects.exists()
    assert "application_handler_changed" not in _verbs(application)


def test_a_helper_is_removed_with_an_event(application, head, colleague):
    s.application_helper_add(
        acting_user=head, application=application, helper=colleague
    )
    s.application_helper_remove(
        acting_user=head, application=application, helper=colleague
    )
    assert not application.helpers.exists()
    assert _verbs(application)[-1] == "application_helper_removed"
    with pytest.raises(Refused, match="不是该申请的协办人"):
        s.application_helper_remove(
            acting_user=head, application=application, helper=colleague
        )


# -- internal notes -----------------------------------------------------------------


def test_a_note_keeps_who_and_when_and_its_event_not_its_text(application, clerk):
    note = s.application_note_add(
        acting_user=clerk, application=application, text=f"  {SECRET_NOTE}  "
    )
    note.refresh_from_db()
    assert (note.author, note.text) == (clerk, SECRET_NOTE)
    assert note.created_at is not None
    event = events_for(application).get(verb="application_note_added")
    assert event.data == {"note": note.pk}
    assert SECRET_NOTE not in str(event.data)


def test_an_empty_note_is_refused(application, clerk):
    with pytest.raises(Refused, match="请填写备注内容"):
        s.application_note_add(acting_user=clerk, application=application, text="  ")


def test_a_note_never_reaches_the_applicant(client, application, head, agency):
    """Not on the tracking page, not in a letter, not in the public report JSON."""
    from gongkai.portal.tracking import tracking_secret
    from gongkai.reports.builder import build_report
    from gongkai.reports.formats import national_format_for_year
    from gongkai.reports.render.json import render_json

    s.application_note_add(acting_user=head, application=application, text=SECRET_NOTE)
    application = s.application_decide(
        acting_user=head,
        application=application,
        outcome="disclosed",
        closed_on=date(2025, 3, 20),
    )
    letter = s.letter_issue(
        acting_user=head,
        application=application,
        kind="reply",
        issued_on=date(2025, 3, 20),
    )
    assert SECRET_NOTE not in letter.body
    with letter.file.open("rb") as stream:
        assert SECRET_NOTE.encode() not in stream.read()

    number = application.tracking_number
    client.post(
        reverse("portal:track"),
        {"tracking_number": number, "secret": tracking_secret(number)},
    )
    page = client.get(reverse("portal:track_detail", args=[number]))
    assert page.status_code == 200
    assert number in page.content.decode()
    assert SECRET_NOTE not in page.content.decode()

    report = build_report(agency=agency, year=2025)
    public = render_json(report, national_format_for_year(2025)).decode()
    assert SECRET_NOTE not in public


def test_the_staff_page_shows_notes_to_staff(client, application, head):
    s.application_note_add(acting_user=head, application=application, text=SECRET_NOTE)
    client.force_login(head)
    page = client.get(reverse("workspace:application", args=[application.pk]))
    html = page.content.decode()
    assert SECRET_NOTE in html and "内部备注" in html


# -- the handler --------------------------------------------------------------------


def test_the_handler_is_changed_with_a_reason(application, head, clerk, colleague):
    s.application_helper_add(
        acting_user=head, application=application, helper=colleague
    )
    changed = s.application_handler_change(
        acting_user=head,
        application=application,
        handler=colleague,
        reason="原承办人休假",
    )
    assert changed.handler == colleague
    assert not changed.helpers.exists()  # the helper became the handler
    event = events_for(application).get(verb="application_handler_changed")
    assert event.data["from"] == clerk.pk and event.data["to"] == colleague.pk
    assert event.data["reason"] == "原承办人休假"
    assert event.data["after"] == "王五"


def test_a_change_of_handler_needs_a_reason_and_a_colleague(
    application, head, clerk, colleague, stranger
):
    with pytest.raises(Refused, match="理由"):
        s.application_handler_change(
            acting_user=head, application=application, handler=colleague, reason=" "
        )
    with pytest.raises(Refused, match="须是本机关的工作人员"):
        s.application_handler_change(
            acting_user=head, application=application, handler=stranger, reason="调岗"
        )
    with pytest.raises(Refused, match="已是该申请的承办人"):
        s.application_handler_change(
            acting_user=head, application=application, handler=clerk, reason="调岗"
        )
    application.refresh_from_db()
    assert application.handler == clerk


def test_a_closed_applications_handler_is_not_changed(application, head, colleague):
    s.application_decide(
        acting_user=head,
        application=application,
        outcome="disclosed",
        closed_on=date(2025, 3, 20),
    )
    with pytest.raises(Refused):
        s.application_handler_change(
            acting_user=head, application=application, handler=colleague, reason="调岗"
        )


# -- the pages ----------------------------------------------------------------------


def test_the_pages_add_a_helper_a_note_and_change_the_handler(
    client, application, head, colleague
):
    client.force_login(head)
    base = f"/workspace/applications/{application.pk}"
    client.post(f"{base}/helpers/", {"helper-helper": colleague.pk})
    assert application.helpers.filter(user=colleague).exists()
    client.post(f"{base}/notes/", {"note-text": SECRET_NOTE})
    assert application.internal_notes.get().text == SECRET_NOTE
    client.post(
        f"{base}/handler/",
        {"handler-handler": colleague.pk, "handler-reason": "原承办人调岗"},
    )
    application.refresh_from_db()
    assert application.handler == colleague
    page = client.get(f"{base}/").content.decode()
    assert "原承办人调岗" in page or "更换承办人" in page


def test_a_helper_sees_the_application_in_their_list(
    client, application, head, colleague
):
    s.application_helper_add(
        acting_user=head, application=application, helper=colleague
    )
    client.force_login(colleague)
    page = client.get(reverse("workspace:applications"), {"bucket": "helping"})
    assert application.tracking_number in page.content.decode()


def test_another_agencys_staff_get_403_on_the_pages(client, application, stranger):
    client.force_login(stranger)
    response = client.post(
        f"/workspace/applications/{application.pk}/notes/", {"note-text": "x"}
    )
    assert response.status_code == 403
    assert not InternalNote.objects.exists()


# -- the demo -----------------------------------------------------------------------


def test_the_demo_adds_a_helper_a_note_and_an_offer_once(agency, db):
    from gongkai.demo.region import XINGYI_EMERGENCY
    from gongkai.demo.register_demo import HELPER, STAFF, register_demo_ensure

    staff = f.UserFactory(username=STAFF, agency=agency)
    helper = f.UserFactory(username=HELPER, role="reviewer", agency=agency)
    open_one = f.ApplicationFactory(agency=agency, received_on=date(2026, 12, 1))
    answered = f.ApplicationFactory(
        agency=agency,
        received_on=date(2026, 11, 2),
        closed_on=date(2026, 11, 20),
        outcome="disclosed",
        description="2026年度防汛物资储备清单",
    )
    agencies = {XINGYI_EMERGENCY: agency}
    assert register_demo_ensure(agencies) == 2
    assert register_demo_ensure(agencies) == 0  # idempotent
    assert list(open_one.helpers.values_list("user", flat=True)) == [helper.pk]
    open_one.refresh_from_db()
    assert open_one.handler == staff
    assert open_one.internal_notes.get().author == staff
    answered.refresh_from_db()
    item = answered.catalogue_item
    assert (item.title, item.status, item.origin) == (
        "2026年度防汛物资储备清单",
        "draft",
        "from_application",
    )
