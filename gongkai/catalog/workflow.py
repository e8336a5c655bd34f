"""The publishing workflow of a catalogue item, as one transition table.

"先审查、后公开" and "一事一审": before anything is published it passes a secrecy
review (保密审查, 《政府信息公开条例》第十七条) and the three sign-offs 初审、审核、
审发; the 审发 signer publishes it on the channels chosen, each with its own date
(第二十三条). A reviewer may send an item back to draft with a reason; a published
item may be corrected (更正) or withdrawn (撤回), each with a reason.

    draft ──submit──► secrecy_review ──clear_secrecy──► first_review
      ▲                                                     │ pass_first_review
      │ return_* (from each review status, with a reason)   ▼
      └──────────────────────────── sign_off ◄─pass_review─ review
                                        │ publish (审发)
                                        ▼
         withdrawn ◄──withdraw── published ──correct / add_channels──► published

``ITEM_WORKFLOW`` is the whole table, declared with the one mechanism
(``gongkai.core.workflow``). Each row names the permission it needs
(``gongkai.accounts.permissions``: which roles take each review step is the
setting ``GONGKAI_CATALOG_REVIEW_ROLES``, read there). Sending back is one row per
review status, because it needs the permission of the step being waited for.

Two rules are the catalogue's own and stay in its services: a sign-off is made by
a named person (the system signs nothing), and 初审、审核、审发 come from three
different people (``GONGKAI_CATALOG_DISTINCT_REVIEWERS``).
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.accounts.permissions import Permission, authorize
from gongkai.core.workflow import Transition, Workflow, transition

from .models import ItemStatus, ReviewStep


class ItemStep(StrEnum):
    """The steps of an item's table (a step, not a status or a permission)."""

    EDIT = "edit"
    SUBMIT = "submit"
    CLEAR_SECRECY = "clear_secrecy"
    PASS_FIRST_REVIEW = "pass_first_review"
    PASS_REVIEW = "pass_review"
    PUBLISH = "publish"
    RETURN_SECRECY_REVIEW = "return_secrecy_review"
    RETURN_FIRST_REVIEW = "return_first_review"
    RETURN_REVIEW = "return_review"
    RETURN_SIGN_OFF = "return_sign_off"
    ADD_CHANNELS = "add_channels"
    CORRECT = "correct"
    WITHDRAW = "withdraw"


# The sign-off each review status waits for, and the permission that gives it.
AWAITED: dict[str, tuple[ReviewStep, Permission]] = {
    ItemStatus.SECRECY_REVIEW: (
        ReviewStep.SECRECY_REVIEW,
        Permission.ITEM_SECRECY_REVIEW,
    ),
    ItemStatus.FIRST_REVIEW: (ReviewStep.FIRST_REVIEW, Permission.ITEM_FIRST_REVIEW),
    ItemStatus.REVIEW: (ReviewStep.REVIEW, Permission.ITEM_REVIEW),
    ItemStatus.SIGN_OFF: (ReviewStep.SIGN_OFF, Permission.ITEM_SIGN_OFF),
}
REVIEW_STATUSES = frozenset(AWAITED)
# 三审: the sign-offs that must come from different people when the setting says so.
THREE_REVIEWS = frozenset(
    {ReviewStep.FIRST_REVIEW, ReviewStep.REVIEW, ReviewStep.SIGN_OFF}
)
# The step that sends an item back from each review status.
RETURN_FROM: dict[str, ItemStep] = {
    ItemStatus.SECRECY_REVIEW: ItemStep.RETURN_SECRECY_REVIEW,
    ItemStatus.FIRST_REVIEW: ItemStep.RETURN_FIRST_REVIEW,
    ItemStatus.REVIEW: ItemStep.RETURN_REVIEW,
    ItemStatus.SIGN_OFF: ItemStep.RETURN_SIGN_OFF,
}
RETURN = "退回修改"


def _returns() -> list[Transition]:
    return [
        transition(
            step,
            {status},
            ItemStatus.DRAFT,
            permission=AWAITED[status][1],
            verb="item_returned",
            label=RETURN,
            needs_reason=True,
        )
        for status, step in RETURN_FROM.items()
    ]


ITEM_WORKFLOW = Workflow(
    noun="该信息",
    state_names={status.value: str(status.label) for status in ItemStatus},
    authorize=authorize,
    rows=(
        transition(
            ItemStep.EDIT,
            {ItemStatus.DRAFT},
            None,
            permission=Permission.ITEM_DRAFT,
            verb="item_updated",
            label="修改",
        ),
        transition(
            ItemStep.SUBMIT,
            {ItemStatus.DRAFT},
            ItemStatus.SECRECY_REVIEW,
            permission=Permission.ITEM_DRAFT,
            verb="item_submitted",
            label="提交审查",
        ),
        transition(
            ItemStep.CLEAR_SECRECY,
            {ItemStatus.SECRECY_REVIEW},
            ItemStatus.FIRST_REVIEW,
            permission=Permission.ITEM_SECRECY_REVIEW,
            verb="item_secrecy_cleared",
            label="保密审查通过",
        ),
        transition(
            ItemStep.PASS_FIRST_REVIEW,
            {ItemStatus.FIRST_REVIEW},
            ItemStatus.REVIEW,
            permission=Permission.ITEM_FIRST_REVIEW,
            verb="item_first_reviewed",
            label="初审通过",
        ),
        transition(
            ItemStep.PASS_REVIEW,
            {ItemStatus.REVIEW},
            ItemStatus.SIGN_OFF,
            permission=Permission.ITEM_REVIEW,
            verb="item_reviewed",
            label="审核通过",
        ),
        transition(
            ItemStep.PUBLISH,
            {ItemStatus.SIGN_OFF},
            ItemStatus.PUBLISHED,
            permission=Permission.ITEM_SIGN_OFF,
            verb="item_published",
            label="审发并发布",
        ),
        *_returns(),
        transition(
            ItemStep.ADD_CHANNELS,
            {ItemStatus.PUBLISHED},
            None,
            permission=Permission.ITEM_DRAFT,
            verb="item_channels_added",
            label="增加发布渠道",
        ),
        transition(
            ItemStep.CORRECT,
            {ItemStatus.PUBLISHED},
            None,
            permission=Permission.ITEM_CORRECT,
            verb="item_corrected",
            label="更正",
            needs_reason=True,
        ),
        transition(
            ItemStep.WITHDRAW,
            {ItemStatus.PUBLISHED},
            ItemStatus.WITHDRAWN,
            permission=Permission.ITEM_WITHDRAW,
            verb="item_withdrawn",
            label="撤回",
            needs_reason=True,
        ),
    ),
)


def records_review(row: Transition, status: str) -> bool:
    """Whether taking ``row`` from ``status`` leaves a sign-off (``ItemReview``):
    every step that moves an item out of a review status does."""
    return status in REVIEW_STATUSES and row.target is not None
