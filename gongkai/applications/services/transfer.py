"""Telling the applicant which agency is competent (第三十六条第五项), and, when
that agency uses gongkai too, sending it the application (转办): it signs for it
(签收: a new application of its own, with its own clock) or returns it (退回,
with a reason: the sender handles the application again).

The transfer's two steps are ``TRANSFER_WORKFLOW``, a table of the one workflow
mechanism; both need the receiving agency's ``application.handle``. The sender's
closing is the application table's ``transfer`` step.

What each agency's report counts:

- the sender closed the application as 本机关不掌握相关政府信息 with the ground
  不属于本机关负责公开, in the year it sent it (as any referral);
- the receiver counts a new application received on the day ``transfer_received_on``
  gives (by default the day it signed for it), in that day's year;
- a return undoes the sender's closing: the application is open again, received
  on its original day, no longer counted as 不属于本机关负责公开. When the year of
  that closing is already locked by a published report (``agencies.periods``),
  the published figure stays true instead: the closing is kept and a follow-up
  application, linked to it, opens at the sender on the day of the return.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.models import Agency
from gongkai.agencies.periods import year_is_closed
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused, Workflow, transition

from ..legal_basis import default_legal_basis
from ..models import (
    Application,
    ApplicationStatus,
    Ground,
    Outcome,
    Transfer,
    TransferState,
)
from ..workflow import ApplicationStep
from ._steps import adjusted, begin, carried_over, due_on, finish, guard, iso
from .intake import tracking_number_new


class TransferStep(StrEnum):
    ACCEPT = "accept"  # 签收
    RETURN = "return"  # 退回


T = TransferState

TRANSFER_WORKFLOW = Workflow(
    noun="转办",
    state_names={state.value: str(state.label) for state in TransferState},
    authorize=authorize,
    state_field="state",
    agency_of=lambda transfer: transfer.to_agency,
    rows=(
        transition(
            TransferStep.ACCEPT,
            [T.PENDING],
            T.ACCEPTED,
            permission=Permission.APPLICATION_HANDLE,
            verb="transfer_accepted",
            label="签收",
        ),
        transition(
            TransferStep.RETURN,
            [T.PENDING],
            T.RETURNED,
            permission=Permission.APPLICATION_HANDLE,
            verb="transfer_returned",
            label="退回",
            needs_reason=True,
        ),
    ),
)

RECEIVED_ON_ACCEPTED = "accepted"
RECEIVED_ON_SENT = "sent"


def transfer_received_on(*, sent_on: date, accepted_on: date) -> date:
    """收到申请之日 of a transferred application at the competent agency.

    The Regulation knows no transfer between agencies: 第三十六条第五项 only tells
    the applicant which agency is competent. The competent agency's reply period
    (第三十三条) runs from the day *it* receives the application, and 第三十条
    restarts a clock only on what the agency itself received. A transfer reaches
    it like a registered letter, received the day it is signed for (第三十一条
    第二项): by default the day of 签收 (``"accepted"``). UNVERIFIED: a local rule
    may count from the day the application reached the agency's queue
    (``"sent"``); the setting ``GONGKAI_TRANSFER_RECEIVED_ON`` chooses.
    """
    rule = getattr(settings, "GONGKAI_TRANSFER_RECEIVED_ON", RECEIVED_ON_ACCEPTED)
    return sent_on if rule == RECEIVED_ON_SENT else accepted_on


def _receipt_rule() -> str:
    if getattr(settings, "GONGKAI_TRANSFER_RECEIVED_ON", "") == RECEIVED_ON_SENT:
        return "转办申请以转送到达之日为收到申请之日"
    return "转办申请以签收之日为收到申请之日（参照第三十一条第二项）"


# -- the sender: tell the applicant, and send the application ---------------------


@transaction.atomic
def application_transfer(
    *,
    acting_user: User | None,
    application: Application,
    closed_on: date,
    competent_agency: str = "",
    to_agency: Agency | None = None,
    note: str = "",
    adjustment: str = "",
) -> Application:
    """Not this agency's to disclose: tell the applicant which agency is, with its
    contact (第三十六条第五项). Counted as 本机关不掌握相关政府信息 with the ground
    不属于本机关负责公开, closed in ``closed_on``'s year (the period lock applies).

    ``to_agency``: the competent agency uses gongkai; the application is sent to
    it with ``note`` (a ``Transfer`` waiting for its 签收). ``competent_agency``:
    the name and contact as the applicant is told them (the agency's name when
    empty and ``to_agency`` is given).
    """
    application, target, row = begin(
        application, ApplicationStep.TRANSFER, acting_user=acting_user
    )
    if to_agency is not None and to_agency.pk == application.agency_id:
        raise Refused("不能转办给本机关。")
    referred = competent_agency.strip() or (to_agency.name if to_agency else "")
    if not referred:
        raise Refused("请选择负责公开的机关，或填写其名称和联系方式。")
    if application.received_on and closed_on < application.received_on:
        raise Refused("办结日期不能早于收到申请之日。")
    adjustments = guard(
        agency=application.agency,
        days=[closed_on],
        acting_user=acting_user,
        adjustment=adjustment,
        record=application,
        what=f"{row.label}（{closed_on.isoformat()}）",
    )
    transfer = None
    if to_agency is not None:
        transfer = Transfer.objects.create(
            application=application,
            to_agency=to_agency,
            note=note.strip(),
            sent_on=closed_on,
            sent_by=acting_user if getattr(acting_user, "pk", None) else None,
        )
    application.referred_to = referred[:300]
    application.ground = Ground.NOT_THIS_AGENCY
    application.outcome = Outcome.UNABLE_NOT_HELD
    application.closed_on = closed_on
    application.legal_basis = default_legal_basis(
        Outcome.UNABLE_NOT_HELD, Ground.NOT_THIS_AGENCY
    )
    return finish(
        application,
        target,
        acting_user=acting_user,
        row=row,
        data={
            "outcome": Outcome.UNABLE_NOT_HELD.value,
            "closed_on": closed_on.isoformat(),
            "referred_to": application.referred_to,
            **(
                {"transfer": transfer.pk, "to_agency": to_agency.name}
                if transfer is not None and to_agency is not None
                else {}
            ),
            **adjusted(adjustments, application),
        },
    )


# -- the receiver: 签收 or 退回 -----------------------------------------------------


def _lock(transfer: Transfer) -> Transfer:
    return (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("to_agency", "application__agency")
        .get(pk=transfer.pk)
    )


def _not_before_sent(day: date, transfer: Transfer, what: str) -> None:
    if day < transfer.sent_on:
        raise Refused(f"{what}不能早于转办日期（{transfer.sent_on.isoformat()}）。")


def _copy(
    original: Application,
    *,
    agency: Agency,
    day: date,
    submitted_on: date,
    tracking_number: str,
    handler: Any,
    reopened_from: Application | None = None,
) -> Application:
    """A new application of ``agency`` received on ``day``, with the applicant and
    the request as the original gave them."""
    application = carried_over(
        original,
        agency=agency,
        tracking_number=tracking_number,
        submitted_on=submitted_on,
        received_on=day,
        handler=handler,
        reopened_from=reopened_from,
        stage=ApplicationStatus.RECEIVED,
    )
    application.full_clean(exclude=["status"])
    application.save()
    return application


@transaction.atomic
def transfer_accept(
    *,
    acting_user: User | None,
    transfer: Transfer,
    accepted_on: date,
    adjustment: str = "",
) -> Application:
    """签收: the competent agency takes the application as its own. A new
    application of that agency, linked to the transfer, received on the day
    ``transfer_received_on`` gives (its reply clock starts then), counted as
    received in that year (the period lock applies). Returns it."""
    locked = _lock(transfer)
    to_agency = locked.to_agency
    row = TRANSFER_WORKFLOW.check(
        locked.state, TransferStep.ACCEPT, user=acting_user, agency=to_agency
    )
    _not_before_sent(accepted_on, locked, "签收日期")
    received_on = transfer_received_on(sent_on=locked.sent_on, accepted_on=accepted_on)
    adjustments = guard(
        agency=to_agency,
        days=[received_on],
        acting_user=acting_user,
        adjustment=adjustment,
        what=f"签收转办的申请（{received_on.isoformat()}）",
    )
    original = locked.application
    ours = getattr(acting_user, "agency_id", None) == to_agency.pk
    application = _copy(
        original,
        agency=to_agency,
        day=received_on,
        submitted_on=locked.sent_on,
        tracking_number=tracking_number_new(received_on),
        handler=acting_user if ours else None,
    )
    locked.state = TransferState.ACCEPTED
    locked.decided_on = accepted_on
    locked.decided_by = acting_user if getattr(acting_user, "pk", None) else None
    locked.accepted_as = application
    locked.save()
    application.due_on = due_on(application)
    application.save(update_fields=["due_on"])
    application.refresh_from_db(fields=["status"])
    event_record(
        actor=acting_user,
        verb=row.verb,
        target=application,
        data={
            "transfer": locked.pk,
            "from_agency": original.agency.name,
            "original": original.tracking_number,
            "original_received_on": iso(original.received_on),
            "sent_on": locked.sent_on.isoformat(),
            "accepted_on": accepted_on.isoformat(),
            "received_on": received_on.isoformat(),
            "rule": _receipt_rule(),
            "status": application.status,
            "due_on": iso(application.due_on),
            **adjusted(adjustments, application),
        },
    )
    return application


@transaction.atomic
def transfer_return(
    *,
    acting_user: User | None,
    transfer: Transfer,
    returned_on: date,
    reason: str,
    adjustment: str = "",
) -> Application:
    """退回: the competent agency says the application is not its own either. The
    sender handles it again; returns the application it handles (see the module
    docstring for what this means for the sender's report)."""
    locked = _lock(transfer)
    row = TRANSFER_WORKFLOW.check(
        locked.state,
        TransferStep.RETURN,
        user=acting_user,
        agency=locked.to_agency,
        reason=reason,
    )
    _not_before_sent(returned_on, locked, "退回日期")
    original = Application.objects.select_for_update(of=("self",)).get(
        pk=locked.application_id
    )
    if original.status != ApplicationStatus.CLOSED or original.closed_on is None:
        raise Refused("转出的申请已不是转办后的办结状态，不能退回。")
    published = year_is_closed(agency=original.agency, year=original.closed_on.year)
    adjustments = guard(
        agency=original.agency,
        days=[returned_on] if published else [original.closed_on],
        acting_user=acting_user,
        adjustment=adjustment,
        record=original,
        what=f"转办被退回（{returned_on.isoformat()}）",
    )
    locked.state = TransferState.RETURNED
    locked.decided_on = returned_on
    locked.decided_by = acting_user if getattr(acting_user, "pk", None) else None
    locked.return_reason = reason.strip()
    locked.save()
    handled = (
        _follow_up(original, locked, returned_on) if published else _reopen(original)
    )
    return finish(
        handled,
        ApplicationStatus.RECEIVED,
        acting_user=acting_user,
        row=row,
        data={
            "transfer": locked.pk,
            "to_agency": locked.to_agency.name,
            "returned_on": returned_on.isoformat(),
            "reason": locked.return_reason,
            "closing_undone": not published,
            "original": original.tracking_number,
            **adjusted(adjustments, handled),
        },
    )


def _reopen(original: Application) -> Application:
    """Undo the referral: open again, on its original receipt day."""
    original.outcome = ""
    original.ground = ""
    original.closed_on = None
    original.legal_basis = ""
    original.referred_to = ""
    return original


def _follow_up(
    original: Application, transfer: Transfer, returned_on: date
) -> Application:
    """The closing is counted in a published year: keep it, and open a linked
    follow-up at the sender, received on the day of the return."""
    number = original.transfers.count()
    return _copy(
        original,
        agency=original.agency,
        day=returned_on,
        submitted_on=returned_on,
        tracking_number=f"{original.tracking_number}-T{number}",
        handler=original.handler,
        reopened_from=original,
    )
