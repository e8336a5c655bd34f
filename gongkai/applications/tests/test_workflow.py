"""Every step from every status: allowed where the transition table says so, and
then leading where it says; refused everywhere else, by the table itself."""

from datetime import date

import pytest

from gongkai.applications import services as s
from gongkai.applications.models import Application, ApplicationStatus
from gongkai.applications.workflow import (
    INTAKE,
    TRANSITIONS,
    Action,
    Intake,
    TransitionRefused,
    allowed_actions,
)
from gongkai.core.events import events_for

from .helpers import RECEIVED, applicant, in_status

pytestmark = pytest.mark.django_db
D = date
LATER = D(2025, 12, 31)  # after every deadline of the fixtures


def _steps(head):
    """One call per action, with arguments that satisfy every rule but the table."""
    return {
        Action.CONFIRM: lambda a: s.application_confirm(
            acting_user=head, application=a, confirmed_on=D(2025, 3, 4)
        ),
        Action.LAPSE_UNCONFIRMED: lambda a: s.application_lapse_unconfirmed(
            acting_user=head, application=a, reason="无法联系"
        ),
        Action.ASSIGN: lambda a: s.application_assign(
            acting_user=head, application=a, handler=head
        ),
        Action.REQUEST_CORRECTION: lambda a: s.correction_request(
            acting_user=head, application=a, notified_on=D(2025, 3, 6), items="写明文号"
        ),
        Action.RECEIVE_CORRECTION: lambda a: s.correction_receive(
            acting_user=head, application=a, corrected_on=D(2025, 3, 12)
        ),
        Action.LAPSE_CORRECTION: lambda a: s.correction_lapse(
            acting_user=head, application=a, closed_on=LATER
        ),
        Action.START_CONSULTATION: lambda a: s.consultation_start(
            acting_user=head,
            application=a,
            kind="other_agency",
            party="市财政局",
            sent_on=D(2025, 3, 6),
        ),
        Action.FINISH_CONSULTATION: lambda a: s.consultation_finish(
            acting_user=head,
            application=a,
            answered_on=D(2025, 3, 12),
            opinion="consent",
        ),
        Action.NOTIFY_FEE: lambda a: s.fee_notify(
            acting_user=head,
            application=a,
            basis="per_page",
            pages=40,
            notified_on=D(2025, 3, 6),
        ),
        Action.PAY_FEE: lambda a: s.fee_pay(
            acting_user=head, application=a, paid_on=D(2025, 3, 12)
        ),
        Action.WAIVE_FEE: lambda a: s.fee_waive(
            acting_user=head, application=a, waived_on=D(2025, 3, 12), reason="低保户"
        ),
        Action.LAPSE_FEE: lambda a: s.fee_lapse(
            acting_user=head, application=a, closed_on=LATER
        ),
        Action.EXTEND: lambda a: s.application_extend(
            acting_user=head,
            application=a,
            days=10,
            reason="需要调取档案",
            approved_by=head,
            decided_on=D(2025, 3, 10),
            notified_on=D(2025, 3, 10),
        ),
        Action.DELAY: lambda a: s.application_delay(
            acting_user=head,
            application=a,
            days=15,
            reason="申请数量大，理由合理",
            decided_on=D(2025, 3, 10),
            notified_on=D(2025, 3, 11),
        ),
        Action.WITHDRAW: lambda a: s.application_withdraw(
            acting_user=head, application=a, withdrawn_on=D(2025, 3, 14)
        ),
        Action.TRANSFER: lambda a: s.application_transfer(
            acting_user=head,
            application=a,
            closed_on=D(2025, 3, 14),
            competent_agency="市统计局，电话 12345",
        ),
        Action.DECIDE: lambda a: s.application_decide(
            acting_user=head,
            application=a,
            outcome="withheld_process",
            closed_on=D(2025, 3, 14),
        ),
        Action.REOPEN: lambda a: s.application_reopen(
            acting_user=head,
            application=a,
            reopened_on=D(2025, 6, 2),
            reason="复议纠正",
        ),
    }


def test_every_action_of_the_table_is_exercised(head):
    assert set(_steps(head)) == set(TRANSITIONS) == set(Action)


PAIRS = [(status, action) for status in ApplicationStatus for action in Action]


@pytest.mark.parametrize(
    ("status", "action"), PAIRS, ids=[f"{st.value}-{a.value}" for st, a in PAIRS]
)
def test_each_step_from_each_status(agency, head, status, action):
    application = in_status(status, agency, head)
    assert application.status == status
    step = _steps(head)[action]
    transition = TRANSITIONS[action]
    events_before = events_for(application).count()
    if status not in transition.sources:
        with pytest.raises(TransitionRefused):
            step(application)
        application.refresh_from_db()
        assert application.status == status
        assert events_for(application).count() == events_before
        return
    step(application)
    application.refresh_from_db()
    assert application.status == (transition.target or status)
    if action is not Action.REOPEN:  # reopening writes its event on the follow-up
        assert events_for(application).count() == events_before + 1


@pytest.mark.parametrize("intake", list(Intake))
def test_each_intake_starts_where_the_table_says(agency, head, intake):
    create = {
        Intake.REGISTER: lambda: s.application_register(
            acting_user=head,
            agency=agency,
            received_on=RECEIVED,
            channel="in_person",
            applicant=applicant(),
        ),
        Intake.SUBMIT: lambda: s.application_submit(
            acting_user=head,
            agency=agency,
            submitted_on=RECEIVED,
            channel="fax",
            applicant=applicant(),
        ),
        Intake.ANSWER_ON_THE_SPOT: lambda: s.application_answer_on_the_spot(
            acting_user=head,
            agency=agency,
            received_on=RECEIVED,
            channel="in_person",
            outcome="disclosed",
            ground="already_public",
            legal_basis="第三十六条第一项",
            applicant=applicant(),
        ),
    }[intake]
    application = create()
    assert application.status == INTAKE[intake]
    assert events_for(application).count() == 1


def test_the_allowed_steps_of_a_status_are_listed_in_table_order():
    assert allowed_actions(ApplicationStatus.AWAITING_PAYMENT) == [
        Action.ASSIGN,
        Action.PAY_FEE,
        Action.WAIVE_FEE,
        Action.LAPSE_FEE,
        Action.EXTEND,
        Action.DELAY,
        Action.WITHDRAW,
    ]
    assert allowed_actions(ApplicationStatus.UNCONFIRMED) == []


def test_a_refusal_says_where_the_application_is_and_what_was_refused(agency, head):
    application = in_status(ApplicationStatus.CLOSED, agency, head)
    with pytest.raises(
        TransitionRefused, match="申请当前状态为“已办结”，不能“告知补正”"
    ):
        _steps(head)[Action.REQUEST_CORRECTION](application)


def test_status_follows_the_dates_for_records_written_without_the_workflow(agency):
    """The demo and imported history write dates only: the status still reads."""
    Application.objects.bulk_create(
        [
            Application(
                agency=agency,
                tracking_number="H-1",
                received_on=RECEIVED,
                channel="letter",
                applicant_type="business",
                outcome="disclosed",
                closed_on=D(2025, 3, 20),
            ),
            Application(
                agency=agency,
                tracking_number="H-2",
                received_on=RECEIVED,
                channel="letter",
                applicant_type="business",
            ),
        ]
    )
    statuses = dict(Application.objects.values_list("tracking_number", "status"))
    assert statuses == {
        "H-1": ApplicationStatus.CLOSED,
        "H-2": ApplicationStatus.RECEIVED,
    }
