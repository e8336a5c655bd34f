"""Every service that changes an application asks, before anything else, whether
the acting user may: the role grants the step, and the application's agency is in
the user's scope. A supervisor (who only reads) and the staff of another agency are
refused with ``NotPermitted`` and nothing is written, not even an event; the user
the law names is let through. Applying online is open to anyone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.applications import services as s
from gongkai.applications.models import (
    Application,
    ApplicationStatus,
    Delivery,
    Letter,
    LetterTemplate,
)
from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted, Refused
from gongkai.testing import factories as f
from gongkai.workdays.selectors import work_calendar

from .helpers import RECEIVED, applicant, in_status

pytestmark = pytest.mark.django_db
D = date
LATER = D(2025, 12, 31)  # after every deadline of the fixtures
S = ApplicationStatus


@dataclass
class People:
    head: Any  # office head of the agency
    clerk: Any  # staff of the agency
    supervisor: Any  # supervises the agency: reads, never handles
    stranger: Any  # staff of another agency
    stranger_head: Any  # office head of another agency
    administrator: Any


@pytest.fixture
def people(agency, head, clerk) -> People:
    other = f.AgencyFactory(name="另一个局")
    return People(
        head=head,
        clerk=clerk,
        supervisor=f.UserFactory(
            username="supervisor", role="supervisor", agency=agency
        ),
        stranger=f.UserFactory(username="stranger", agency=other),
        stranger_head=f.UserFactory(
            username="stranger_head", role="office_head", agency=other
        ),
        administrator=f.UserFactory(
            username="administrator", role="administrator", agency=None
        ),
    )


@dataclass(frozen=True)
class Case:
    """A service, the record it is called on (made by ``given``), and the users:
    ``allowed`` may take it; ``wrong_role`` lacks the permission; ``outsider``
    holds the role but not the agency."""

    name: str
    given: Callable[[Any, People], Any]
    call: Callable[[Any, Any, People], Any]
    allowed: str = "clerk"
    wrong_role: str = "supervisor"
    outsider: str = "stranger"
    writes_event: bool = True


def _in(status: S) -> Callable[[Any, People], Application]:
    return lambda agency, p: in_status(status, agency, p.head)


def _helped(agency: Any, p: People) -> Application:
    application = in_status(S.RECEIVED, agency, p.head)
    s.application_helper_add(acting_user=p.head, application=application, helper=p.head)
    return application


def _nothing(agency: Any, p: People) -> Any:
    return agency


def _letter(agency: Any, p: People) -> Letter:
    return s.letter_issue(
        acting_user=p.head,
        application=in_status(S.RECEIVED, agency, p.head),
        kind="acknowledgement",
        issued_on=D(2025, 3, 4),
    )


def _png() -> Any:
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    image = BytesIO()
    Image.new("RGB", (8, 8), "white").save(image, "PNG")
    return SimpleUploadedFile("凭证.png", image.getvalue(), "image/png")


def _answered_online(agency: Any, p: People) -> Any:
    """An application whose 补正 notice the applicant answered on the tracking page."""
    return s.correction_answer_online(
        acting_user=None,
        application=in_status(S.AWAITING_CORRECTION, agency, p.head),
        text="补正：2024年度部门预算",
        received_on=D(2025, 3, 6),
    )


def _receipt(agency: Any, p: People) -> Any:
    """A payment receipt the applicant uploaded for a fee notice."""
    return s.payment_receipt_upload(
        acting_user=None,
        application=in_status(S.AWAITING_PAYMENT, agency, p.head),
        file=_png(),
        uploaded_on=D(2025, 3, 8),
    )


def _two_applicants(agency: Any, p: People) -> tuple[Any, Any]:
    pair = [
        s.application_register(
            acting_user=p.head,
            agency=agency,
            received_on=RECEIVED,
            channel="in_person",
            applicant=applicant(number=number),
        ).applicant
        for number in ("110101199001011237", "11010119900101123X")
    ]
    return pair[0], pair[1]


CASES = [
    Case(
        "application_register",
        _nothing,
        lambda agency, user, p: s.application_register(
            acting_user=user,
            agency=agency,
            received_on=RECEIVED,
            channel="in_person",
            applicant=applicant(),
        ),
    ),
    Case(
        "application_answer_on_the_spot",
        _nothing,
        lambda agency, user, p: s.application_answer_on_the_spot(
            acting_user=user,
            agency=agency,
            received_on=RECEIVED,
            channel="in_person",
            outcome="disclosed",
            ground="already_public",
            legal_basis="第三十六条第一项",
            applicant=applicant(),
        ),
    ),
    Case(
        "application_confirm",
        _in(S.SUBMITTED),
        lambda a, user, p: s.application_confirm(
            acting_user=user, application=a, confirmed_on=D(2025, 3, 4)
        ),
    ),
    Case(
        "application_lapse_unconfirmed",
        _in(S.SUBMITTED),
        lambda a, user, p: s.application_lapse_unconfirmed(
            acting_user=user, application=a, reason="无法联系"
        ),
    ),
    Case(
        "application_assign",
        _in(S.RECEIVED),
        lambda a, user, p: s.application_assign(
            acting_user=user, application=a, handler=p.clerk
        ),
    ),
    Case(
        "correction_request",
        _in(S.RECEIVED),
        lambda a, user, p: s.correction_request(
            acting_user=user, application=a, notified_on=D(2025, 3, 6), items="文号"
        ),
    ),
    Case(
        "correction_receive",
        _in(S.AWAITING_CORRECTION),
        lambda a, user, p: s.correction_receive(
            acting_user=user, application=a, corrected_on=D(2025, 3, 12)
        ),
    ),
    Case(
        "correction_lapse",
        _in(S.AWAITING_CORRECTION),
        lambda a, user, p: s.correction_lapse(
            acting_user=user, application=a, closed_on=LATER
        ),
    ),
    Case(
        "consultation_start",
        _in(S.RECEIVED),
        lambda a, user, p: s.consultation_start(
            acting_user=user,
            application=a,
            kind="other_agency",
            party="市财政局",
            sent_on=D(2025, 3, 6),
        ),
    ),
    Case(
        "consultation_finish",
        _in(S.CONSULTING),
        lambda a, user, p: s.consultation_finish(
            acting_user=user,
            application=a,
            answered_on=D(2025, 3, 12),
            opinion="consent",
        ),
    ),
    Case(
        "fee_notify",
        _in(S.RECEIVED),
        lambda a, user, p: s.fee_notify(
            acting_user=user,
            application=a,
            basis="per_page",
            pages=150,
            notified_on=D(2025, 3, 6),
        ),
    ),
    Case(
        "fee_pay",
        _in(S.AWAITING_PAYMENT),
        lambda a, user, p: s.fee_pay(
            acting_user=user, application=a, paid_on=D(2025, 3, 12)
        ),
    ),
    Case(
        "fee_waive",
        _in(S.AWAITING_PAYMENT),
        lambda a, user, p: s.fee_waive(
            acting_user=user, application=a, waived_on=D(2025, 3, 12), reason="低保户"
        ),
    ),
    Case(
        "fee_lapse",
        _in(S.AWAITING_PAYMENT),
        lambda a, user, p: s.fee_lapse(
            acting_user=user, application=a, closed_on=LATER
        ),
    ),
    # 第三十三条第二款: the office head approves; plain staff may not.
    Case(
        "application_extend",
        _in(S.RECEIVED),
        lambda a, user, p: s.application_extend(
            acting_user=user,
            application=a,
            days=10,
            reason="需要调取档案",
            approved_by=p.head,
            decided_on=D(2025, 3, 10),
            notified_on=D(2025, 3, 10),
        ),
        allowed="head",
        wrong_role="clerk",
        outsider="stranger_head",
    ),
    Case(
        "application_delay",
        _in(S.RECEIVED),
        lambda a, user, p: s.application_delay(
            acting_user=user,
            application=a,
            days=15,
            reason="申请数量大，理由合理",
            decided_on=D(2025, 3, 10),
            notified_on=D(2025, 3, 11),
        ),
    ),
    Case(
        "application_withdraw",
        _in(S.RECEIVED),
        lambda a, user, p: s.application_withdraw(
            acting_user=user, application=a, withdrawn_on=D(2025, 3, 14)
        ),
    ),
    Case(
        "application_transfer",
        _in(S.RECEIVED),
        lambda a, user, p: s.application_transfer(
            acting_user=user,
            application=a,
            closed_on=D(2025, 3, 14),
            competent_agency="市统计局，电话 12345",
        ),
    ),
    Case(
        "application_decide",
        _in(S.RECEIVED),
        lambda a, user, p: s.application_decide(
            acting_user=user,
            application=a,
            outcome="withheld_process",
            closed_on=D(2025, 3, 14),
        ),
    ),
    Case(
        "application_reopen",
        _in(S.CLOSED),
        lambda a, user, p: s.application_reopen(
            acting_user=user,
            application=a,
            reopened_on=D(2025, 6, 2),
            reason="复议纠正",
        ),
    ),
    Case(
        "application_offer_to_catalogue",
        _in(S.CLOSED),
        lambda a, user, p: s.application_offer_to_catalogue(
            acting_user=user, application=a, title="2024年度部门预算"
        ),
    ),
    # issue 14: working together on an application
    Case(
        "application_helper_add",
        _in(S.RECEIVED),
        lambda a, user, p: s.application_helper_add(
            acting_user=user, application=a, helper=p.head
        ),
    ),
    Case(
        "application_helper_remove",
        _helped,
        lambda a, user, p: s.application_helper_remove(
            acting_user=user, application=a, helper=p.head
        ),
    ),
    Case(
        "application_note_add",
        _in(S.RECEIVED),
        lambda a, user, p: s.application_note_add(
            acting_user=user, application=a, text="请先核实档案室是否保存。"
        ),
    ),
    Case(
        "application_handler_change",
        _in(S.RECEIVED),
        lambda a, user, p: s.application_handler_change(
            acting_user=user, application=a, handler=p.head, reason="原承办人休假"
        ),
    ),
    Case(
        "letter_issue",
        _in(S.RECEIVED),
        lambda a, user, p: s.letter_issue(
            acting_user=user,
            application=a,
            kind="acknowledgement",
            issued_on=D(2025, 3, 4),
        ),
    ),
    Case(
        "delivery_record",
        _letter,
        lambda letter, user, p: s.delivery_record(
            acting_user=user,
            letter=letter,
            method="post",
            tracking_number="EA1234567890CN",
            posted_on=D(2025, 3, 5),
            delivered_on=D(2025, 3, 6),
        ),
    ),
    Case(
        "letter_template_save",
        _nothing,
        lambda agency, user, p: s.letter_template_save(
            acting_user=user,
            key="acknowledgement",
            title="受理告知书",
            body="您的申请已收到。",
            agency=agency,
        ),
    ),
    # What the applicant sent on the tracking page, as staff handle it (issue 13).
    Case(
        "online_correction_mark_seen",
        _answered_online,
        lambda answer, user, p: s.online_correction_mark_seen(
            acting_user=user, answer=answer
        ),
    ),
    Case(
        "payment_receipt_confirm",
        _receipt,
        lambda receipt, user, p: s.payment_receipt_confirm(
            acting_user=user, receipt=receipt, paid_on=D(2025, 3, 9)
        ),
    ),
    # The applicant's personal data: linking, reading the full ID number, merging.
    Case(
        "applicant_link",
        _in(S.SUBMITTED),
        lambda a, user, p: s.applicant_link(acting_user=user, application=a),
    ),
    Case(
        "applicant_id_number_read",
        _in(S.RECEIVED),
        lambda a, user, p: s.applicant_id_number_read(acting_user=user, application=a),
    ),
    Case(
        "applicant_record_read",
        lambda agency, p: _two_applicants(agency, p)[0],
        lambda applicant, user, p: s.applicant_record_read(
            acting_user=user, applicant=applicant
        ),
    ),
    Case(
        "applicant_merge",
        _two_applicants,
        lambda pair, user, p: s.applicant_merge(
            acting_user=user, applicant=pair[0], into=pair[1]
        ),
    ),
    # Every open application's due date: only for someone whose scope covers them.
    Case(
        "deadlines_recompute",
        _in(S.RECEIVED),
        lambda a, user, p: s.deadlines_recompute(
            acting_user=user, calendar=work_calendar()
        ),
        allowed="administrator",
        writes_event=False,  # nothing moved: the calendar is the same
    ),
]


def test_every_state_changing_service_is_in_the_table():
    """A new service without a row here fails this test (``application_submit``
    is open to anyone; ``fee_quote``, ``applicant_for`` and
    ``tracking_number_new`` change no application)."""
    open_to_all = {"application_submit", "application_close"}
    # The applicant's own steps on the tracking page, open to whoever holds the
    # tracking number and its query code (the portal checks them).
    applicants = {"correction_answer_online", "payment_receipt_upload"}
    # Within the user's scope (tested in test_applicants.py); the system's command.
    scoped = {"applications_anonymise"}
    # ``letter_pdf`` derives a copy of an issued letter (no event).
    reading = {"fee_quote", "applicant_for", "tracking_number_new", "letter_pdf"}
    services = {
        name for name in s.__all__ if callable(getattr(s, name)) and name[0].islower()
    }
    assert services - open_to_all - applicants - reading - scoped == {
        c.name for c in CASES
    }


def _events() -> int:
    return Event.objects.count()


def _written() -> tuple[int, int, int, int, int]:
    return (
        Event.objects.count(),
        Application.objects.count(),
        Letter.objects.count(),
        Delivery.objects.count(),
        LetterTemplate.objects.count(),
    )


@pytest.mark.parametrize("who", ["wrong_role", "outsider"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_user_without_the_right_is_refused_and_nothing_is_written(
    agency, people, case, who
):
    record = case.given(agency, people)
    user = getattr(people, getattr(case, who))
    before = _written()
    with pytest.raises(NotPermitted) as refused:
        case.call(record, user, people)
    assert isinstance(refused.value, Refused)
    assert refused.value.code == ("permission" if who == "wrong_role" else "scope")
    assert _written() == before
    if isinstance(record, Application):
        assert Application.objects.get(pk=record.pk).status == record.status


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_user_the_law_names_may(agency, people, case):
    record = case.given(agency, people)
    before = _events()
    case.call(record, getattr(people, case.allowed), people)
    assert _events() > before if case.writes_event else _events() == before


@pytest.mark.parametrize(
    "who", ["supervisor", "stranger", "administrator", "public", "none"]
)
def test_anyone_may_apply_online(agency, people, who):
    """第二十九条: applying needs no permission; the applicant acts as themself."""
    users = {"public": AnonymousUser(), "none": None}
    user = users[who] if who in users else getattr(people, who)
    application = s.application_submit(
        acting_user=user,
        agency=agency,
        submitted_on=RECEIVED,
        channel="online",
        applicant=applicant(),
    )
    assert application.status == S.SUBMITTED
    assert Event.objects.filter(verb="application_submitted").count() == 1


def test_the_shared_letter_templates_are_the_administrators(people):
    """An office head edits their own agency's letters, not everyone's."""
    before = _written()
    with pytest.raises(NotPermitted, match="各机关共用的信函模板"):
        s.letter_template_save(
            acting_user=people.head,
            key="acknowledgement",
            title="受理告知书",
            body="您的申请已收到。",
        )
    assert _written() == before
    s.letter_template_save(
        acting_user=people.administrator,
        key="acknowledgement",
        title="受理告知书",
        body="您的申请已收到。",
    )
    saved = LetterTemplate.objects.get(key="acknowledgement", agency=None)
    assert saved.title == "受理告知书"


def test_a_handler_is_one_of_the_agencys_own_staff(agency, people):
    application = in_status(S.RECEIVED, agency, people.head)
    before = _events()
    with pytest.raises(Refused, match="本机关的工作人员"):
        s.application_assign(
            acting_user=people.head, application=application, handler=people.stranger
        )
    assert _events() == before
