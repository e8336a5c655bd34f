"""Reviews, lawsuits and complaints: their stages, the agency's time to answer, and
a corrected decision reopening its application."""

from datetime import date
from io import BytesIO

import pytest

from gongkai.agencies.models import Agency
from gongkai.applications import services as applications
from gongkai.applications.models import ApplicationStatus
from gongkai.cases.models import Stage
from gongkai.cases.services import (
    case_answer,
    case_attach,
    case_conclude,
    case_schedule_hearing,
    case_serve,
    complaint_file,
    litigation_file,
    review_file,
)
from gongkai.cases.workflow import CASE_WORKFLOW, CaseStep
from gongkai.core.events import events_for
from gongkai.core.workflow import Refused

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def agency():
    return Agency.objects.create(
        name="兴义市应急管理局", level="county", kind="department"
    )


@pytest.fixture
def answered(agency):
    """An application answered (withheld) on Thu 2025-03-20."""
    application = applications.application_register(
        acting_user=None,
        agency=agency,
        received_on=D(2025, 3, 3),
        channel="in_person",
        applicant_type="natural_person",
        applicant_name="李四",
        description="某项目审批材料",
    )
    return applications.application_decide(
        acting_user=None,
        application=application,
        outcome="withheld_process",
        closed_on=D(2025, 3, 20),
    )


def test_a_lawsuit_after_a_review_is_marked_so(agency):
    review = review_file(acting_user=None, agency=agency, filed_on=date(2021, 5, 1))
    lawsuit = litigation_file(
        acting_user=None, agency=agency, filed_on=date(2021, 8, 1), review=review
    )
    direct = litigation_file(acting_user=None, agency=agency, filed_on=date(2021, 8, 1))
    assert lawsuit.after_review and not direct.after_review


def test_a_lawsuit_after_review_takes_the_reviews_application(agency, answered):
    review = review_file(
        acting_user=None, agency=agency, filed_on=D(2025, 4, 1), application=answered
    )
    lawsuit = litigation_file(
        acting_user=None, agency=agency, filed_on=D(2025, 6, 1), review=review
    )
    assert lawsuit.application == answered
    other = applications.application_register(
        acting_user=None,
        agency=agency,
        received_on=D(2025, 3, 3),
        channel="in_person",
        applicant_type="business",
    )
    with pytest.raises(Refused, match="同一申请"):
        litigation_file(
            acting_user=None,
            agency=agency,
            filed_on=D(2025, 6, 1),
            review=review,
            application=other,
        )


def test_a_case_is_pending_until_concluded_once(agency):
    review = review_file(acting_user=None, agency=agency, filed_on=date(2021, 5, 1))
    assert review.result == "" and review.stage == Stage.FILED
    case_conclude(
        acting_user=None, case=review, result="corrected", concluded_on=date(2021, 7, 1)
    )
    review.refresh_from_db()
    assert review.result == "corrected" and review.stage == Stage.CONCLUDED
    with pytest.raises(Refused, match="已审结"):
        case_conclude(
            acting_user=None,
            case=review,
            result="upheld",
            concluded_on=date(2021, 7, 2),
        )


@pytest.mark.parametrize(
    ("kind", "served_on", "due", "working"),
    [
        (
            "review",
            D(2025, 3, 3),
            D(2025, 3, 17),
            "10 working days from Mon 3/3: 3/4-3/7, 3/10-3/14, Mon 3/17",
        ),
        (
            "review",
            D(2025, 9, 22),
            D(2025, 10, 11),
            "10 working days: 9/23-9/26, Sun 9/28 (调休), 9/29, 9/30; "
            "国庆 10/1-10/8 off; 10/9, 10/10, Sat 10/11 (调休)",
        ),
        ("litigation", D(2025, 3, 3), D(2025, 3, 18), "15 days: Tue 3/18"),
        (
            "litigation",
            D(2024, 1, 26),
            D(2024, 2, 18),
            "15 days: Sat 2/10 in 春节; first working day Sun 2/18 (调休)",
        ),
        (
            "litigation",
            D(2025, 9, 19),
            D(2025, 10, 9),
            "15 days: Sat 10/4 in 国庆; first working day Thu 10/9",
        ),
    ],
)
def test_the_agency_has_its_days_to_answer(agency, kind, served_on, due, working):
    """A review's 10 days are working days (行政复议法第八十八条); a lawsuit's 15
    are calendar days, a last day off moving to the next working day."""
    file = review_file if kind == "review" else litigation_file
    case = file(acting_user=None, agency=agency, filed_on=served_on)
    case_serve(acting_user=None, case=case, served_on=served_on)
    assert case.answer_due == due, working


def test_a_simplified_review_has_five_working_days(agency):
    """简易程序 (第五十四条): Fri 9/26 → Sun 9/28 (调休), 9/29, 9/30, 10/9, 10/10."""
    review = review_file(
        acting_user=None, agency=agency, filed_on=D(2025, 9, 26), simplified=True
    )
    case_serve(acting_user=None, case=review, served_on=D(2025, 9, 26))
    assert review.answer_due == D(2025, 10, 10)


def test_the_review_period_may_be_read_as_calendar_days(agency, settings):
    """The reading is a setting: as calendar days, Mon 3/3 + 10 = Thu 3/13."""
    settings.GONGKAI_REVIEW_ANSWER_IN_WORKING_DAYS = False
    review = review_file(acting_user=None, agency=agency, filed_on=D(2025, 3, 3))
    case_serve(acting_user=None, case=review, served_on=D(2025, 3, 3))
    assert review.answer_due == D(2025, 3, 13)


def test_a_late_answer_is_recorded_as_late(agency):
    review = review_file(acting_user=None, agency=agency, filed_on=D(2025, 3, 1))
    case_serve(acting_user=None, case=review, served_on=D(2025, 3, 3))
    case_answer(acting_user=None, case=review, answered_on=D(2025, 3, 18))
    assert events_for(review).first().data["late"] is True


def _case_in(stage: Stage, agency):
    case = review_file(acting_user=None, agency=agency, filed_on=D(2025, 3, 1))
    if stage in (Stage.SERVED, Stage.ANSWERED):
        case_serve(acting_user=None, case=case, served_on=D(2025, 3, 3))
    if stage is Stage.ANSWERED:
        case_answer(acting_user=None, case=case, answered_on=D(2025, 3, 10))
    if stage is Stage.CONCLUDED:
        case_conclude(
            acting_user=None, case=case, result="upheld", concluded_on=D(2025, 5, 1)
        )
    return case


STEPS = {
    CaseStep.SERVE: lambda c: case_serve(
        acting_user=None, case=c, served_on=D(2025, 3, 5)
    ),
    CaseStep.ANSWER: lambda c: case_answer(
        acting_user=None, case=c, answered_on=D(2025, 3, 12)
    ),
    CaseStep.SCHEDULE_HEARING: lambda c: case_schedule_hearing(
        acting_user=None, case=c, hearing_on=D(2025, 4, 10)
    ),
    CaseStep.CONCLUDE: lambda c: case_conclude(
        acting_user=None, case=c, result="other", concluded_on=D(2025, 6, 1)
    ),
    CaseStep.ATTACH: lambda c: case_attach(
        acting_user=None, case=c, file=BytesIO(b"%PDF-1.4 x"), name="答复书.pdf"
    ),
}
PAIRS = [(stage, step) for stage in Stage for step in CaseStep]


def test_the_table_declares_every_step():
    """Each step of a case is a row of the one workflow, with its event."""
    assert set(CASE_WORKFLOW.steps) == set(CaseStep)
    assert {CASE_WORKFLOW.row(s).verb for s in CaseStep} == {
        "case_served",
        "case_answered",
        "case_hearing_scheduled",
        "case_concluded",
        "case_document_added",
    }


@pytest.mark.parametrize(
    ("stage", "step"), PAIRS, ids=[f"{s.value}-{a.value}" for s, a in PAIRS]
)
def test_each_case_step_from_each_stage(agency, stage, step):
    """A step the table allows moves the case where the table says and leaves its
    one event; any other is refused in Chinese, and nothing is written."""
    case = _case_in(stage, agency)
    assert case.stage == stage
    events = events_for(case).count()
    if not CASE_WORKFLOW.allows(stage, step):
        with pytest.raises(Refused, match="案件当前为"):
            STEPS[step](case)
        case.refresh_from_db()
        assert case.stage == stage and events_for(case).count() == events
        return
    STEPS[step](case)
    case.refresh_from_db()
    assert case.stage == CASE_WORKFLOW.target(stage, step)
    latest = events_for(case).first()
    assert events_for(case).count() == events + 1
    assert (latest.verb, latest.data["before"], latest.data["after"]) == (
        CASE_WORKFLOW.row(step).verb,
        stage,
        case.stage,
    )


def test_a_corrected_review_reopens_the_application(agency, answered):
    review = review_file(
        acting_user=None, agency=agency, filed_on=D(2025, 4, 1), application=answered
    )
    case_conclude(
        acting_user=None,
        case=review,
        result="corrected",
        concluded_on=D(2025, 5, 30),
        reopened_on=D(2025, 6, 3),
    )
    answered.refresh_from_db()
    assert answered.status == ApplicationStatus.REOPENED
    follow_up = answered.follow_ups.get()
    assert (follow_up.received_on, follow_up.status) == (
        D(2025, 6, 3),
        ApplicationStatus.RECEIVED,
    )
    assert events_for(review).first().data["reopened_as"] == follow_up.tracking_number


def test_a_corrected_lawsuit_after_a_reopening_review_does_not_reopen_twice(
    agency, answered
):
    review = review_file(
        acting_user=None, agency=agency, filed_on=D(2025, 4, 1), application=answered
    )
    case_conclude(
        acting_user=None, case=review, result="corrected", concluded_on=D(2025, 5, 30)
    )
    lawsuit = litigation_file(
        acting_user=None, agency=agency, filed_on=D(2025, 6, 10), review=review
    )
    case_conclude(
        acting_user=None, case=lawsuit, result="corrected", concluded_on=D(2025, 9, 1)
    )
    assert answered.follow_ups.count() == 1


@pytest.mark.parametrize("result", ["upheld", "other"])
def test_other_results_leave_the_application_closed(agency, answered, result):
    review = review_file(
        acting_user=None, agency=agency, filed_on=D(2025, 4, 1), application=answered
    )
    case_conclude(
        acting_user=None, case=review, result=result, concluded_on=D(2025, 5, 30)
    )
    answered.refresh_from_db()
    assert (
        answered.status == ApplicationStatus.CLOSED and not answered.follow_ups.exists()
    )


def test_a_complaint_reopens_nothing(agency):
    complaint = complaint_file(
        acting_user=None, agency=agency, filed_on=D(2025, 4, 1), subject="逾期未答复"
    )
    case_conclude(
        acting_user=None, case=complaint, result="corrected", concluded_on=D(2025, 5, 1)
    )
    assert complaint.answer_due is None
