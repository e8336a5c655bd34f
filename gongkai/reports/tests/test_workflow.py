"""The report's transition table (``REPORT_WORKFLOW``), every state against every
step, on the one workflow mechanism."""

import re

import pytest

from gongkai.accounts.permissions import Permission
from gongkai.core.workflow import Refused
from gongkai.reports.workflow import REPORT_WORKFLOW, ReportState, ReportStep

S, T = ReportState, ReportStep
# (state, step) → where it leads; a pair not listed is refused.
ALLOWED = {
    (S.DRAFT, T.EDIT): S.DRAFT,
    (S.DRAFT, T.SUBMIT): S.SUBMITTED,
    (S.RETURNED, T.EDIT): S.RETURNED,
    (S.RETURNED, T.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, T.RETURN): S.RETURNED,
    (S.SUBMITTED, T.SIGN_OFF): S.SIGNED_OFF,
    (S.SIGNED_OFF, T.RETURN): S.RETURNED,
    (S.SIGNED_OFF, T.PUBLISH): S.PUBLISHED,
    (S.PUBLISHED, T.CORRECT): S.CORRECTED,
    (S.CORRECTED, T.CORRECT): S.CORRECTED,
}


@pytest.mark.parametrize("state", list(ReportState))
@pytest.mark.parametrize("step", list(ReportStep))
def test_each_step_from_each_state(state, step):
    if (state, step) in ALLOWED:
        assert REPORT_WORKFLOW.target(state, step) == ALLOWED[(state, step)]
        assert step in [row.step for row in REPORT_WORKFLOW.steps_from(state)]
    else:
        with pytest.raises(Refused) as refused:
            REPORT_WORKFLOW.target(state, step)
        message = refused.value.messages[0]
        assert re.fullmatch(r"年度报告当前为“.+”，不能“.+”。", message)
        assert step not in [row.step for row in REPORT_WORKFLOW.steps_from(state)]


@pytest.mark.parametrize(
    ("step", "needed", "reason"),
    [
        (T.EDIT, Permission.REPORT_EDIT, False),
        (T.SUBMIT, Permission.REPORT_SUBMIT, False),
        (T.RETURN, Permission.REPORT_SIGN_OFF, True),
        (T.SIGN_OFF, Permission.REPORT_SIGN_OFF, False),
        (T.PUBLISH, Permission.REPORT_PUBLISH, False),
        (T.CORRECT, Permission.REPORT_CORRECT, True),
    ],
)
def test_each_step_needs_its_permission_and_its_reason(step, needed, reason):
    row = REPORT_WORKFLOW.row(step)
    assert (row.permission, row.needs_reason) == (needed, reason)


def test_the_table_names_every_state_of_the_model():
    from gongkai.reports.models import ReportReview

    assert {str(s) for s in ReportState} == set(ReportReview.State.values)
