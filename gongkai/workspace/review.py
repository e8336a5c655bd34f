"""The transition table of a report's review: which step leads where, and who
may take it. No Django models here, so the table is tested on its own.

::

    draft ──submit──► submitted ──sign_off──► signed_off ──publish──► (published)
      ▲                   │
      └─────return────────┘

Editing the narrative is allowed while the report is a draft (a submitted report
is what the office head reads; it goes back to draft to be changed). Publishing
is ``gongkai.reports.services.report_publish``; once published, a report changes
only by a correction with a reason (``report_correct``, 第五十条: a public record).
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.accounts.permissions import Permission


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SIGNED_OFF = "signed_off"
    PUBLISHED = "published"


class Step(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    SIGN_OFF = "sign_off"
    PUBLISH = "publish"
    CORRECT = "correct"


# step → (states it starts from, state it leads to, the permission it needs)
TRANSITIONS: dict[Step, tuple[frozenset[State], State, Permission]] = {
    Step.EDIT: (frozenset({State.DRAFT}), State.DRAFT, Permission.REPORT_EDIT),
    Step.SUBMIT: (frozenset({State.DRAFT}), State.SUBMITTED, Permission.REPORT_SUBMIT),
    Step.RETURN: (
        frozenset({State.SUBMITTED, State.SIGNED_OFF}),
        State.DRAFT,
        Permission.REPORT_SIGN_OFF,
    ),
    Step.SIGN_OFF: (
        frozenset({State.SUBMITTED}),
        State.SIGNED_OFF,
        Permission.REPORT_SIGN_OFF,
    ),
    Step.PUBLISH: (
        frozenset({State.SIGNED_OFF}),
        State.PUBLISHED,
        Permission.REPORT_PUBLISH,
    ),
    Step.CORRECT: (
        frozenset({State.PUBLISHED}),
        State.PUBLISHED,
        Permission.REPORT_CORRECT,
    ),
}

REFUSALS: dict[State, str] = {
    State.DRAFT: "报告尚在编制中",
    State.SUBMITTED: "报告已提交审核",
    State.SIGNED_OFF: "报告已审核通过，等待发布",
    State.PUBLISHED: "报告已经发布",
}


def steps_from(state: State) -> list[Step]:
    """The steps a report in ``state`` can take, in the table's order."""
    return [step for step, (sources, _, _) in TRANSITIONS.items() if state in sources]


def target(state: State, step: Step) -> State:
    """Where ``step`` leads from ``state``; ValueError (in Chinese) if it can't."""
    sources, to, _ = TRANSITIONS[step]
    if state not in sources:
        raise ValueError(f"{REFUSALS[state]}，不能进行此操作。")
    return to


def permission(step: Step) -> Permission:
    return TRANSITIONS[step][2]
