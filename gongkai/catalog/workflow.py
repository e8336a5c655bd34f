"""The publishing workflow of a catalogue item, as one transition table.

"先审查、后公开" and "一事一审": before anything is published it passes a secrecy
review (保密审查, 《政府信息公开条例》第十七条) and the three sign-offs 初审、审核、
审发; the 审发 signer publishes it on the channels chosen, each with its own date
(第二十三条). A reviewer may send an item back to draft with a reason; a published
item may be corrected (更正) or withdrawn (撤回), each with a reason.

    draft ──submit──► secrecy_review ──clear_secrecy──► first_review
      ▲                                                     │ pass_first_review
      │ return (any review status, with a reason)           ▼
      └──────────────────────────── sign_off ◄─pass_review─ review
                                        │ publish (审发)
                                        ▼
         withdrawn ◄──withdraw── published ──correct / add_channels──► published

``TRANSITIONS`` is the whole table; services ask ``transition_for`` whether an
action is allowed from an item's status, and ``actor_problem`` whether the acting
user may take it. Who may take each step is the setting
``GONGKAI_CATALOG_REVIEW_ROLES``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError

from .models import ItemStatus, ReviewStep

if TYPE_CHECKING:
    from .models import Item

# The step each review status is waiting for.
AWAITED_STEP: dict[str, str] = {
    ItemStatus.SECRECY_REVIEW: ReviewStep.SECRECY_REVIEW,
    ItemStatus.FIRST_REVIEW: ReviewStep.FIRST_REVIEW,
    ItemStatus.REVIEW: ReviewStep.REVIEW,
    ItemStatus.SIGN_OFF: ReviewStep.SIGN_OFF,
}
REVIEW_STATUSES = frozenset(AWAITED_STEP)
# 三审: the sign-offs that must come from different people when the setting says so.
THREE_REVIEWS = frozenset(
    {ReviewStep.FIRST_REVIEW, ReviewStep.REVIEW, ReviewStep.SIGN_OFF}
)
AWAITED = "awaited step"  # permission: whoever may take the step being waited for


class WorkflowError(ValidationError):
    """An action the table does not allow, or an actor who may not take it."""


@dataclass(frozen=True)
class Transition:
    """One row of the table.

    ``target`` None keeps the status; ``permission`` names the key of
    ``GONGKAI_CATALOG_REVIEW_ROLES`` whose roles may act (``AWAITED``: that of the
    step the item waits for; None: anyone acting for the agency, or the system).
    A transition out of a review status records a sign-off (``ItemReview``).
    """

    action: str
    label: str
    verb: str
    sources: frozenset[str]
    target: str | None
    permission: str | None = None
    needs_reason: bool = False

    def records_review(self, status: str) -> bool:
        return status in REVIEW_STATUSES and self.target is not None


def _row(
    action: str,
    label: str,
    verb: str,
    sources: Collection[str],
    target: str | None,
    **options: Any,
) -> Transition:
    return Transition(action, label, verb, frozenset(sources), target, **options)


TRANSITIONS: dict[str, Transition] = {
    row.action: row
    for row in (
        _row("edit", "修改", "item_updated", {ItemStatus.DRAFT}, None),
        _row(
            "submit",
            "提交审查",
            "item_submitted",
            {ItemStatus.DRAFT},
            ItemStatus.SECRECY_REVIEW,
        ),
        _row(
            "clear_secrecy",
            "保密审查通过",
            "item_secrecy_cleared",
            {ItemStatus.SECRECY_REVIEW},
            ItemStatus.FIRST_REVIEW,
            permission=AWAITED,
        ),
        _row(
            "pass_first_review",
            "初审通过",
            "item_first_reviewed",
            {ItemStatus.FIRST_REVIEW},
            ItemStatus.REVIEW,
            permission=AWAITED,
        ),
        _row(
            "pass_review",
            "审核通过",
            "item_reviewed",
            {ItemStatus.REVIEW},
            ItemStatus.SIGN_OFF,
            permission=AWAITED,
        ),
        _row(
            "publish",
            "审发并发布",
            "item_published",
            {ItemStatus.SIGN_OFF},
            ItemStatus.PUBLISHED,
            permission=AWAITED,
        ),
        _row(
            "return",
            "退回修改",
            "item_returned",
            REVIEW_STATUSES,
            ItemStatus.DRAFT,
            permission=AWAITED,
            needs_reason=True,
        ),
        _row(
            "add_channels",
            "增加发布渠道",
            "item_channels_added",
            {ItemStatus.PUBLISHED},
            None,
        ),
        _row(
            "correct",
            "更正",
            "item_corrected",
            {ItemStatus.PUBLISHED},
            None,
            permission="correct",
            needs_reason=True,
        ),
        _row(
            "withdraw",
            "撤回",
            "item_withdrawn",
            {ItemStatus.PUBLISHED},
            ItemStatus.WITHDRAWN,
            permission="withdraw",
            needs_reason=True,
        ),
    )
}


def transition_for(action: str, status: str, *, reason: str = "") -> Transition:
    """The row for ``action`` from ``status``, or a ``WorkflowError`` saying why not."""
    row = TRANSITIONS[action]
    if status not in row.sources:
        raise WorkflowError(
            f"该信息当前为“{ItemStatus(status).label}”，不能{row.label}。",
            code="status",
        )
    if row.needs_reason and not reason.strip():
        raise WorkflowError(f"{row.label}须说明理由。", code="reason")
    return row


def actions_from(status: str) -> list[Transition]:
    """What may be done to an item in ``status``: for buttons and for tests."""
    return [row for row in TRANSITIONS.values() if status in row.sources]


def roles_for(permission: str) -> list[str]:
    return list(settings.GONGKAI_CATALOG_REVIEW_ROLES.get(permission, ()))


def actor_problem(
    row: Transition,
    *,
    item: Item,
    user: Any,
    signed_this_round: Collection[tuple[str, int]] = (),
) -> str | None:
    """Why ``user`` may not take ``row`` on ``item``, or None when they may.

    ``signed_this_round`` lists the (step, reviewer id) sign-offs already given in
    the item's current review round, for the rule that 初审、审核、审发 come from
    three different people (``GONGKAI_CATALOG_DISTINCT_REVIEWERS``).
    """
    if user is not None and user.agency_id != item.agency_id:
        return "您不是该机关的工作人员，不能处理其政府信息。"
    if row.permission is None:
        return None
    if user is None:
        return f"“{row.label}”须由具名的工作人员作出。"
    permission = (
        AWAITED_STEP[item.status] if row.permission == AWAITED else row.permission
    )
    if user.role not in roles_for(permission):
        return f"您的角色不能进行“{_permission_label(permission)}”。"
    if row.records_review(item.status) and _signed_twice(
        item.status, user, signed_this_round
    ):
        return "初审、审核、审发须由不同的人员签署。"
    return None


def _permission_label(permission: str) -> str:
    if permission in ReviewStep.values:
        return str(ReviewStep(permission).label)
    return {
        "withdraw": "撤回",
        "correct": "更正",
        "privacy_override": "隐私检查放行",
    }.get(permission, permission)


def _signed_twice(
    status: str, user: Any, signed_this_round: Collection[tuple[str, int]]
) -> bool:
    if not settings.GONGKAI_CATALOG_DISTINCT_REVIEWERS:
        return False
    step = AWAITED_STEP[status]
    return step in THREE_REVIEWS and any(
        other in THREE_REVIEWS and reviewer == user.pk
        for other, reviewer in signed_this_round
    )
