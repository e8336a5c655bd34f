"""The report review's transition table, every state against every step."""

import pytest

from gongkai.accounts.permissions import Permission
from gongkai.workspace.review import State, Step, permission, steps_from, target

S, T = State, Step
# (state, step) → where it leads; a pair not listed is refused.
ALLOWED = {
    (S.DRAFT, T.EDIT): S.DRAFT,
    (S.DRAFT, T.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, T.RETURN): S.DRAFT,
    (S.SUBMITTED, T.SIGN_OFF): S.SIGNED_OFF,
    (S.SIGNED_OFF, T.RETURN): S.DRAFT,
    (S.SIGNED_OFF, T.PUBLISH): S.PUBLISHED,
    (S.PUBLISHED, T.CORRECT): S.PUBLISHED,
}


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("step", list(Step))
def test_each_step_from_each_state(state, step):
    if (state, step) in ALLOWED:
        assert target(state, step) == ALLOWED[(state, step)]
        assert step in steps_from(state)
    else:
        with pytest.raises(ValueError, match="不能进行此操作"):
            target(state, step)
        assert step not in steps_from(state)


@pytest.mark.parametrize(
    ("step", "needed"),
    [
        (T.EDIT, Permission.REPORT_EDIT),
        (T.SUBMIT, Permission.REPORT_SUBMIT),
        (T.RETURN, Permission.REPORT_SIGN_OFF),
        (T.SIGN_OFF, Permission.REPORT_SIGN_OFF),
        (T.PUBLISH, Permission.REPORT_PUBLISH),
        (T.CORRECT, Permission.REPORT_CORRECT),
    ],
)
def test_each_step_needs_its_permission(step, needed):
    assert permission(step) == needed
