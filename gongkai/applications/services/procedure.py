"""The steps that move the reply clock: 补正 (第三十条), consultation (第三十二条、
第三十四条), fees (国办函〔2020〕109号), extension (第三十三条第二款) and delay
(第三十五条). Each is one service and one event; the due date follows from them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from gongkai.accounts.models import User
from gongkai.core.workflow import Refused, Transition
from gongkai.workdays.selectors import work_calendar

from .. import clock, fees
from ..legal_basis import default_legal_basis
from ..models import (
    Application,
    ApplicationStatus,
    Consultation,
    CorrectionRequest,
    Extension,
    FeeNotice,
    Outcome,
)
from ..selectors import requests_earlier_in_month
from ..workflow import ApplicationStep
from ._steps import adjusted, begin, finish, guard, iso


def _not_before(day: date, earliest: date | None, what: str) -> None:
    if earliest is not None and day < earliest:
        raise Refused(f"{what}不能早于{earliest}。")


# -- 补正 (第三十条) -----------------------------------------------------------------


@transaction.atomic
def correction_request(
    *,
    acting_user: User | None,
    application: Application,
    notified_on: date,
    items: str,
    period_days: int | None = None,
) -> Application:
    """Tell the applicant, once, everything to correct and by when (第三十条).

    The notice is due within 7 working days of receipt; a later one is recorded
    and marked late. The reply clock stops until the corrected application comes.
    """
    application, target, row = begin(
        application, ApplicationStep.REQUEST_CORRECTION, acting_user=acting_user
    )
    if CorrectionRequest.objects.filter(application=application).exists():
        raise Refused("补正应当一次性告知（第三十条），本申请已告知过补正。")
    if not items.strip():
        raise Refused("请列明需要补正的全部事项。")
    received_on = application.received_on
    if received_on is None:  # the table allows 补正 only once received
        raise Refused("申请尚未收到，不能告知补正。")
    _not_before(notified_on, received_on, "补正告知日期")
    calendar = work_calendar()
    days = period_days or settings.GONGKAI_CORRECTION_PERIOD_DAYS
    correction = CorrectionRequest.objects.create(
        application=application,
        notified_on=notified_on,
        items=items.strip(),
        correct_by=calendar.nth_after(notified_on, days),
        notice_late=notified_on > clock.correction_notice_due(received_on, calendar),
    )
    return finish(
        application,
        target,
        acting_user=acting_user,
        row=row,
        data={
            "notified_on": notified_on.isoformat(),
            "correct_by": correction.correct_by.isoformat(),
            "late": correction.notice_late,
        },
    )


@transaction.atomic
def correction_receive(
    *, acting_user: User | None, application: Application, corrected_on: date
) -> Application:
    """The corrected application arrived: the reply period runs anew from this day
    (第三十条)."""
    application, target, row = begin(
        application, ApplicationStep.RECEIVE_CORRECTION, acting_user=acting_user
    )
    correction = application.correction
    _not_before(corrected_on, correction.notified_on, "收到补正的日期")
    correction.corrected_on = corrected_on
    correction.save(update_fields=["corrected_on", "updated_at"])
    return finish(
        application,
        target,
        acting_user=acting_user,
        row=row,
        data={"corrected_on": corrected_on.isoformat()},
    )


@transaction.atomic
def correction_lapse(
    *,
    acting_user: User | None,
    application: Application,
    closed_on: date,
    adjustment: str = "",
) -> Application:
    """No correction by the deadline: treated as abandoned, 其他处理 1 (第三十条).
    It closes in ``closed_on``'s year (the period lock applies)."""
    application, target, row = begin(
        application, ApplicationStep.LAPSE_CORRECTION, acting_user=acting_user
    )
    correct_by = application.correction.correct_by
    if closed_on <= correct_by:
        raise Refused(f"补正期限至{correct_by}，期限届满后才能作逾期不补正处理。")
    return _close(
        application,
        target,
        acting_user=acting_user,
        row=row,
        outcome=Outcome.OTHER_NO_CORRECTION,
        closed_on=closed_on,
        legal_basis=default_legal_basis(Outcome.OTHER_NO_CORRECTION),
        adjustment=adjustment,
    )


# -- consultation (第三十二条、第三十四条) ---------------------------------------


@transaction.atomic
def consultation_start(
    *,
    acting_user: User | None,
    application: Application,
    kind: str,
    party: str,
    sent_on: date,
) -> Application:
    """Ask a third party (第三十二条) or another agency (第三十四条) for its opinion;
    it has 15 working days, and the time is not counted (第三十三条第三款)."""
    application, target, row = begin(
        application, ApplicationStep.START_CONSULTATION, acting_user=acting_user
    )
    if kind not in Consultation.Kind.values:
        raise Refused(f"未知的征求意见类型：{kind}")
    if not party.strip():
        raise Refused("请填写被征求意见的第三方或机关。")
    _not_before(sent_on, _clock_start(application), "征求意见日期")
    consultation = Consultation.objects.create(
        application=application,
        kind=kind,
        party=party.strip(),
        sent_on=sent_on,
        answer_due=clock.consultation_answer_due(sent_on, work_calendar()),
    )
    return finish(
        application,
        target,
        acting_user=acting_user,
        row=row,
        data={
            "kind": kind,
            "party": consultation.party,
            "sent_on": sent_on.isoformat(),
            "answer_due": consultation.answer_due.isoformat(),
        },
    )


@transaction.atomic
def consultation_finish(
    *,
    acting_user: User | None,
    application: Application,
    answered_on: date,
    opinion: str,
) -> Application:
    """The consulted party answered, or its 15 working days ran out (no opinion:
    for another agency that counts as consent, 第三十四条). The clock runs again."""
    application, target, row = begin(
        application, ApplicationStep.FINISH_CONSULTATION, acting_user=acting_user
    )
    if opinion not in Consultation.Opinion.values:
        raise Refused(f"未知的意见：{opinion}")
    consultation = application.consultations.get(answered_on__isnull=True)
    _not_before(answered_on, consultation.sent_on, "收到意见的日期")
    if (
        opinion == Consultation.Opinion.NO_REPLY
        and answered_on <= consultation.answer_due
    ):
        raise Refused(
            f"征求意见期限至{consultation.answer_due}，期满后才能记为逾期未提出意见。"
        )
    consultation.answered_on = answered_on
    consultation.opinion = opinion
    consultation.save(update_fields=["answered_on", "opinion", "updated_at"])
    return finish(
        application,
        target,
        acting_user=acting_user,
        row=row,
        data={"answered_on": answered_on.isoformat(), "opinion": opinion},
    )


# -- fees (国办函〔2020〕109号) --------------------------------------------------------


def fee_quote(
    application: Application, *, basis: str, pages: int = 0
) -> tuple[int, Decimal]:
    """The quantity a fee is reckoned on and the amount, for ``basis``: the
    applicant's requests that month (按件) or the pages (按量)."""
    if basis == FeeNotice.Basis.PER_ITEM:
        earlier = requests_earlier_in_month(application)
        amount = fees.fee_per_item(
            earlier_in_month=earlier,
            pieces=application.pieces,
            raise_from_31=settings.GONGKAI_FEE_RAISE_FROM_31,
        )
        return earlier + application.pieces, amount
    if basis == FeeNotice.Basis.PER_PAGE:
        return pages, fees.fee_per_page(pages)
    raise Refused(f"未知的计费方式：{basis}")


@transaction.atomic
def fee_notify(
    *,
    acting_user: User | None,
    application: Application,
    basis: str,
    notified_on: date,
    pages: int = 0,
    reduction: Decimal = Decimal(0),
    reduction_reason: str = "",
) -> Application:
    """Send a fee notice: the amount by the 109号 tiers, less any reduction, to be
    paid within 20 working days. The clock stands still until payment
    (``GONGKAI_FEE_NOTICE_PAUSES_CLOCK``)."""
    application, target, row = begin(
        application, ApplicationStep.NOTIFY_FEE, acting_user=acting_user
    )
    if FeeNotice.objects.filter(application=application).exists():
        raise Refused("本申请已发出过收费通知。")
    quantity, amount = fee_quote(application, basis=basis, pages=pages)
    if amount <= 0:
        raise Refused("按收费标准本申请不需缴费，无需发出收费通知。")
    if not Decimal(0) <= reduction < amount:
        raise Refused("减免金额应小于应收金额；全部免收请不发收费通知。")
    if reduction and not reduction_reason.strip():
        raise Refused("请说明减免的理由。")
    _not_before(notified_on, _clock_start(application), "收费通知日期")
    notice = FeeNotice.objects.create(
        application=application,
        basis=basis,
        quantity=quantity,
        amount=amount,
        reduction=reduction,
        reduction_reason=reduction_reason.strip(),
        notified_on=notified_on,
        pay_by=clock.payment_due(notified_on, work_calendar()),
    )
    return finish(
        application,
        target,
        acting_user=acting_user,
        row=row,
        data={
            "basis": basis,
            "quantity": quantity,
            "amount": str(notice.amount_due),
            "pay_by": notice.pay_by.isoformat(),
        },
    )


@transaction.atomic
def fee_pay(
    *, acting_user: User | None, application: Application, paid_on: date
) -> Application:
    """The fee was paid: it counts as collected, and the clock runs again."""
    application, target, row = begin(
        application, ApplicationStep.PAY_FEE, acting_user=acting_user
    )
    notice = application.fee_notice
    _not_before(paid_on, notice.notified_on, "缴费日期")
    notice.paid_on = paid_on
    notice.save(update_fields=["paid_on", "updated_at"])
    application.fee_amount = notice.amount_due
    return finish(
        application,
        target,
        acting_user=acting_user,
        row=row,
        data={"paid_on": paid_on.isoformat(), "amount": str(notice.amount_due)},
    )


@transaction.atomic
def fee_waive(
    *, acting_user: User | None, application: Application, waived_on: date, reason: str
) -> Application:
    """Waive the whole fee after the notice (减免); the clock runs again."""
    application, target, row = begin(
        application, ApplicationStep.WAIVE_FEE, acting_user=acting_user, reason=reason
    )
    notice = application.fee_notice
    _not_before(waived_on, notice.notified_on, "免收日期")
    notice.waived_on = waived_on
    notice.reduction = notice.amount
    notice.reduction_reason = reason.strip()
    notice.save(
        update_fields=["waived_on", "reduction", "reduction_reason", "updated_at"]
    )
    return finish(
        application,
        target,
        acting_user=acting_user,
        row=row,
        data={"waived_on": waived_on.isoformat(), "reason": reason.strip()},
    )


@transaction.atomic
def fee_lapse(
    *,
    acting_user: User | None,
    application: Application,
    closed_on: date,
    adjustment: str = "",
) -> Application:
    """Not paid in time: treated as abandoned, 其他处理 2 (第四十二条、
    国办函〔2020〕109号). It closes in ``closed_on``'s year (the period lock
    applies)."""
    application, target, row = begin(
        application, ApplicationStep.LAPSE_FEE, acting_user=acting_user
    )
    pay_by = application.fee_notice.pay_by
    if closed_on <= pay_by:
        raise Refused(f"缴费期限至{pay_by}，期限届满后才能作逾期未缴费处理。")
    return _close(
        application,
        target,
        acting_user=acting_user,
        row=row,
        outcome=Outcome.OTHER_UNPAID,
        closed_on=closed_on,
        legal_basis=default_legal_basis(Outcome.OTHER_UNPAID),
        adjustment=adjustment,
    )


# -- more time (第三十三条第二款、第三十五条) -------------------------------------


@transaction.atomic
def application_extend(
    *,
    acting_user: User | None,
    application: Application,
    days: int,
    reason: str,
    approved_by: User,
    decided_on: date,
    notified_on: date,
) -> Application:
    """Extend the reply period once, by at most 20 working days, with the approval
    of the head of the disclosure office, the applicant told (第三十三条第二款)."""
    application, target, row = begin(
        application, ApplicationStep.EXTEND, acting_user=acting_user, reason=reason
    )
    if not 1 <= days <= clock.MAX_EXTENSION:
        raise Refused(f"延长期限最长不得超过{clock.MAX_EXTENSION}个工作日。")
    if approved_by.role != User.Role.OFFICE_HEAD:
        raise Refused("延长答复期限须经政府信息公开工作机构负责人同意。")
    return _more_time(
        application,
        target,
        kind=Extension.Kind.EXTENSION,
        acting_user=acting_user,
        row=row,
        days=days,
        reason=reason,
        approved_by=approved_by,
        decided_on=decided_on,
        notified_on=notified_on,
    )


@transaction.atomic
def application_delay(
    *,
    acting_user: User | None,
    application: Application,
    days: int,
    reason: str,
    decided_on: date,
    notified_on: date,
) -> Application:
    """Fix a reasonable delay for requests whose number or frequency clearly exceeds
    a reasonable range, the reasons given being found reasonable (第三十五条)."""
    application, target, row = begin(
        application, ApplicationStep.DELAY, acting_user=acting_user, reason=reason
    )
    return _more_time(
        application,
        target,
        kind=Extension.Kind.DELAY,
        acting_user=acting_user,
        row=row,
        days=days,
        reason=reason,
        approved_by=None,
        decided_on=decided_on,
        notified_on=notified_on,
    )


def _more_time(
    application: Application,
    target: ApplicationStatus,
    *,
    kind: str,
    acting_user: User | None,
    row: Transition,
    days: int,
    reason: str,
    approved_by: User | None,
    decided_on: date,
    notified_on: date,
) -> Application:
    label = Extension.Kind(kind).label
    if application.extensions.filter(kind=kind).exists():
        raise Refused(f"{label}只能一次。")
    if notified_on < decided_on:
        raise Refused("告知申请人的日期不能早于决定日期。")
    if application.due_on is not None and decided_on > application.due_on:
        raise Refused(f"答复期限已于{application.due_on}届满，不能再{label}。")
    Extension.objects.create(
        application=application,
        kind=kind,
        days=days,
        reason=reason.strip(),
        approved_by=approved_by,
        decided_on=decided_on,
        notified_on=notified_on,
    )
    if kind == Extension.Kind.EXTENSION:
        application.extended = True
    return finish(
        application,
        target,
        acting_user=acting_user,
        row=row,
        data={"days": days, "decided_on": iso(decided_on), "reason": reason.strip()},
    )


# -- shared ------------------------------------------------------------------------


def _clock_start(application: Application) -> date | None:
    correction: CorrectionRequest | None = getattr(application, "correction", None)
    if correction is not None and correction.corrected_on:
        return correction.corrected_on
    return application.received_on


def _close(
    application: Application,
    target: ApplicationStatus,
    *,
    acting_user: User | None,
    row: Transition,
    outcome: str,
    closed_on: date,
    legal_basis: str,
    adjustment: str,
) -> Application:
    """Close with ``outcome``: counted as closed in ``closed_on``'s year, so in a
    year whose report is published only as an adjustment with a reason."""
    adjustments = guard(
        agency=application.agency,
        days=[closed_on],
        acting_user=acting_user,
        adjustment=adjustment,
        record=application,
        what=f"{row.label}（{closed_on.isoformat()}）",
    )
    application.outcome = outcome
    application.closed_on = closed_on
    application.legal_basis = legal_basis
    return finish(
        application,
        target,
        acting_user=acting_user,
        row=row,
        data={
            "outcome": outcome,
            "closed_on": closed_on.isoformat(),
            **adjusted(adjustments, application),
        },
    )
