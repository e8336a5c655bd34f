"""转办 inside gongkai: the sender closes the application as not its own and sends
it to the competent agency, which signs for it (签收: its own application, its own
clock) or returns it (退回: the sender handles it again)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.agencies.periods import year_close
from gongkai.applications import services as s
from gongkai.applications.models import (
    Application,
    ApplicationStatus,
    Transfer,
    TransferState,
)
from gongkai.applications.services.transfer import (
    TRANSFER_WORKFLOW,
    TransferStep,
    transfer_accept,
    transfer_return,
)
from gongkai.core.events import events_for
from gongkai.core.workflow import NotPermitted, Refused
from gongkai.notices.models import Notice, NoticeKind
from gongkai.testing import factories as f

from .helpers import RECEIVED, in_status, registered

pytestmark = pytest.mark.django_db
D = date
SENT = D(2025, 3, 10)  # a Monday
ACCEPTED = D(2025, 3, 12)  # a Wednesday


@pytest.fixture
def bureau(db):
    """The competent agency, using gongkai too."""
    return f.AgencyFactory(name="测试市统计局")


@pytest.fixture
def receiver(bureau):
    return f.UserFactory(username="tongji", role="office_head", agency=bureau)


def _send(application, head, bureau, **kwargs):
    kwargs.setdefault("closed_on", SENT)
    kwargs.setdefault("note", "该数据由统计局发布，请贵局办理。")
    return s.application_transfer(
        acting_user=head, application=application, to_agency=bureau, **kwargs
    )


@pytest.fixture
def sent(agency, head, bureau) -> Transfer:
    application = registered(
        agency,
        head,
        applicant=s.ApplicantDetails(
            name="李四",
            applicant_type="natural_person",
            email="lisi@example.cn",
            phone="13800138000",
        ),
        description="2024年本市居民人均可支配收入",
    )
    _send(application, head, bureau)
    return Transfer.objects.get()


def _accept(transfer, user, day=ACCEPTED, **kwargs):
    return transfer_accept(
        acting_user=user, transfer=transfer, accepted_on=day, **kwargs
    )


def _return(transfer, user, day=ACCEPTED, reason="该数据由国家统计局发布", **kwargs):
    return transfer_return(
        acting_user=user, transfer=transfer, returned_on=day, reason=reason, **kwargs
    )


# -- sending --------------------------------------------------------------------


def test_the_transfer_closes_the_application_and_sends_it(sent, agency, bureau):
    """The sender's reply is 不属于本机关负责公开 (as any referral); the competent
    agency finds the application waiting, with the note and the original date."""
    original = sent.application
    assert original.status == ApplicationStatus.CLOSED
    assert (original.outcome, original.ground) == ("unable_not_held", "not_this_agency")
    assert original.closed_on == SENT
    assert original.referred_to == "测试市统计局"
    assert sent.to_agency == bureau and sent.state == TransferState.PENDING
    assert sent.note == "该数据由统计局发布，请贵局办理。"
    assert sent.sent_on == SENT and sent.application.received_on == RECEIVED
    assert list(Transfer.objects.to_agencies([bureau.pk]).waiting()) == [sent]
    event = events_for(original).first()
    assert event.verb == "application_transferred"
    assert event.data["to_agency"] == "测试市统计局"


def test_a_free_text_referral_sends_nothing(agency, head):
    """An agency outside gongkai: the applicant is told, nothing is sent."""
    application = s.application_transfer(
        acting_user=head,
        application=registered(agency, head),
        closed_on=SENT,
        competent_agency="省统计局，电话 0851-1234567",
    )
    assert application.referred_to == "省统计局，电话 0851-1234567"
    assert not Transfer.objects.exists()


def test_no_transfer_to_itself_nor_without_an_agency(agency, head):
    application = registered(agency, head)
    with pytest.raises(Refused, match="本机关"):
        _send(application, head, agency)
    with pytest.raises(Refused, match="请选择负责公开的机关"):
        s.application_transfer(
            acting_user=head, application=application, closed_on=SENT
        )
    assert Application.objects.get().status == ApplicationStatus.RECEIVED


@pytest.mark.parametrize("status", list(ApplicationStatus), ids=lambda s: s.value)
def test_the_transfer_from_each_status(agency, head, bureau, status):
    """Only an application being handled (办理中) can be transferred; from any
    other status the table refuses and nothing is sent."""
    application = in_status(status, agency, head)
    if status == ApplicationStatus.RECEIVED:
        _send(application, head, bureau)
        assert Transfer.objects.get().state == TransferState.PENDING
        return
    with pytest.raises(Refused, match="不能“告知负责公开的机关”"):
        _send(application, head, bureau, closed_on=D(2025, 12, 31))
    assert not Transfer.objects.exists()


# -- 签收 ------------------------------------------------------------------------


def test_signing_for_it_makes_an_application_of_the_competent_agency(
    sent, bureau, receiver
):
    """The competent agency's clock starts on the day it signs for it: received
    2025-03-12, 20 working days from the next day (清明 4–6 April) → 2025-04-10."""
    ours = _accept(sent, receiver)
    sent.refresh_from_db()
    assert sent.state == TransferState.ACCEPTED and sent.accepted_as == ours
    assert (sent.decided_on, sent.decided_by) == (ACCEPTED, receiver)
    assert ours.agency == bureau and ours.status == ApplicationStatus.RECEIVED
    assert ours.received_on == ACCEPTED and ours.submitted_on == SENT
    assert ours.due_on == D(2025, 4, 10)
    assert ours.handler == receiver
    assert ours.tracking_number != sent.application.tracking_number
    assert (ours.applicant_name, ours.applicant_email, ours.description) == (
        "李四",
        "lisi@example.cn",
        "2024年本市居民人均可支配收入",
    )
    event = events_for(ours).first()
    assert event.verb == "transfer_accepted" and event.actor == receiver
    assert event.data["original_received_on"] == RECEIVED.isoformat()
    assert "签收之日" in event.data["rule"]
    # the sender's reply stands
    assert sent.application.status == ApplicationStatus.CLOSED


def test_the_receipt_day_may_be_the_day_it_was_sent(settings, sent, receiver):
    settings.GONGKAI_TRANSFER_RECEIVED_ON = "sent"
    assert _accept(sent, receiver).received_on == SENT


def test_signing_for_it_twice_is_refused(sent, receiver):
    _accept(sent, receiver)
    with pytest.raises(Refused, match="转办当前为“已签收”，不能“签收”"):
        _accept(sent, receiver)
    assert Application.objects.filter(agency=receiver.agency).count() == 1


def test_returning_after_signing_for_it_is_refused(sent, receiver):
    _accept(sent, receiver)
    with pytest.raises(Refused, match="转办当前为“已签收”，不能“退回”"):
        _return(sent, receiver)
    assert sent.application.status == ApplicationStatus.CLOSED


def test_signing_for_a_returned_transfer_is_refused(sent, receiver):
    _return(sent, receiver)
    with pytest.raises(Refused, match="转办当前为“已退回”，不能“签收”"):
        _accept(sent, receiver)


def test_only_the_competent_agency_signs_for_it_or_returns_it(sent, head):
    """The sender's own head, and staff of a third agency, are refused."""
    stranger = f.UserFactory(
        username="other", role="office_head", agency=f.AgencyFactory(name="某局")
    )
    for user in (head, stranger):
        with pytest.raises(NotPermitted):
            _accept(sent, user)
        with pytest.raises(NotPermitted):
            _return(sent, user)
    sent.refresh_from_db()
    assert sent.state == TransferState.PENDING


def test_no_signing_before_it_was_sent(sent, receiver):
    with pytest.raises(Refused, match="不能早于转办日期"):
        _accept(sent, receiver, day=D(2025, 3, 7))


def test_signing_for_it_in_a_published_year_needs_an_adjustment(sent, bureau, receiver):
    year_close(agency=bureau, year=2025, acting_user=None)
    with pytest.raises(Refused, match="年度报告已经发布"):
        _accept(sent, receiver)
    ours = _accept(sent, receiver, adjustment="漏签收的转办申请")
    assert ours.received_on == ACCEPTED


# -- 退回 ------------------------------------------------------------------------


def test_a_return_needs_its_reason(sent, receiver):
    with pytest.raises(Refused, match="须说明理由"):
        _return(sent, receiver, reason="  ")


def test_a_return_reopens_the_senders_application(sent, receiver):
    """The referral is undone: the sender's application is open again, on its
    original receipt day and clock, no longer counted as 不属于本机关负责公开."""
    handled = _return(sent, receiver)
    original = Application.objects.get(pk=sent.application_id)
    assert handled == original
    assert original.status == ApplicationStatus.RECEIVED
    assert (original.outcome, original.ground, original.closed_on) == ("", "", None)
    assert original.referred_to == ""
    assert original.received_on == RECEIVED
    assert original.due_on == D(2025, 3, 31)  # 20 working days from 2025-03-03
    sent.refresh_from_db()
    assert sent.state == TransferState.RETURNED
    assert sent.return_reason == "该数据由国家统计局发布"
    event = events_for(original).first()
    assert (event.verb, event.actor) == ("transfer_returned", receiver)
    assert event.data["closing_undone"] is True
    # back in the sender's queue: it may be decided, or transferred again
    assert (
        s.application_decide(
            acting_user=None,
            application=original,
            outcome="disclosed",
            closed_on=ACCEPTED,
        ).status
        == ApplicationStatus.CLOSED
    )


def test_a_returned_application_can_be_transferred_again(sent, head, bureau, receiver):
    _return(sent, receiver)
    _send(Application.objects.get(pk=sent.application_id), head, bureau)
    assert [t.state for t in Transfer.objects.order_by("pk")] == [
        TransferState.RETURNED,
        TransferState.PENDING,
    ]


def test_a_return_after_the_senders_year_was_published(sent, agency, receiver):
    """The sender's 2025 report counted the referral: it stays true. The closing
    is kept and a follow-up opens at the sender on the day of the return, with
    its own clock, counted as received in 2026."""
    year_close(agency=agency, year=2025, acting_user=None)
    follow_up = _return(sent, receiver, day=D(2026, 1, 12))
    original = Application.objects.get(pk=sent.application_id)
    assert original.status == ApplicationStatus.CLOSED
    assert original.ground == "not_this_agency"
    assert follow_up.agency == agency and follow_up.reopened_from == original
    assert follow_up.received_on == D(2026, 1, 12)
    assert follow_up.status == ApplicationStatus.RECEIVED
    assert follow_up.tracking_number == f"{original.tracking_number}-T1"
    assert events_for(follow_up).first().data["closing_undone"] is False


def test_the_transfer_table_is_the_one_mechanism():
    assert [row.verb for row in TRANSFER_WORKFLOW.rows] == [
        "transfer_accepted",
        "transfer_returned",
    ]
    assert all(row.permission == "application.handle" for row in TRANSFER_WORKFLOW.rows)


# -- the applicant is told --------------------------------------------------------


def _texts(application, kind):
    return [
        n.text
        for n in Notice.objects.filter(application=application, kind=kind)
        if n.channel == "email"
    ]


def test_the_applicant_is_told_of_each_step(sent, receiver):
    """Sent: the closing notice names the agency it went to. Signed for: the
    competent agency's receipt, with its new number and due date."""
    (closing,) = _texts(sent.application, NoticeKind.CLOSED)
    assert "负责公开的机关为测试市统计局" in closing and "转送该机关" in closing
    ours = _accept(sent, receiver)
    (receipt,) = _texts(ours, NoticeKind.RECEIVED)
    assert "由测试市民政局转送本机关办理" in receipt
    assert ours.tracking_number in receipt and "2025年4月10日" in receipt
    sms = Notice.objects.filter(application=ours, channel="sms").count()
    assert sms == 1


def test_the_applicant_is_told_of_a_return(sent, receiver):
    _return(sent, receiver)
    texts = _texts(sent.application, NoticeKind.RECEIVED)
    returned = [t for t in texts if "退回" in t]
    assert len(returned) == 1
    assert "测试市统计局认为该政府信息不属于其负责公开" in returned[0]
    assert "该数据由国家统计局发布" in returned[0]


def _in_state(sent, receiver, state):
    if state == TransferState.ACCEPTED:
        _accept(sent, receiver)
    elif state == TransferState.RETURNED:
        _return(sent, receiver)
    sent.refresh_from_db()
    return sent


STEPS = {TransferStep.ACCEPT: _accept, TransferStep.RETURN: _return}
PAIRS = [(state, step) for state in TransferState for step in TransferStep]


@pytest.mark.parametrize(
    ("state", "step"), PAIRS, ids=[f"{st.value}-{sp.value}" for st, sp in PAIRS]
)
def test_each_step_from_each_state(sent, receiver, state, step):
    """Allowed where the table says (only from 待签收), leading where it says;
    refused, with nothing written, everywhere else."""
    transfer = _in_state(sent, receiver, state)
    applications = Application.objects.count()
    row = TRANSFER_WORKFLOW.row(step)
    if state in row.sources:
        STEPS[step](transfer, receiver)
        transfer.refresh_from_db()
        assert transfer.state == row.target
        return
    with pytest.raises(Refused, match=f"不能“{row.label}”"):
        STEPS[step](transfer, receiver)
    transfer.refresh_from_db()
    assert transfer.state == state
    assert Application.objects.count() == applications


def test_no_return_once_the_sender_handles_it_otherwise(sent, agency, head, receiver):
    """A review corrected the sender's referral meanwhile (the application was
    reopened): the transfer can no longer be returned into it."""
    s.application_reopen(
        acting_user=head,
        application=sent.application,
        reopened_on=D(2025, 3, 11),
        reason="复议纠正",
    )
    with pytest.raises(Refused, match="不能退回"):
        _return(sent, receiver)
