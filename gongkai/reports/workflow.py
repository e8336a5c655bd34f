"""The annual report's life as a transition table (``gongkai.core.workflow``).

::

    draft ──submit──► submitted ──sign_off──► signed_off ──publish──► published
      ▲ │                 │                       │                     │  ▲
      │ edit              └──return──► returned ◄─┘                correct └─┘
      │                                 │ ▲                          (corrected)
      └─────────────────────────────────┘ edit, submit

Staff write the narrative while the report is a draft or has been returned; they
submit it; the disclosure office head signs it off or returns it with a reason.
Only a signed-off report is published (``services.report_publish``, which also
refuses a year that has not ended and a report whose checks find errors). Once
published, a report changes only by a correction with a reason
(``services.report_correct``): a published report is a public record
(《中华人民共和国政府信息公开条例》第四十九条、第五十条).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from gongkai.accounts.permissions import Permission, authorize
from gongkai.core.workflow import Workflow, transition


class ReportState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SIGNED_OFF = "signed_off"
    RETURNED = "returned"
    PUBLISHED = "published"
    CORRECTED = "corrected"


class ReportStep(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    SIGN_OFF = "sign_off"
    PUBLISH = "publish"
    CORRECT = "correct"


S, T = ReportState, ReportStep

# Where the narrative may still be written (and the report submitted).
EDITABLE = (S.DRAFT, S.RETURNED)
# A report in these states has a published version.
PUBLISHED = frozenset({S.PUBLISHED, S.CORRECTED})

STATE_NAMES: dict[str, str] = {
    S.DRAFT: "编制中",
    S.SUBMITTED: "已提交审核",
    S.SIGNED_OFF: "已审核通过",
    S.RETURNED: "已退回修改",
    S.PUBLISHED: "已发布",
    S.CORRECTED: "已更正",
}


def _agency_of(review: Any) -> Any:
    return review.agency


REPORT_WORKFLOW = Workflow(
    noun="年度报告",
    rows=(
        transition(
            T.EDIT,
            EDITABLE,
            None,
            permission=Permission.REPORT_EDIT,
            verb="narrative_edited",
            label="编写报告正文",
        ),
        transition(
            T.SUBMIT,
            EDITABLE,
            S.SUBMITTED,
            permission=Permission.REPORT_SUBMIT,
            verb="report_submitted",
            label="提交审核",
        ),
        transition(
            T.RETURN,
            (S.SUBMITTED, S.SIGNED_OFF),
            S.RETURNED,
            permission=Permission.REPORT_SIGN_OFF,
            verb="report_returned",
            label="退回修改",
            needs_reason=True,
        ),
        transition(
            T.SIGN_OFF,
            (S.SUBMITTED,),
            S.SIGNED_OFF,
            permission=Permission.REPORT_SIGN_OFF,
            verb="report_signed_off",
            label="审核通过",
        ),
        transition(
            T.PUBLISH,
            (S.SIGNED_OFF,),
            S.PUBLISHED,
            permission=Permission.REPORT_PUBLISH,
            verb="report_published",
            label="发布",
        ),
        transition(
            T.CORRECT,
            PUBLISHED,
            S.CORRECTED,
            permission=Permission.REPORT_CORRECT,
            verb="report_corrected",
            label="发布更正版本",
            needs_reason=True,
        ),
    ),
    state_names=STATE_NAMES,
    authorize=authorize,
    state_field="state",
    agency_of=_agency_of,
)
