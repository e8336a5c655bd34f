"""The life of a 督办, declared with the one workflow mechanism
(``gongkai.core.workflow``).

Issuing creates the directive (待答复); the unit answers it (已答复; a second
answer adds to the first); the supervisor sends an answer back to be done again
(待答复, with the reason) or closes the directive (已办结). Issuing, sending back
and closing need ``directive.issue`` on the unit (a supervisor of its region);
answering needs ``directive.answer`` in the unit itself (its staff and office
heads).
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.accounts.permissions import Permission, authorize
from gongkai.core.workflow import Workflow, transition

from .models import DirectiveState


class DirectiveStep(StrEnum):
    ANSWER = "answer"
    SEND_BACK = "send_back"
    CLOSE = "close"


DIRECTIVE_WORKFLOW = Workflow(
    noun="督办",
    state_names=dict(DirectiveState.choices),
    authorize=authorize,
    state_field="state",
    rows=(
        transition(
            DirectiveStep.ANSWER,
            {DirectiveState.OPEN, DirectiveState.ANSWERED},
            DirectiveState.ANSWERED,
            permission=Permission.DIRECTIVE_ANSWER,
            verb="directive_answered",
            label="答复督办",
        ),
        transition(
            DirectiveStep.SEND_BACK,
            {DirectiveState.ANSWERED},
            DirectiveState.OPEN,
            permission=Permission.DIRECTIVE_ISSUE,
            verb="directive_sent_back",
            label="退回重新答复",
            needs_reason=True,
        ),
        transition(
            DirectiveStep.CLOSE,
            {DirectiveState.OPEN, DirectiveState.ANSWERED},
            DirectiveState.CLOSED,
            permission=Permission.DIRECTIVE_ISSUE,
            verb="directive_closed",
            label="办结",
        ),
    ),
)
