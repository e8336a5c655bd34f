"""The workflow of an application, declared with the one mechanism
(``gongkai.core.workflow``).

Each step is an ``ApplicationStep``; its row says from which statuses it may be
taken, where it leads (``None``: the status stays), the permission it needs, the
event it leaves and its Chinese label. A step not in the table is refused
(``Refused``), whatever the caller; a user whose role or scope does not cover the
step is refused first (``NotPermitted``). Each step is one service in ``services``
that asks ``APPLICATION_WORKFLOW.check`` before it does anything and writes the
row's one event; the rules that depend on more than the status (only one 补正
notice, an extension at most once, a deadline that must have passed) are checked
there.

An application's status is computed by the database from its stage and its closing
date, so the services move it themselves (``services._steps``) rather than through
``Workflow.apply``, which sets a plain state field.

A new application does not come from a status: the three ways in (``Intake``) are
rows of the same type with no source, in ``INTAKE_ROWS``; ``intake_check``
authorises them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from gongkai.accounts.permissions import Permission, authorize
from gongkai.core.workflow import Transition, Workflow, transition

from .models.choices import ApplicationStatus

S = ApplicationStatus
HANDLE = Permission.APPLICATION_HANDLE


class ApplicationStep(StrEnum):
    CONFIRM = "confirm"  # 第三十一条: the day both sides confirm is the receipt day
    LAPSE_UNCONFIRMED = "lapse_unconfirmed"  # never confirmed: not an application
    ASSIGN = "assign"
    REQUEST_CORRECTION = "request_correction"  # 第三十条
    RECEIVE_CORRECTION = "receive_correction"  # 第三十条: the clock restarts
    LAPSE_CORRECTION = "lapse_correction"  # 第三十条: 其他处理 1
    START_CONSULTATION = "start_consultation"  # 第三十二条、第三十四条
    FINISH_CONSULTATION = "finish_consultation"
    NOTIFY_FEE = "notify_fee"  # 国办函〔2020〕109号
    PAY_FEE = "pay_fee"
    WAIVE_FEE = "waive_fee"
    LAPSE_FEE = "lapse_fee"  # 其他处理 2
    EXTEND = "extend"  # 第三十三条第二款
    DELAY = "delay"  # 第三十五条
    WITHDRAW = "withdraw"  # 其他处理 3
    TRANSFER = "transfer"  # 第三十六条第五项
    DECIDE = "decide"  # 第三十六条
    REOPEN = "reopen"  # a review or court corrected the decision


# Where a new application starts, by how it came in.
class Intake(StrEnum):
    REGISTER = "register"  # received: in person, signed for, or already confirmed
    SUBMIT = "submit"  # awaiting confirmation (第三十一条第二、三项)
    ANSWER_ON_THE_SPOT = "answer_on_the_spot"  # 第三十三条第一款


OPEN = frozenset(
    {S.SUBMITTED, S.RECEIVED, S.AWAITING_CORRECTION, S.CONSULTING, S.AWAITING_PAYMENT}
)
PENDING_REPLY = frozenset({S.RECEIVED, S.CONSULTING, S.AWAITING_PAYMENT})


# How a refusal names a status (messages are Chinese whatever the locale).
STATUS_NAMES: dict[str, str] = {
    S.SUBMITTED: "待确认",
    S.UNCONFIRMED: "未确认，不作为申请",
    S.RECEIVED: "办理中",
    S.AWAITING_CORRECTION: "待补正",
    S.CONSULTING: "征求意见中",
    S.AWAITING_PAYMENT: "待缴费",
    S.CLOSED: "已办结",
    S.REOPENED: "已被纠正、重新办理",
}

A = ApplicationStep


APPLICATION_WORKFLOW = Workflow(
    noun="申请",
    state_names=STATUS_NAMES,
    authorize=authorize,
    rows=(
        transition(
            A.CONFIRM,
            [S.SUBMITTED],
            S.RECEIVED,
            permission=HANDLE,
            verb="application_confirmed",
            label="确认收到申请",
        ),
        transition(
            A.LAPSE_UNCONFIRMED,
            [S.SUBMITTED],
            S.UNCONFIRMED,
            permission=HANDLE,
            verb="application_unconfirmed",
            label="未能确认，不作为申请",
            needs_reason=True,
        ),
        transition(
            A.ASSIGN,
            OPEN,
            None,
            permission=HANDLE,
            verb="application_assigned",
            label="指定承办人",
        ),
        transition(
            A.REQUEST_CORRECTION,
            [S.RECEIVED],
            S.AWAITING_CORRECTION,
            permission=HANDLE,
            verb="correction_requested",
            label="告知补正",
        ),
        transition(
            A.RECEIVE_CORRECTION,
            [S.AWAITING_CORRECTION],
            S.RECEIVED,
            permission=HANDLE,
            verb="correction_received",
            label="收到补正后的申请",
        ),
        transition(
            A.LAPSE_CORRECTION,
            [S.AWAITING_CORRECTION],
            S.CLOSED,
            permission=HANDLE,
            verb="correction_lapsed",
            label="逾期不补正，不再处理",
        ),
        transition(
            A.START_CONSULTATION,
            [S.RECEIVED],
            S.CONSULTING,
            permission=HANDLE,
            verb="consultation_started",
            label="征求意见",
        ),
        transition(
            A.FINISH_CONSULTATION,
            [S.CONSULTING],
            S.RECEIVED,
            permission=HANDLE,
            verb="consultation_finished",
            label="收到意见或征求意见期满",
        ),
        transition(
            A.NOTIFY_FEE,
            [S.RECEIVED],
            S.AWAITING_PAYMENT,
            permission=HANDLE,
            verb="fee_notified",
            label="发出收费通知",
        ),
        transition(
            A.PAY_FEE,
            [S.AWAITING_PAYMENT],
            S.RECEIVED,
            permission=HANDLE,
            verb="fee_paid",
            label="缴纳费用",
        ),
        transition(
            A.WAIVE_FEE,
            [S.AWAITING_PAYMENT],
            S.RECEIVED,
            permission=HANDLE,
            verb="fee_waived",
            label="免收费用",
            needs_reason=True,
        ),
        transition(
            A.LAPSE_FEE,
            [S.AWAITING_PAYMENT],
            S.CLOSED,
            permission=HANDLE,
            verb="fee_lapsed",
            label="逾期未缴费，不再处理",
        ),
        # 第三十三条第二款: an extension needs the disclosure office head's approval.
        transition(
            A.EXTEND,
            PENDING_REPLY,
            None,
            permission=Permission.APPLICATION_APPROVE,
            verb="deadline_extended",
            label="延长答复期限",
            needs_reason=True,
        ),
        transition(
            A.DELAY,
            PENDING_REPLY,
            None,
            permission=HANDLE,
            verb="reply_delayed",
            label="延迟答复",
            needs_reason=True,
        ),
        transition(
            A.WITHDRAW,
            OPEN - {S.SUBMITTED},
            S.CLOSED,
            permission=HANDLE,
            verb="application_withdrawn",
            label="撤回申请",
        ),
        transition(
            A.TRANSFER,
            [S.RECEIVED],
            S.CLOSED,
            permission=HANDLE,
            verb="application_transferred",
            label="告知负责公开的机关",
        ),
        transition(
            A.DECIDE,
            [S.RECEIVED],
            S.CLOSED,
            permission=HANDLE,
            verb="application_closed",
            label="作出答复",
        ),
        transition(
            A.REOPEN,
            [S.CLOSED],
            S.REOPENED,
            permission=HANDLE,
            verb="application_reopened",
            label="重新办理",
        ),
    ),
)

# The three ways in: rows of the same type, from no status (so no step of the
# workflow leads to them), to where a new application starts. Applying online
# (第二十九条) is open to anyone: it needs no permission.
INTAKE_ROWS: dict[Intake, Transition] = {
    Intake.REGISTER: transition(
        Intake.REGISTER,
        (),
        S.RECEIVED,
        permission=HANDLE,
        verb="application_received",
        label="登记申请",
    ),
    Intake.SUBMIT: transition(
        Intake.SUBMIT,
        (),
        S.SUBMITTED,
        permission=None,
        verb="application_submitted",
        label="提交申请",
    ),
    Intake.ANSWER_ON_THE_SPOT: transition(
        Intake.ANSWER_ON_THE_SPOT,
        (),
        S.CLOSED,
        permission=HANDLE,
        verb="application_answered_on_the_spot",
        label="当场答复",
    ),
}

INTAKE: dict[Intake, ApplicationStatus] = {
    intake: ApplicationStatus(row.target or "") for intake, row in INTAKE_ROWS.items()
}


def intake_check(intake: Intake, *, user: Any, agency: Any) -> Transition:
    """The row of ``intake`` once ``user`` may take it on ``agency``'s records
    (``NotPermitted`` otherwise)."""
    row = INTAKE_ROWS[intake]
    if row.permission is not None:
        authorize(user, row.permission, agency)
    return row


def step_label(step: str) -> str:
    return APPLICATION_WORKFLOW.row(step).label


def allowed_steps(status: str) -> list[ApplicationStep]:
    """The steps that may be taken from ``status``, in the table's order."""
    return [
        ApplicationStep(row.step) for row in APPLICATION_WORKFLOW.steps_from(status)
    ]
