"""Every step from every status, through the one workflow mechanism: allowed where
the transition table says so, and then leading where it says and leaving the
row's event; refused everywhere else (``Refused``), by the table itself."""

from datetime import date

import pytest

from gongkai.applications import services as s
from gongkai.applications.models import Application, ApplicationStatus
from gongkai.applications.workflow import (
    APPLICATION_WORKFLOW,
    INTAKE,
    INTAKE_ROWS,
    ApplicationStep,
    Intake,
    allowed_steps,
)
from gongkai.core.events import events_for
from gongkai.core.workflow import Refused

from .helpers import RECEIVED, applicant, in_status

pytestmark = pytest.mark.django_db
D = date
LATER = D(2025, 12, 31)  # after every deadline of the fixtures


def _steps(head):
    """One call per action, with arguments that satisfy every rule but the table."""
    return {
        ApplicationStep.CONFIRM: lambda a: s.application_confirm(
            acting_user=head, application=a, confirmed_on=D(2025, 3, 4)
        ),
        ApplicationStep.LAPSE_UNCONFIRMED: lambda a: s.application_lapse_unconfirmed(
            acting_user=head, application=a, reason="无法联系"
        ),
        ApplicationStep.ASSIGN: lambda a: s.application_assign(
            acting_user=head, application=a, handler=head
        ),
        ApplicationStep.REQUEST_CORRECTION: lambda a: s.correction_request(
            acting_user=head, application=a, notified_on=D(2025, 3, 6), items="写明文号"
        ),
        ApplicationStep.RECEIVE_CORRECTION: lambda a: s.correction_receive(
            acting_user=head, application=a, corrected_on=D(2025, 3, 12)
        ),
        ApplicationStep.LAPSE_CORRECTION: lambda a: s.correction_lapse(
            acting_user=head, application=a, closed_on=LATER
        ),
        ApplicationStep.START_CONSULTATION: lambda a: s.consultation_start(
            acting_user=head,
            application=a,
            kind="other_agency",
            party="市财政局",
            sent_on=D(2025, 3, 6),
        ),
        ApplicationStep.FINISH_CONSULTATION: lambda a: s.consultation_finish(
            acting_user=head,
            application=a,
            answered_on=D(2025, 3, 12),
            opinion="consent",
        ),
        ApplicationStep.NOTIFY_FEE: lambda a: s.fee_notify(
            acting_user=head,
            application=a,
            basis="per_page",
            pages=40,
            notified_on=D(2025, 3, 6),
        ),
        ApplicationStep.PAY_FEE: lambda a: s.fee_pay(
            acting_user=head, application=a, paid_on=D(2025, 3, 12)
        ),
        ApplicationStep.WAIVE_FEE: lambda a: s.fee_waive(
            acting_user=head, application=a, waived_on=D(2025, 3, 12), reason="低保户"
        ),
        ApplicationStep.LAPSE_FEE: lambda a: s.fee_lapse(
            acting_user=head, application=a, closed_on=LATER
        ),
        ApplicationStep.EXTEND: lambda a: s.application_extend(
            acting_user=head,
            application=a,
            days=10,
            reason="需要调取档案",
            approved_by=head,
            decided_on=D(2025, 3, 10),
            notified_on=D(2025, 3, 10),
        ),
        ApplicationStep.DELAY: lambda a: s.application_delay(
            acting_user=head,
            application=a,
            days=15,
            reason="申请数量大，理由合理",
            decided_on=D(2025, 3, 10),
            notified_on=D(2025, 3, 11),
        ),
        ApplicationStep.WITHDRAW: lambda a: s.application_withdraw(
            acting_user=head, application=a, withdrawn_on=D(2025, 3, 14)
        ),
        ApplicationStep.TRANSFER: lambda a: s.application_transfer(
            acting_user=head,
            application=a,
            closed_on=D(2025, 3, 14),
            competent_agency="市统计局，电话 12345",
        ),
        ApplicationStep.DECIDE: lambda a: s.application_decide(
            acting_user=head,
            application=a,
            outcome="withheld_process",
            closed_on=D(2025, 3, 14),
        ),
        ApplicationStep.REOPEN: lambda a: s.application_reopen(
            acting_user=head,
            application=a,
            reopened_on=D(2025, 6, 2),
            reason="复议纠正",
        ),
    }


def test_every_step_of_the_table_is_exercised(head):
    assert (
        set(_steps(head))
        == set(APPLICATION_WORKFLOW.steps)
        == set(map(str, ApplicationStep))
    )


PAIRS = [(status, action) for status in ApplicationStatus for action in ApplicationStep]


@pytest.mark.parametrize(
    ("status", "action"), PAIRS, ids=[f"{st.value}-{a.value}" for st, a in PAIRS]
)
def test_each_step_from_each_status(agency, head, status, action):
    application = in_status(status, agency, head)
    assert application.status == status
    step = _steps(head)[action]
    row = APPLICATION_WORKFLOW.row(action)
    events_before = events_for(application).count()
    if status not in row.sources:
        with pytest.raises(Refused):
            step(application)
        application.refresh_from_db()
        assert application.status == status
        assert events_for(application).count() == events_before
        return
    result = step(application)
    application.refresh_from_db()
    assert application.status == (row.target or status)
    # Reopening writes its event on the follow-up application it returns.
    written = result if action is ApplicationStep.REOPEN else application
    assert events_for(written).first().verb == row.verb
    if action is not ApplicationStep.REOPEN:
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
    assert [e.verb for e in events_for(application)] == [INTAKE_ROWS[intake].verb]


def test_the_allowed_steps_of_a_status_are_listed_in_table_order():
    assert allowed_steps(ApplicationStatus.AWAITING_PAYMENT) == [
        ApplicationStep.ASSIGN,
        ApplicationStep.PAY_FEE,
        ApplicationStep.WAIVE_FEE,
        ApplicationStep.LAPSE_FEE,
        ApplicationStep.EXTEND,
        ApplicationStep.DELAY,
        ApplicationStep.WITHDRAW,
    ]
    assert allowed_steps(ApplicationStatus.UNCONFIRMED) == []


def test_a_refusal_says_where_the_application_is_and_what_was_refused(agency, head):
    application = in_status(ApplicationStatus.CLOSED, agency, head)
    with pytest.raises(Refused, match="申请当前为“已办结”，不能“告知补正”"):
        _steps(head)[ApplicationStep.REQUEST_CORRECTION](application)


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
