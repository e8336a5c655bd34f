"""The stages of a review or lawsuit as an explicit transition table.

Stages follow from the case's dates (``Case.stage``); each step records one date.
A step not in the table is refused.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import ValidationError

from .models import Stage


class CaseAction(StrEnum):
    SERVE = "serve"  # the petition or complaint reaches the agency
    ANSWER = "answer"  # the agency's written answer or defence
    SCHEDULE_HEARING = "schedule_hearing"
    CONCLUDE = "conclude"  # 维持 / 纠正 / 其他


TRANSITIONS: dict[CaseAction, tuple[frozenset[Stage], Stage | None]] = {
    CaseAction.SERVE: (frozenset({Stage.FILED}), Stage.SERVED),
    CaseAction.ANSWER: (frozenset({Stage.SERVED}), Stage.ANSWERED),
    CaseAction.SCHEDULE_HEARING: (frozenset({Stage.SERVED, Stage.ANSWERED}), None),
    CaseAction.CONCLUDE: (
        frozenset({Stage.FILED, Stage.SERVED, Stage.ANSWERED}),
        Stage.CONCLUDED,
    ),
}

STAGE_NAMES = {
    Stage.FILED: "已立案",
    Stage.SERVED: "已收到副本",
    Stage.ANSWERED: "已答复或答辩",
    Stage.CONCLUDED: "已审结",
}

ACTION_NAMES = {
    CaseAction.SERVE: "收到申请书或起诉状副本",
    CaseAction.ANSWER: "提交书面答复或答辩状",
    CaseAction.SCHEDULE_HEARING: "安排审理或开庭",
    CaseAction.CONCLUDE: "审结",
}


def case_target(stage: str, action: CaseAction) -> Stage:
    """The stage ``action`` leads to from ``stage``; refused when not allowed."""
    sources, target = TRANSITIONS[action]
    current = Stage(stage)
    if current not in sources:
        if current is Stage.CONCLUDED:
            raise ValidationError("该案件已审结。")
        raise ValidationError(
            f"案件当前为“{STAGE_NAMES[current]}”，不能“{ACTION_NAMES[action]}”。"
        )
    return target or current
