"""The one workflow mechanism: a transition table, the refusal, and applying a step.

Every record with a life (an application, a catalogue item, a review or lawsuit, an
annual report) declares its table here, beside its model, as a ``Workflow`` of
``Transition`` rows: from which states a step may be taken, where it leads, the
permission it needs, the event it leaves and its Chinese label. A service takes a
step with ``Workflow.apply`` (lock, check, move, save, one event, all in one
transaction) or, where a step does more than move the state, asks ``Workflow.check``
first and records the event itself.

Whatever refuses (the table, the permission, the scope, a locked year), refuses with
``Refused``: a ``ValidationError`` whose message is Chinese and says why, so a page
shows it beside the form. ``NotPermitted`` is the refusal of a user who may not act;
it is also a ``PermissionDenied``, so a page that lets it through answers 403.

``core`` imports no app: who may do what is ``accounts.permissions``, handed to each
table as its ``authorize`` function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from .events import event_record


class Refused(ValidationError):
    """A service would not do what it was asked; the message says why, in Chinese."""


class NotPermitted(Refused, PermissionDenied):
    """The acting user's role or scope does not cover the step (403 on a page)."""


class Authorize(Protocol):
    """Raise ``NotPermitted`` unless ``user`` may take ``permission`` on records of
    ``agency``. ``user`` None is the system itself (a command or a background job
    run by the operator), which every permission covers."""

    def __call__(self, user: Any, permission: str, agency: Any) -> None: ...


@dataclass(frozen=True)
class Transition:
    """One row of a table.

    ``target`` None keeps the state (a step that records something without moving
    the record on). ``permission`` is the ``accounts.permissions.Action`` the step
    needs, None when anyone who may reach the record may take it (the public
    submitting an application). ``verb`` is the past-tense event the step leaves.
    """

    step: str
    sources: frozenset[str]
    target: str | None
    permission: str | None
    verb: str
    label: str
    needs_reason: bool = False


def transition(
    step: str,
    sources: Iterable[str],
    target: str | None,
    *,
    permission: str | None,
    verb: str,
    label: str,
    needs_reason: bool = False,
) -> Transition:
    """A row of a table (sources given as any iterable of states)."""
    return Transition(
        step=str(step),
        sources=frozenset(str(s) for s in sources),
        target=None if target is None else str(target),
        permission=None if permission is None else str(permission),
        verb=verb,
        label=label,
        needs_reason=needs_reason,
    )


M = TypeVar("M", bound=models.Model)

# Every table declared, so a reader of the event log (the workspace's audit page)
# names a state by its table's Chinese name.
WORKFLOWS: list[Workflow] = []


def state_name(state: str, *, state_field: str = "status") -> str | None:
    """The Chinese name of ``state`` in a table moving ``state_field``, or None."""
    for workflow in WORKFLOWS:
        if workflow.state_field == state_field and state in workflow.state_names:
            return str(workflow.state_names[state])
    return None


def _no_check(user: Any, permission: str, agency: Any) -> None:
    return None


@dataclass(frozen=True)
class Workflow:
    """A record's transition table and how to read and move its state.

    ``noun`` names the record in refusals (“申请当前为“待补正”，不能“作出答复”。”);
    ``state_names`` gives each state's Chinese name; ``state_field`` is the model
    field ``apply`` moves; ``agency_of`` finds the agency whose scope a step needs.
    """

    noun: str
    rows: tuple[Transition, ...]
    state_names: Mapping[str, str]
    authorize: Authorize = _no_check
    state_field: str = "status"
    agency_of: Callable[[Any], Any] = field(default=lambda record: record.agency)

    def __post_init__(self) -> None:
        WORKFLOWS.append(self)
        steps = [row.step for row in self.rows]
        if len(steps) != len(set(steps)):
            raise ValueError(f"{self.noun}: a step is declared twice")
        unknown = {
            s for row in self.rows for s in (*row.sources, row.target) if s
        } - set(self.state_names)
        if unknown:
            raise ValueError(f"{self.noun}: unnamed states {sorted(unknown)}")

    # -- reading the table ---------------------------------------------------------

    def row(self, step: str) -> Transition:
        for row in self.rows:
            if row.step == str(step):
                return row
        raise KeyError(step)

    @property
    def steps(self) -> list[str]:
        return [row.step for row in self.rows]

    def steps_from(self, state: str) -> list[Transition]:
        """The steps that may be taken from ``state``, in the table's order."""
        return [row for row in self.rows if str(state) in row.sources]

    def allows(self, state: str, step: str) -> bool:
        return str(state) in self.row(step).sources

    def target(self, state: str, step: str) -> str:
        """Where ``step`` leads from ``state``; ``Refused`` when the table forbids
        it."""
        row = self.row(step)
        state = str(state)
        if state not in row.sources:
            name = self.state_names.get(state, state)
            raise Refused(
                f"{self.noun}当前为“{name}”，不能“{row.label}”。", code="state"
            )
        return row.target or state

    # -- checking and applying a step ----------------------------------------------

    def check(
        self,
        state: str,
        step: str,
        *,
        user: Any,
        agency: Any,
        reason: str = "",
    ) -> Transition:
        """The row for ``step`` once the user may take it from ``state``: the
        permission and scope first (a stranger learns nothing of the record's
        state), then the table, then the reason a step needs."""
        row = self.row(step)
        if row.permission is not None:
            self.authorize(user, row.permission, agency)
        self.target(state, step)
        if row.needs_reason and not (reason or "").strip():
            raise Refused(f"“{row.label}”须说明理由。", code="reason")
        return row

    def apply(
        self,
        record: M,
        step: str,
        *,
        user: Any,
        reason: str = "",
        data: dict[str, Any] | None = None,
        change: Callable[[M], None] | None = None,
    ) -> M:
        """Take ``step`` on ``record``: lock it, check, move its state, let
        ``change`` set the step's facts, save, and write the step's one event
        (before, after, reason and ``data``). Atomic: a refusal or an error in
        ``change`` leaves the record and the log as they were."""
        with transaction.atomic():
            locked = type(record)._default_manager.select_for_update().get(pk=record.pk)
            before = str(getattr(locked, self.state_field))
            row = self.check(
                before, step, user=user, agency=self.agency_of(locked), reason=reason
            )
            after = row.target or before
            setattr(locked, self.state_field, after)
            if change is not None:
                change(locked)
            locked.save()
            payload: dict[str, Any] = {"before": before, "after": after}
            if reason.strip():
                payload["reason"] = reason.strip()
            event_record(
                actor=user,
                verb=row.verb,
                target=locked,
                data={**payload, **(data or {})},
            )
        return locked
