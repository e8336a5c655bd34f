"""The one workflow mechanism, on a table of its own (no app's records)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted, Refused, Workflow, transition

NAMES = {"draft": "草稿", "sent": "已发出", "done": "已办结"}


def _authorize(user: Any, permission: str, agency: Any) -> None:
    if user is not None and permission not in user["may"]:
        raise NotPermitted("您的账号不能这样做。", code="permission")


TABLE = Workflow(
    noun="文书",
    state_names=NAMES,
    authorize=_authorize,
    rows=(
        transition(
            "send", {"draft"}, "sent", permission="send", verb="sent", label="发出"
        ),
        transition(
            "note", {"draft", "sent"}, None, permission=None, verb="noted", label="备注"
        ),
        transition(
            "close",
            {"sent"},
            "done",
            permission="close",
            verb="closed",
            label="办结",
            needs_reason=True,
        ),
    ),
)


def test_a_step_leads_where_the_table_says() -> None:
    assert TABLE.target("draft", "send") == "sent"
    assert TABLE.target("sent", "note") == "sent"  # a step that keeps the state


def test_a_step_from_a_state_the_table_does_not_list_is_refused_in_chinese() -> None:
    with pytest.raises(Refused) as refused:
        TABLE.target("done", "send")
    assert refused.value.messages == ["文书当前为“已办结”，不能“发出”。"]


@pytest.mark.parametrize("state", sorted(NAMES))
@pytest.mark.parametrize("step", ["send", "note", "close"])
def test_every_state_and_step_is_allowed_exactly_when_listed(
    state: str, step: str
) -> None:
    listed = state in TABLE.row(step).sources
    assert TABLE.allows(state, step) is listed
    assert (TABLE.row(step) in TABLE.steps_from(state)) is listed


def test_permission_is_asked_before_the_state() -> None:
    """A user who may not act learns nothing about where the record is."""
    with pytest.raises(NotPermitted):
        TABLE.check("done", "send", user={"may": set()}, agency=None)


def test_a_refusal_of_permission_is_both_a_refusal_and_a_403() -> None:
    with pytest.raises(NotPermitted) as refused:
        TABLE.check("draft", "send", user={"may": set()}, agency=None)
    assert isinstance(refused.value, ValidationError)
    assert isinstance(refused.value, PermissionDenied)


def test_a_step_that_needs_a_reason_is_refused_without_one() -> None:
    with pytest.raises(Refused) as refused:
        TABLE.check("sent", "close", user={"may": {"close"}}, agency=None, reason="  ")
    assert refused.value.code == "reason"
    row = TABLE.check(
        "sent", "close", user={"may": {"close"}}, agency=None, reason="好"
    )
    assert row.target == "done"


def test_the_system_takes_any_step_the_table_allows() -> None:
    assert TABLE.check("draft", "send", user=None, agency=None).verb == "sent"


def test_a_table_that_names_a_state_without_a_name_is_refused_at_import() -> None:
    with pytest.raises(ValueError, match="unnamed states"):
        Workflow(
            noun="x",
            state_names={"a": "甲"},
            rows=(transition("go", {"a"}, "b", permission=None, verb="v", label="走"),),
        )


def test_a_step_declared_twice_is_refused_at_import() -> None:
    row = transition("go", {"a"}, "a", permission=None, verb="v", label="走")
    with pytest.raises(ValueError, match="twice"):
        Workflow(noun="x", state_names={"a": "甲"}, rows=(row, row))


@pytest.mark.django_db
def test_apply_moves_the_record_and_writes_one_event() -> None:
    from gongkai.agencies.models import Agency
    from gongkai.testing.factories import AgencyFactory

    agency = AgencyFactory()
    # Any model with a state field will do: an agency's kind stands in for a state.
    table = Workflow(
        noun="机关",
        state_names={k: str(v) for k, v in Agency.Kind.choices},
        state_field="kind",
        agency_of=lambda record: record,
        rows=(
            transition(
                "regrade",
                {agency.kind},
                Agency.Kind.GOVERNMENT
                if agency.kind != Agency.Kind.GOVERNMENT
                else Agency.Kind.DEPARTMENT,
                permission=None,
                verb="agency_regraded",
                label="调整类别",
            ),
        ),
    )
    before = agency.kind
    moved = table.apply(agency, "regrade", user=None, data={"why": "测试"})
    agency.refresh_from_db()
    assert agency.kind == moved.kind != before
    event = Event.objects.get(verb="agency_regraded")
    assert event.data == {"before": before, "after": agency.kind, "why": "测试"}


@pytest.mark.django_db
def test_apply_leaves_nothing_behind_when_the_change_fails() -> None:
    from gongkai.testing.factories import AgencyFactory

    agency = AgencyFactory()
    table = Workflow(
        noun="机关",
        state_names={agency.kind: "某类"},
        state_field="kind",
        agency_of=lambda record: record,
        rows=(
            transition(
                "touch",
                {agency.kind},
                None,
                permission=None,
                verb="touched",
                label="修改",
            ),
        ),
    )

    def fail(record: Any) -> None:
        record.name = "改过的名字"
        raise Refused("不行。")

    with pytest.raises(Refused):
        table.apply(agency, "touch", user=None, change=fail)
    agency.refresh_from_db()
    assert agency.name != "改过的名字"
    assert not Event.objects.filter(verb="touched").exists()
