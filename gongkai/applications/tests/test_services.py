"""The services of disclosure on application, one rule at a time."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings

from gongkai.applications import services as s
from gongkai.applications.models import (
    Applicant,
    Application,
    ApplicationStatus,
    Ground,
    Outcome,
)
from gongkai.applications.receipt import needs_confirmation, receipt_rule
from gongkai.applications.selectors import application_evidence, due_explained
from gongkai.core.events import events_for
from gongkai.core.workflow import NotPermitted
from gongkai.testing import factories as f
from gongkai.workdays.services import calendar_day_set, calendar_year_load

from .helpers import RECEIVED, applicant, in_status, registered

pytestmark = pytest.mark.django_db
D = date


# -- intake and the receipt day (第三十一条) -------------------------------------------


@pytest.mark.parametrize(
    ("channel", "signed_for", "confirm"),
    [
        ("in_person", False, False),
        ("letter", True, False),
        ("letter", False, True),
        ("online", False, True),
        ("fax", False, True),
        ("email", False, True),
        ("other", False, False),
    ],
)
def test_which_channels_are_received_only_once_confirmed(channel, signed_for, confirm):
    assert needs_confirmation(channel, signed_for=signed_for) is confirm
    assert "第三十一条" in receipt_rule(channel, signed_for=signed_for)


def test_a_registered_application_is_received_with_its_due_date(agency, head):
    application = registered(agency, head)
    assert application.status == ApplicationStatus.RECEIVED
    assert application.tracking_number.startswith("YSQ20250303-")
    # Mon 3/3: 3/4–7 n1–4, 3/10–14 n5–9, 3/17–21 n10–14, 3/24–28 n15–19, 3/31 n20.
    assert application.due_on == D(2025, 3, 31)
    event = events_for(application).get()
    assert event.verb == "application_received" and event.actor == head


def test_an_online_application_counts_from_its_confirmation(agency, head):
    application = s.application_submit(
        acting_user=head,
        agency=agency,
        submitted_on=D(2025, 3, 1),
        channel="online",
        applicant=applicant(),
    )
    assert (application.received_on, application.due_on) == (None, None)
    application = s.application_confirm(
        acting_user=head, application=application, confirmed_on=RECEIVED
    )
    assert application.received_on == RECEIVED
    assert application.due_on == D(2025, 3, 31)


def test_an_application_handed_in_is_not_submitted_for_confirmation(agency, head):
    with pytest.raises(ValidationError, match="请直接登记"):
        s.application_submit(
            acting_user=head,
            agency=agency,
            submitted_on=RECEIVED,
            channel="in_person",
            applicant=applicant(),
        )


def test_an_unconfirmed_application_is_never_counted(agency, head):
    in_status(ApplicationStatus.UNCONFIRMED, agency, head)
    from gongkai.applications.selectors import applications_pending_at

    assert not applications_pending_at(
        agency_ids=[agency.pk], day=D(2025, 12, 31)
    ).exists()


def test_the_applicant_registry_keeps_one_record_per_identity(agency, head):
    """Staff registering a second application of a known applicant tie it to the
    same record; the new details stay on the application, the record as it was
    (bringing it up to date is ``applicant_link`` with ``update_details``)."""
    details = applicant(number="110101199001011234")
    first = registered(agency, head, applicant=details)
    second = registered(
        agency,
        head,
        applicant=s.ApplicantDetails(
            name="张三",
            applicant_type="natural_person",
            id_kind="resident_id",
            id_number="110101199001011234",
            phone="13800000000",
        ),
    )
    assert first.applicant_id == second.applicant_id
    assert Applicant.objects.get().phone == ""
    assert second.applicant_phone == "13800000000"
    assert first.applicant_type == "natural_person" and first.applicant_name == "张三"


def test_answered_on_the_spot_is_received_and_closed_the_same_day(agency, head):
    application = s.application_answer_on_the_spot(
        acting_user=head,
        agency=agency,
        received_on=RECEIVED,
        channel="in_person",
        outcome="disclosed",
        ground="already_public",
        legal_basis="第三十六条第一项",
        applicant=applicant(),
    )
    assert application.received_on == application.closed_on == RECEIVED
    assert (
        application.answered_on_the_spot
        and application.status == ApplicationStatus.CLOSED
    )


# -- 补正 (第三十条) ---------------------------------------------------------------


def test_a_correction_stops_the_clock_and_restarts_it(agency, head):
    application = registered(agency, head)
    application = s.correction_request(
        acting_user=head,
        application=application,
        notified_on=D(2025, 3, 5),
        items="请写明文件名称或文号",
    )
    # 15 working days to correct (the default): 3/6–7, 3/10–14, 3/17–21, 3/24–26.
    assert application.correction.correct_by == D(2025, 3, 26)
    assert not application.correction.notice_late
    assert application.due_on is None
    application = s.correction_receive(
        acting_user=head, application=application, corrected_on=D(2025, 3, 12)
    )
    # From Wed 3/12: 3/13–14 n1–2, 3/17–21 n3–7, 3/24–28 n8–12, 3/31–4/3 n13–16,
    # 4/4–6 off, 4/7–10 n17–20.
    assert application.due_on == D(2025, 4, 10)


def test_a_correction_notice_after_seven_working_days_is_marked_late(agency, head):
    application = registered(agency, head)
    # Mon 3/3 + 7 working days = Wed 3/12; Thu 3/13 is late.
    application = s.correction_request(
        acting_user=head, application=application, notified_on=D(2025, 3, 13), items="x"
    )
    assert application.correction.notice_late
    assert events_for(application).first().data["late"] is True


def test_correction_is_asked_once(agency, head):
    application = in_status(ApplicationStatus.AWAITING_CORRECTION, agency, head)
    application = s.correction_receive(
        acting_user=head, application=application, corrected_on=D(2025, 3, 10)
    )
    with pytest.raises(ValidationError, match="一次性告知"):
        s.correction_request(
            acting_user=head,
            application=application,
            notified_on=D(2025, 3, 11),
            items="y",
        )


def test_no_correction_lapses_only_after_its_deadline(agency, head):
    application = in_status(ApplicationStatus.AWAITING_CORRECTION, agency, head)
    with pytest.raises(ValidationError, match="期限届满后"):
        s.correction_lapse(
            acting_user=head, application=application, closed_on=D(2025, 3, 26)
        )
    application = s.correction_lapse(
        acting_user=head, application=application, closed_on=D(2025, 3, 27)
    )
    assert application.outcome == Outcome.OTHER_NO_CORRECTION
    assert "第三十条" in application.legal_basis


def test_still_unclear_needs_a_corrected_application(agency, head):
    application = registered(agency, head)
    with pytest.raises(ValidationError, match="须在申请人补正之后"):
        s.application_decide(
            acting_user=head,
            application=application,
            outcome=Outcome.UNABLE_UNCLEAR,
            closed_on=D(2025, 3, 20),
        )


# -- consultation ------------------------------------------------------------------


def test_a_consulted_party_has_fifteen_working_days(agency, head):
    application = in_status(ApplicationStatus.CONSULTING, agency, head)
    consultation = application.consultations.get()
    # Wed 3/5 + 15: 3/6–7, 3/10–14, 3/17–21, 3/24–26.
    assert consultation.answer_due == D(2025, 3, 26)
    with pytest.raises(ValidationError, match="期满后才能记为逾期未提出意见"):
        s.consultation_finish(
            acting_user=head,
            application=application,
            answered_on=D(2025, 3, 26),
            opinion="no_reply",
        )
    application = s.consultation_finish(
        acting_user=head,
        application=application,
        answered_on=D(2025, 3, 27),
        opinion="no_reply",
    )
    # 3/4–5 n1–2; paused 3/6–27; 3/28 n3; 3/31 n4; 4/1–3 n5–7; 4/4–6 off;
    # 4/7–11 n8–12; 4/14–18 n13–17; 4/21–23 n18–20.
    assert application.due_on == D(2025, 4, 23)


# -- fees ----------------------------------------------------------------------------


def test_a_fee_by_the_month_count_is_paid_and_collected(agency, head):
    details = applicant(number="110101199001011234")
    for _ in range(10):
        registered(agency, head, applicant=details)
    eleventh = registered(agency, head, applicant=details, pieces=2)
    # This month: ten requests before, this one counts as two: the 11th and 12th.
    quantity, amount = s.fee_quote(eleventh, basis="per_item")
    assert (quantity, amount) == (12, Decimal(200))
    application = s.fee_notify(
        acting_user=head,
        application=eleventh,
        basis="per_item",
        notified_on=D(2025, 3, 4),
    )
    # Tue 3/4 + 20: 3/5–7, 3/10–14, 3/17–21, 3/24–28, 3/31–4/1.
    assert application.fee_notice.pay_by == D(2025, 4, 1)
    assert application.due_on is None  # the clock stands still until payment
    application = s.fee_pay(
        acting_user=head, application=application, paid_on=D(2025, 3, 10)
    )
    assert application.fee_amount == Decimal(200)
    # 3/4 n1; paused 3/5–10; 3/11–14 n2–5; 3/17–21, 3/24–28, 3/31–4/3 n16–19;
    # 4/4–6 off; 4/7 n20.
    assert application.due_on == D(2025, 4, 7)


@override_settings(GONGKAI_FEE_NOTICE_PAUSES_CLOCK=False)
def test_the_fee_pause_is_a_setting(agency, head):
    application = in_status(ApplicationStatus.AWAITING_PAYMENT, agency, head)
    assert application.due_on == D(2025, 3, 31)  # the plain 20 working days


def test_a_fee_that_the_tiers_do_not_charge_is_not_notified(agency, head):
    with pytest.raises(ValidationError, match="不需缴费"):
        s.fee_notify(
            acting_user=head,
            application=registered(agency, head),
            basis="per_page",
            pages=30,
            notified_on=D(2025, 3, 4),
        )


def test_a_reduction_needs_a_reason_and_a_waiver_ends_the_pause(agency, head):
    application = registered(agency, head)
    with pytest.raises(ValidationError, match="减免的理由"):
        s.fee_notify(
            acting_user=head,
            application=application,
            basis="per_page",
            pages=150,
            notified_on=D(2025, 3, 4),
            reduction=Decimal(700),
        )
    application = s.fee_notify(
        acting_user=head,
        application=application,
        basis="per_page",
        pages=150,
        notified_on=D(2025, 3, 4),
        reduction=Decimal(700),
        reduction_reason="困难群众",
    )
    assert application.fee_notice.amount_due == Decimal(1000)
    application = s.fee_waive(
        acting_user=head,
        application=application,
        waived_on=D(2025, 3, 6),
        reason="免收",
    )
    assert application.fee_amount == Decimal(0) and application.due_on is not None


def test_unpaid_fees_lapse_after_the_twenty_days(agency, head):
    application = in_status(ApplicationStatus.AWAITING_PAYMENT, agency, head)
    pay_by = application.fee_notice.pay_by
    with pytest.raises(ValidationError, match="期限届满后"):
        s.fee_lapse(acting_user=head, application=application, closed_on=pay_by)
    application = s.fee_lapse(
        acting_user=head, application=application, closed_on=D(2025, 4, 30)
    )
    assert application.outcome == Outcome.OTHER_UNPAID


# -- extension and delay ---------------------------------------------------------------


def test_only_the_office_head_may_extend_once_by_twenty_at_most(agency, head, clerk):
    application = registered(agency, head)
    extend = dict(
        reason="档案调取", decided_on=D(2025, 3, 20), notified_on=D(2025, 3, 20)
    )
    with pytest.raises(NotPermitted, match="批准延长答复期限"):
        s.application_extend(
            acting_user=clerk,
            application=application,
            days=10,
            approved_by=head,
            **extend,
        )
    with pytest.raises(ValidationError, match="机构负责人同意"):
        s.application_extend(
            acting_user=head,
            application=application,
            days=10,
            approved_by=clerk,
            **extend,
        )
    with pytest.raises(ValidationError, match="最长不得超过20"):
        s.application_extend(
            acting_user=head,
            application=application,
            days=21,
            approved_by=head,
            **extend,
        )
    application = s.application_extend(
        acting_user=head, application=application, days=20, approved_by=head, **extend
    )
    # 3/31 n20; 4/1–3 n21–23; 4/4–6 off; 4/7–11, 4/14–18, 4/21–25 n24–38;
    # Sun 4/27 worked (劳动节调休) n39; Mon 4/28 n40.
    assert application.due_on == D(2025, 4, 28) and application.extended
    with pytest.raises(ValidationError, match="只能一次"):
        s.application_extend(
            acting_user=head,
            application=application,
            days=5,
            approved_by=head,
            **extend,
        )


def test_no_extension_after_the_due_date(agency, head):
    application = registered(agency, head)
    with pytest.raises(ValidationError, match="已于2025-03-31届满"):
        s.application_extend(
            acting_user=head,
            application=application,
            days=5,
            reason="x",
            approved_by=head,
            decided_on=D(2025, 4, 1),
            notified_on=D(2025, 4, 1),
        )


# -- decisions -------------------------------------------------------------------


def test_a_decision_records_one_outcome_and_its_legal_basis(agency, head):
    application = s.application_decide(
        acting_user=head,
        application=registered(agency, head),
        outcome=Outcome.WITHHELD_THIRD_PARTY,
        ground=Ground.PRIVACY,
        closed_on=D(2025, 3, 20),
    )
    assert (application.outcome, application.ground) == (
        "withheld_third_party",
        "privacy",
    )
    assert application.legal_basis == "《中华人民共和国政府信息公开条例》第十五条"
    assert application.due_on == D(2025, 3, 31)  # kept: answered in time


@pytest.mark.parametrize("outcome", [Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_UNPAID])
def test_the_procedural_outcomes_are_not_chosen_by_hand(agency, head, outcome):
    with pytest.raises(ValidationError, match="请使用"):
        s.application_decide(
            acting_user=head,
            application=registered(agency, head),
            outcome=outcome,
            closed_on=D(2025, 3, 20),
        )


def test_a_ground_refines_only_its_own_outcome(agency, head):
    with pytest.raises(ValidationError, match="不适用"):
        s.application_decide(
            acting_user=head,
            application=registered(agency, head),
            outcome=Outcome.DISCLOSED,
            ground=Ground.PRIVACY,
            closed_on=D(2025, 3, 20),
        )


def test_a_transfer_names_the_competent_agency(agency, head):
    application = s.application_transfer(
        acting_user=head,
        application=registered(agency, head),
        closed_on=D(2025, 3, 10),
        competent_agency="市统计局（电话 0851-1234567）",
    )
    assert (application.outcome, application.ground) == (
        "unable_not_held",
        "not_this_agency",
    )
    assert application.referred_to.startswith("市统计局")


def test_reopening_keeps_the_original_and_starts_a_follow_up(agency, head):
    original = in_status(ApplicationStatus.CLOSED, agency, head)
    follow_up = s.application_reopen(
        acting_user=head,
        application=original,
        reopened_on=D(2025, 6, 3),
        reason="复议纠正",
    )
    original.refresh_from_db()
    assert original.status == ApplicationStatus.REOPENED
    assert (original.outcome, original.closed_on) == ("disclosed", D(2025, 3, 20))
    assert (
        follow_up.reopened_from == original
        and follow_up.status == ApplicationStatus.RECEIVED
    )
    assert follow_up.tracking_number == f"{original.tracking_number}-R1"
    # Tue 6/3: 6/4–6 n1–3, 6/9–13, 6/16–20, 6/23–27 n4–18, 6/30 n19, 7/1 n20.
    assert follow_up.due_on == D(2025, 7, 1)


def test_released_information_can_be_offered_to_the_catalogue(agency, head):
    application = s.application_decide(
        acting_user=head,
        application=registered(agency, head),
        outcome=Outcome.DISCLOSED,
        closed_on=D(2025, 3, 20),
    )
    application = s.application_offer_to_catalogue(
        acting_user=head, application=application, title="2024年度部门预算"
    )
    item = application.catalogue_item
    assert (item.origin, item.status) == ("from_application", "draft")
    with pytest.raises(ValidationError, match="已提交"):
        s.application_offer_to_catalogue(
            acting_user=head, application=application, title="x"
        )


def test_withheld_information_is_not_offered(agency, head):
    application = s.application_decide(
        acting_user=head,
        application=registered(agency, head),
        outcome=Outcome.WITHHELD_INTERNAL,
        closed_on=D(2025, 3, 20),
    )
    with pytest.raises(ValidationError, match="只有予以公开或部分公开"):
        s.application_offer_to_catalogue(
            acting_user=head, application=application, title="x"
        )


def test_the_database_refuses_a_closed_application_without_outcome(agency, head):
    application = registered(agency, head)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(closed_on=D(2025, 4, 1))


# -- evidence of repeated and excessive applications (第三十五条、第三十六条第六项)


def test_repeats_and_excess_are_shown_not_applied(agency, head, settings):
    settings.GONGKAI_EXCESSIVE_LIMIT = 3
    details = applicant(number="110101199001011234")
    first = registered(
        agency, head, applicant=details, description="请公开2024年度部门预算。"
    )
    s.application_decide(
        acting_user=head,
        application=first,
        outcome="disclosed",
        closed_on=D(2025, 3, 10),
    )
    registered(agency, head, applicant=details, description="某路段施工许可")
    registered(
        agency,
        head,
        applicant=details,
        description="其他事项",
        received_on=D(2025, 3, 10),
    )
    again = registered(
        agency,
        head,
        applicant=details,
        description="请公开 2024 年度部门预算",
        received_on=D(2025, 3, 12),
    )
    evidence = application_evidence(again)
    assert [m.earlier.tracking_number for m in evidence.similar] == [
        first.tracking_number
    ]
    assert evidence.looks_repeated and evidence.looks_excessive
    assert evidence.in_window == 4
    assert again.status == ApplicationStatus.RECEIVED  # nothing applied


# -- the calendar moves open due dates, and says so ------------------------------------


@pytest.fixture
def keeper(db):
    """The administrator, who keeps the working-day calendar."""
    return f.UserFactory(username="keeper", role="administrator", agency=None)


def test_entering_next_years_holidays_moves_open_due_dates(agency, head, keeper):
    """Received Mon 2026-12-14: counted to 2027-01-12 with 2027 not entered (元旦,
    Fri 1/1, a holiday as the 放假办法 fixes it). Entering a notice that also gives
    Mon 1/4 off makes it one more day, 1/13."""
    application = registered(agency, head, received_on=D(2026, 12, 14))
    assert application.due_on == D(2027, 1, 12)
    closed = in_status(ApplicationStatus.CLOSED, agency, head)
    calendar_year_load(
        acting_user=keeper,
        year=2027,
        holidays={D(2027, 1, 1): "元旦", D(2027, 1, 4): "元旦"},
        workdays={},
        notice="国办发明电〔2026〕X号",
    )
    application.refresh_from_db()
    assert application.due_on == D(2027, 1, 13)
    moved = events_for(application).filter(verb="deadline_recomputed").get()
    assert (moved.data["from"], moved.data["to"], moved.actor) == (
        "2027-01-12",
        "2027-01-13",
        keeper,
    )
    assert not events_for(closed).filter(verb="deadline_recomputed").exists()


def test_a_mistaken_holiday_moves_a_due_date_and_back(agency, head, keeper):
    """Mon 2025-06-09, due 7/7 (6/10–13, 6/16–20, 6/23–27, 6/30, 7/1–4, 7/7). Making
    Mon 6/30 a holiday pushes it to Tue 7/8; taking it back returns it to 7/7."""
    application = registered(agency, head, received_on=D(2025, 6, 9))
    assert application.due_on == D(2025, 7, 7)
    calendar_day_set(
        acting_user=keeper, day=D(2025, 6, 30), kind="holiday", name="误录"
    )
    application.refresh_from_db()
    assert application.due_on == D(2025, 7, 8)
    calendar_day_set(acting_user=keeper, day=D(2025, 6, 30), kind="normal")
    application.refresh_from_db()
    assert application.due_on == D(2025, 7, 7)
    assert events_for(application).filter(verb="deadline_recomputed").count() == 2


def test_a_paused_application_is_left_paused_by_a_calendar_change(agency, head, keeper):
    application = in_status(ApplicationStatus.CONSULTING, agency, head)
    calendar_day_set(
        acting_user=keeper, day=D(2025, 3, 17), kind="holiday", name="测试"
    )
    application.refresh_from_db()
    assert application.due_on is None


def test_every_due_date_explains_itself(agency, head):
    application = in_status(ApplicationStatus.CONSULTING, agency, head)
    application = s.consultation_finish(
        acting_user=head,
        application=application,
        answered_on=D(2025, 3, 7),
        opinion="consent",
    )
    texts = [step.text for step in due_explained(application)]
    assert texts[0] == "收到申请：2025年3月3日，自次日起计算。"
    assert texts[3] == (
        "暂停（征求第三方意见）：2025年3月5日至2025年3月7日，"
        "其间 2 个工作日不计入期限。"
    )
    # 3/4–5 n1–2; 3/6–7 paused; 3/10–14 … 3/31 n18; 4/1–2 n19–20.
    assert texts[-1] == "答复期限：2025年4月2日。"
