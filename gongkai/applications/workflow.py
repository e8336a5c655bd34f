"""The workflow of an application as an explicit transition table.

Each step is an ``Action``; the table says from which statuses it may be taken and
where it leads (``None``: the status stays). A step not in the table is refused,
whatever the caller. Each step is one service in ``services`` that writes one
event; the rules that depend on more than the status (only one 补正 notice, an
extension at most once, a deadline that must have passed) are checked there.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError

from .models.choices import ApplicationStatus

S = ApplicationStatus


class Action(StrEnum):
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


INTAKE: dict[Intake, ApplicationStatus] = {
    Intake.REGISTER: S.RECEIVED,
    Intake.SUBMIT: S.SUBMITTED,
    Intake.ANSWER_ON_THE_SPOT: S.CLOSED,
}

OPEN = frozenset(
    {S.SUBMITTED, S.RECEIVED, S.AWAITING_CORRECTION, S.CONSULTING, S.AWAITING_PAYMENT}
)
PENDING_REPLY = frozenset({S.RECEIVED, S.CONSULTING, S.AWAITING_PAYMENT})


@dataclass(frozen=True)
class Transition:
    sources: frozenset[ApplicationStatus]
    target: ApplicationStatus | None  # None: the status stays what it was


def _t(*sources: ApplicationStatus, to: ApplicationStatus | None) -> Transition:
    return Transition(frozenset(sources), to)


TRANSITIONS: dict[Action, Transition] = {
    Action.CONFIRM: _t(S.SUBMITTED, to=S.RECEIVED),
    Action.LAPSE_UNCONFIRMED: _t(S.SUBMITTED, to=S.UNCONFIRMED),
    Action.ASSIGN: Transition(OPEN, None),
    Action.REQUEST_CORRECTION: _t(S.RECEIVED, to=S.AWAITING_CORRECTION),
    Action.RECEIVE_CORRECTION: _t(S.AWAITING_CORRECTION, to=S.RECEIVED),
    Action.LAPSE_CORRECTION: _t(S.AWAITING_CORRECTION, to=S.CLOSED),
    Action.START_CONSULTATION: _t(S.RECEIVED, to=S.CONSULTING),
    Action.FINISH_CONSULTATION: _t(S.CONSULTING, to=S.RECEIVED),
    Action.NOTIFY_FEE: _t(S.RECEIVED, to=S.AWAITING_PAYMENT),
    Action.PAY_FEE: _t(S.AWAITING_PAYMENT, to=S.RECEIVED),
    Action.WAIVE_FEE: _t(S.AWAITING_PAYMENT, to=S.RECEIVED),
    Action.LAPSE_FEE: _t(S.AWAITING_PAYMENT, to=S.CLOSED),
    Action.EXTEND: Transition(PENDING_REPLY, None),
    Action.DELAY: Transition(PENDING_REPLY, None),
    Action.WITHDRAW: Transition(OPEN - {S.SUBMITTED}, S.CLOSED),
    Action.TRANSFER: _t(S.RECEIVED, to=S.CLOSED),
    Action.DECIDE: _t(S.RECEIVED, to=S.CLOSED),
    Action.REOPEN: _t(S.CLOSED, to=S.REOPENED),
}

ACTION_NAMES: dict[Action, str] = {
    Action.CONFIRM: "确认收到申请",
    Action.LAPSE_UNCONFIRMED: "未能确认，不作为申请",
    Action.ASSIGN: "指定承办人",
    Action.REQUEST_CORRECTION: "告知补正",
    Action.RECEIVE_CORRECTION: "收到补正后的申请",
    Action.LAPSE_CORRECTION: "逾期不补正，不再处理",
    Action.START_CONSULTATION: "征求意见",
    Action.FINISH_CONSULTATION: "收到意见或征求意见期满",
    Action.NOTIFY_FEE: "发出收费通知",
    Action.PAY_FEE: "缴纳费用",
    Action.WAIVE_FEE: "免收费用",
    Action.LAPSE_FEE: "逾期未缴费，不再处理",
    Action.EXTEND: "延长答复期限",
    Action.DELAY: "延迟答复",
    Action.WITHDRAW: "撤回申请",
    Action.TRANSFER: "告知负责公开的机关",
    Action.DECIDE: "作出答复",
    Action.REOPEN: "重新办理",
}


# How an error message names a status (messages are Chinese whatever the locale).
STATUS_NAMES: dict[ApplicationStatus, str] = {
    S.SUBMITTED: "待确认",
    S.UNCONFIRMED: "未确认，不作为申请",
    S.RECEIVED: "办理中",
    S.AWAITING_CORRECTION: "待补正",
    S.CONSULTING: "征求意见中",
    S.AWAITING_PAYMENT: "待缴费",
    S.CLOSED: "已办结",
    S.REOPENED: "已被纠正、重新办理",
}


class TransitionRefused(ValidationError):
    """The step is not allowed from where the application is."""


def target_of(status: str, action: Action) -> ApplicationStatus:
    """The status ``action`` leads to from ``status``, or ``TransitionRefused``."""
    transition = TRANSITIONS[action]
    current = ApplicationStatus(status)
    if current not in transition.sources:
        raise TransitionRefused(
            f"申请当前状态为“{STATUS_NAMES[current]}”，不能“{ACTION_NAMES[action]}”。"
        )
    return transition.target or current


def allowed_actions(status: str) -> list[Action]:
    """The steps that may be taken from ``status``, in the table's order."""
    return [a for a, t in TRANSITIONS.items() if ApplicationStatus(status) in t.sources]
