"""Applicants' personal data (issue 12, finding 1 and Build 1): the public never
writes to a known applicant; linking an application to one, or merging two, is a
staff step with an event; reading a full identity number is recorded; past the
retention period the personal data is cleared."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from click.testing import CliRunner

from gongkai.applications import services as s
from gongkai.applications.cli import applications as applications_command
from gongkai.applications.models import Applicant, Application
from gongkai.core.events import events_for
from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted, Refused
from gongkai.testing import factories as f

from .helpers import RECEIVED

pytestmark = pytest.mark.django_db

NUMBER = "110101199001011237"


def details(**changes) -> s.ApplicantDetails:
    given = {
        "name": "张三",
        "applicant_type": "natural_person",
        "id_kind": "resident_id",
        "id_number": NUMBER,
        "phone": "13800000000",
        "email": "zhang@example.cn",
        "address": "北京市东城区某街1号",
        "postcode": "100010",
    }
    return s.ApplicantDetails(**{**given, **changes})


@pytest.fixture
def known(agency, clerk) -> Applicant:
    """张三, registered by staff from a paper application."""
    application = s.application_register(
        acting_user=clerk,
        agency=agency,
        received_on=RECEIVED,
        channel="in_person",
        applicant=details(),
    )
    return application.applicant


def _submit(agency, **changes) -> Application:
    from django.contrib.auth.models import AnonymousUser

    return s.application_submit(
        acting_user=AnonymousUser(),
        agency=agency,
        submitted_on=RECEIVED,
        channel="online",
        applicant=details(**changes),
        description="某文件",
    )


def _snapshot(applicant: Applicant) -> dict:
    return {
        name: getattr(applicant, name)
        for name in ("name", "phone", "email", "address", "postcode", "id_number")
    }


# -- finding 1: the public never writes to a known applicant ------------------------


def test_an_anonymous_submission_with_a_known_id_number_leaves_the_applicant_as_is(
    agency, known
):
    """Someone who knows 张三's ID number applies online with another name, phone,
    e-mail and address: 张三's record and their other applications are unchanged;
    the new application keeps what it was given, tied to nobody."""
    before = _snapshot(known)
    application = _submit(
        agency,
        name="冒名者",
        phone="13900000000",
        email="attacker@example.com",
        address="别处",
    )
    known.refresh_from_db()
    assert _snapshot(known) == before
    assert application.applicant is None
    assert (application.applicant_name, application.applicant_phone) == (
        "冒名者",
        "13900000000",
    )
    assert application.applicant_id_number == NUMBER
    assert Applicant.objects.count() == 1
    first = Application.objects.exclude(pk=application.pk).get()
    assert (first.applicant_name, first.applicant_phone) == ("张三", "13800000000")


def test_staff_registration_ties_to_the_known_applicant_without_changing_it(
    agency, clerk, known
):
    before = _snapshot(known)
    application = s.application_register(
        acting_user=clerk,
        agency=agency,
        received_on=RECEIVED,
        channel="in_person",
        applicant=details(phone="13700000000"),
    )
    known.refresh_from_db()
    assert application.applicant == known and _snapshot(known) == before
    assert application.applicant_phone == "13700000000"


# -- linking and merging: a staff step with an event ----------------------------------


def test_staff_link_an_online_application_to_the_known_applicant(agency, clerk, known):
    application = _submit(agency, phone="13900000000")
    before = _snapshot(known)
    linked = s.applicant_link(acting_user=clerk, application=application)
    known.refresh_from_db()
    assert linked.applicant == known and _snapshot(known) == before
    event = events_for(application).get(verb="applicant_linked")
    assert event.actor == clerk
    assert event.data == {
        "applicant": known.pk,
        "from": None,
        "created": False,
        "updated": [],
    }


def test_linking_may_bring_the_applicants_contact_up_to_date(agency, clerk, known):
    application = _submit(agency, phone="13900000000", address="新地址")
    s.applicant_link(acting_user=clerk, application=application, update_details=True)
    known.refresh_from_db()
    assert (known.phone, known.address) == ("13900000000", "新地址")
    event = events_for(application).get(verb="applicant_linked")
    assert event.data["updated"] == ["phone", "address"]


def test_linking_an_unknown_applicant_makes_a_record_from_the_application(
    agency, clerk
):
    application = _submit(agency)
    linked = s.applicant_link(acting_user=clerk, application=application)
    assert linked.applicant.id_number == NUMBER
    assert linked.applicant.phone == "13800000000"
    assert events_for(application).get(verb="applicant_linked").data["created"]


def test_linking_twice_to_the_same_applicant_is_refused(agency, clerk, known):
    application = _submit(agency)
    s.applicant_link(acting_user=clerk, application=application)
    with pytest.raises(Refused, match="已关联"):
        s.applicant_link(acting_user=clerk, application=application)


def test_merging_moves_the_applications_and_deletes_the_duplicate(agency, clerk, known):
    other = s.application_register(
        acting_user=clerk,
        agency=agency,
        received_on=RECEIVED,
        channel="in_person",
        applicant=details(id_kind="passport", id_number="E12345678"),
    )
    duplicate = other.applicant
    duplicate_pk = duplicate.pk
    s.applicant_merge(acting_user=clerk, applicant=duplicate, into=known)
    other.refresh_from_db()
    assert other.applicant == known
    assert not Applicant.objects.filter(pk=duplicate_pk).exists()
    event = events_for(known).get(verb="applicant_merged")
    assert event.data == {
        "merged": duplicate_pk,
        "applications": [other.tracking_number],
    }


def test_merging_needs_every_agency_the_applicants_applied_to(agency, clerk, known):
    """The history at another agency changes too: its handler must agree."""
    elsewhere = f.AgencyFactory(name="另一个局")
    outsider_application = s.application_register(
        acting_user=None,
        agency=elsewhere,
        received_on=RECEIVED,
        channel="in_person",
        applicant=details(id_kind="passport", id_number="E12345678"),
    )
    with pytest.raises(NotPermitted):
        s.applicant_merge(
            acting_user=clerk, applicant=outsider_application.applicant, into=known
        )
    assert Applicant.objects.count() == 2


# -- reading the full identity number is recorded -------------------------------------


def test_reading_the_full_id_number_is_recorded_with_who_and_which_record(
    agency, clerk, known, caplog
):
    application = known.applications.get()
    with caplog.at_level(logging.INFO, logger="gongkai.security"):
        number = s.applicant_id_number_read(acting_user=clerk, application=application)
    assert number == NUMBER
    event = events_for(application).get(verb="applicant_id_number_read")
    assert event.actor == clerk and event.at is not None
    assert application.tracking_number in caplog.text and "clerk" in caplog.text


def test_a_supervisor_may_not_read_the_full_id_number(agency, known):
    supervisor = f.UserFactory(username="sup", role="supervisor", agency=agency)
    with pytest.raises(NotPermitted):
        s.applicant_id_number_read(
            acting_user=supervisor, application=known.applications.get()
        )
    assert not Event.objects.filter(verb="applicant_id_number_read").exists()


# -- retention ------------------------------------------------------------------------


@pytest.fixture
def closed_long_ago(agency, known) -> Application:
    application = known.applications.get()
    return s.application_decide(
        acting_user=None,
        application=application,
        outcome="disclosed",
        closed_on=date(2025, 3, 20),
    )


def test_past_the_retention_period_personal_data_is_cleared(
    agency, closed_long_ago, settings
):
    settings.GONGKAI_APPLICANT_RETENTION_YEARS = 10
    recent = _submit(agency, name="李四", id_number="", phone="13600000000")
    result = s.applications_anonymise(acting_user=None, today=date(2035, 3, 21))
    assert result.applications == [closed_long_ago.tracking_number]
    old = Application.objects.get(pk=closed_long_ago.pk)
    assert old.applicant_name == "已匿名"
    assert [
        old.applicant_id_number,
        old.applicant_phone,
        old.applicant_email,
        old.applicant_address,
        old.applicant_postcode,
    ] == [""] * 5
    assert (old.applicant_type, old.outcome) == ("natural_person", "disclosed")
    assert old.anonymised_on == date(2035, 3, 21)
    event = events_for(old).get(verb="applicant_anonymised")
    assert event.actor is None
    person = Applicant.objects.get()
    assert (person.name, person.id_number, person.phone) == ("已匿名", "", "")
    recent.refresh_from_db()
    assert (recent.applicant_name, recent.applicant_phone) == ("李四", "13600000000")


def test_within_the_retention_period_nothing_is_cleared(closed_long_ago, settings):
    settings.GONGKAI_APPLICANT_RETENTION_YEARS = 10
    result = s.applications_anonymise(acting_user=None, today=date(2035, 3, 20))
    assert result.applications == []
    assert Application.objects.get().applicant_name == "张三"


def test_anonymising_twice_changes_nothing_more(closed_long_ago):
    s.applications_anonymise(acting_user=None, today=date(2040, 1, 1))
    events = Event.objects.count()
    again = s.applications_anonymise(acting_user=None, today=date(2040, 1, 1))
    assert again.applications == [] and again.applicants == 0
    assert Event.objects.count() == events


def test_the_command_reports_and_a_dry_run_changes_nothing(closed_long_ago):
    runner = CliRunner()
    dry = runner.invoke(
        applications_command, ["anonymise", "--date", "2040-01-01", "--dry-run"]
    )
    assert dry.exit_code == 0, dry.output
    assert "将匿名化 1 件申请" in dry.output
    assert closed_long_ago.tracking_number in dry.output
    assert Application.objects.get().applicant_name == "张三"
    done = runner.invoke(applications_command, ["anonymise", "--date", "2040-01-01"])
    assert "已匿名化 1 件申请" in done.output and "1 位申请人" in done.output
    assert Application.objects.get().applicant_name == "已匿名"
    again = runner.invoke(applications_command, ["anonymise", "--date", "2040-01-01"])
    assert "已匿名化 0 件申请" in again.output


def test_a_handler_anonymises_only_their_own_agencys_applications(
    agency, clerk, closed_long_ago
):
    elsewhere = f.AgencyFactory(name="另一个局")
    other = s.application_register(
        acting_user=None,
        agency=elsewhere,
        received_on=RECEIVED,
        channel="in_person",
        applicant=details(name="王五", id_number=""),
    )
    s.application_decide(
        acting_user=None, application=other, outcome="disclosed", closed_on=RECEIVED
    )
    result = s.applications_anonymise(acting_user=clerk, today=date(2040, 1, 1))
    assert result.applications == [closed_long_ago.tracking_number]
    assert Application.objects.get(pk=other.pk).applicant_name == "王五"


def test_a_supervisor_may_not_anonymise(agency, closed_long_ago):
    supervisor = f.UserFactory(username="sup", role="supervisor", agency=agency)
    with pytest.raises(NotPermitted):
        s.applications_anonymise(acting_user=supervisor, today=date(2040, 1, 1))


def test_a_follow_up_keeps_the_details_the_applicant_gave(agency, clerk, known):
    """Reopened after a review (第三十三条): the new round reaches the same person."""
    original = s.application_decide(
        acting_user=clerk,
        application=known.applications.get(),
        outcome="disclosed",
        closed_on=date(2025, 3, 20),
    )
    follow_up = s.application_reopen(
        acting_user=clerk,
        application=original,
        reopened_on=date(2025, 6, 3),
        reason="复议纠正",
    )
    assert (follow_up.applicant_phone, follow_up.applicant_id_number) == (
        "13800000000",
        NUMBER,
    )


def test_the_admin_masks_the_id_number_and_records_who_opens_an_applicant(
    client, known
):
    administrator = f.UserFactory(
        username="root", role="administrator", agency=None, is_staff=True
    )
    client.force_login(administrator)
    application = known.applications.get()
    page = client.get(
        f"/admin/applications/application/{application.pk}/change/"
    ).content.decode()
    assert NUMBER not in page and "1101**********1237" in page
    assert not Event.objects.filter(verb="applicant_id_number_read").exists()
    page = client.get(f"/admin/applications/applicant/{known.pk}/change/")
    assert NUMBER in page.content.decode()
    read = Event.objects.get(verb="applicant_id_number_read")
    assert read.actor == administrator and read.object_id == str(known.pk)


def test_an_applicant_with_a_recent_application_keeps_their_record(
    agency, clerk, known, closed_long_ago
):
    """Only the old application is anonymised; the record still serves the new one."""
    s.application_register(
        acting_user=clerk,
        agency=agency,
        received_on=date(2039, 6, 3),
        channel="in_person",
        applicant=details(),
    )
    result = s.applications_anonymise(acting_user=None, today=date(2040, 1, 1))
    assert result.applications == [closed_long_ago.tracking_number]
    assert result.applicants == 0
    known.refresh_from_db()
    assert (known.name, known.id_number) == ("张三", NUMBER)


def test_what_the_applicant_sent_online_goes_with_the_personal_data(
    agency, known, settings, django_capture_on_commit_callbacks
):
    """An online answer to a 补正 notice (its text, findings and file) is the
    applicant's own data: cleared with the rest once the period has run; that a
    correction came stays."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    png = BytesIO()
    Image.new("RGB", (8, 8), "white").save(png, "PNG")
    settings.GONGKAI_APPLICANT_RETENTION_YEARS = 10
    application = s.correction_request(
        acting_user=None,
        application=known.applications.get(),
        notified_on=date(2025, 3, 4),
        items="请写明文件名称",
    )
    answer = s.correction_answer_online(
        acting_user=None,
        application=application,
        text="我要的是2024年度部门预算，我的电话13600000000",
        files=[SimpleUploadedFile("补正.png", png.getvalue(), "image/png")],
        received_on=date(2025, 3, 6),
    )
    stored = answer.files.get().file
    assert stored.storage.exists(stored.name)
    s.application_decide(
        acting_user=None,
        application=Application.objects.get(pk=application.pk),
        outcome="disclosed",
        closed_on=date(2025, 3, 20),
    )
    with django_capture_on_commit_callbacks(execute=True):
        s.applications_anonymise(acting_user=None, today=date(2035, 3, 21))
    answer.refresh_from_db()
    assert (answer.text, answer.findings) == ("", [])
    assert answer.received_on == date(2025, 3, 6)
    assert answer.files.get().name == "已匿名"
    assert not stored.storage.exists(stored.name)


def test_internal_notes_lose_their_text_with_the_personal_data(
    agency, closed_long_ago, settings
):
    """Staff notes may name the applicant ("张三又来电话"): past the period their
    text goes too; that a note was written, by whom and when, stays."""
    from gongkai.applications.models import InternalNote
    from gongkai.applications.services.collaboration import application_note_add

    settings.GONGKAI_APPLICANT_RETENTION_YEARS = 10
    note = application_note_add(
        acting_user=None,
        application=closed_long_ago,
        text="张三来电催办，电话13600000000",
    )
    s.applications_anonymise(acting_user=None, today=date(2035, 3, 21))
    note.refresh_from_db()
    assert "张三" not in note.text and "13600000000" not in note.text
    assert InternalNote.objects.filter(application=closed_long_ago).count() == 1
