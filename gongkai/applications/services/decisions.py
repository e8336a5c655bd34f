"""How an application ends: a reply with exactly one outcome (第三十六条), a
withdrawal (a referral to the competent agency is ``transfer``); and what
follows: reopening when a review or court corrects the decision, and offering
released information for the catalogue (第四十四条)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import IO

from django.db import transaction

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.core.events import event_record
from gongkai.core.workflow import NotPermitted, Refused

from ..legal_basis import WITHDRAWN, default_legal_basis
from ..models import Application, ApplicationStatus, Outcome, ground_allowed
from ..workflow import ApplicationStep
from ._steps import adjusted, begin, carried_over, due_on, finish, guard
from .procedure import _close

# Outcomes a reply may not choose: the procedure reaches them by its own steps.
PROCEDURAL_OUTCOMES: dict[str, str] = {
    Outcome.OTHER_NO_CORRECTION: "逾期不补正请使用“逾期不补正，不再处理”。",
    Outcome.OTHER_UNPAID: "逾期未缴费请使用“逾期未缴费，不再处理”。",
}
DISCLOSING = frozenset({Outcome.DISCLOSED, Outcome.PARTIALLY_DISCLOSED})


@transaction.atomic
def application_decide(
    *,
    acting_user: User | None,
    application: Application,
    outcome: str,
    closed_on: date,
    ground: str = "",
    legal_basis: str = "",
    adjustment: str = "",
) -> Application:
    """Reply with exactly one outcome of the 2021 list and its legal basis.

    Partial disclosure counts only as 部分公开 (the format's own note); 补正后仍不明确
    needs a corrected application; the two 其他处理 that end an application for want
    of a correction or a payment are their own steps. It counts as closed in
    ``closed_on``'s year (the period lock applies).
    """
    application, target, row = begin(
        application, ApplicationStep.DECIDE, acting_user=acting_user
    )
    _check_outcome(application, outcome, ground)
    _not_before_receipt(closed_on, application, "办结日期")
    application.ground = ground
    return _close(
        application,
        target,
        acting_user=acting_user,
        row=row,
        outcome=outcome,
        closed_on=closed_on,
        legal_basis=legal_basis.strip() or default_legal_basis(outcome, ground),
        adjustment=adjustment,
    )


# The name the foundation gave it; a decision is how an application closes.
application_close = application_decide


def _not_before_receipt(day: date, application: Application, what: str) -> None:
    received_on = application.received_on
    if received_on is not None and day < received_on:
        raise Refused(f"{what}不能早于收到申请之日。")


def _check_outcome(application: Application, outcome: str, ground: str) -> None:
    if outcome not in Outcome.values:
        raise Refused(f"未知的办理结果：{outcome}")
    if outcome in PROCEDURAL_OUTCOMES:
        raise Refused(PROCEDURAL_OUTCOMES[outcome])
    if not ground_allowed(outcome, ground):
        raise Refused(f"“{Outcome(outcome).label}”不适用细分理由“{ground}”。")
    corrected = getattr(application, "correction", None)
    if outcome == Outcome.UNABLE_UNCLEAR and not (corrected and corrected.corrected_on):
        raise Refused("“补正后申请内容仍不明确”须在申请人补正之后作出。")


@transaction.atomic
def application_withdraw(
    *,
    acting_user: User | None,
    application: Application,
    withdrawn_on: date,
    reason: str = "",
    adjustment: str = "",
) -> Application:
    """The applicant withdrew: closed as 其他处理 3 (其他), in ``withdrawn_on``'s
    year (the period lock applies)."""
    application, target, row = begin(
        application, ApplicationStep.WITHDRAW, acting_user=acting_user
    )
    _not_before_receipt(withdrawn_on, application, "撤回日期")
    return _close(
        application,
        target,
        acting_user=acting_user,
        row=row,
        outcome=Outcome.OTHER,
        closed_on=withdrawn_on,
        legal_basis=WITHDRAWN + (f"：{reason.strip()}" if reason.strip() else ""),
        adjustment=adjustment,
    )


@transaction.atomic
def application_reopen(
    *,
    acting_user: User | None,
    application: Application,
    reopened_on: date,
    reason: str,
    adjustment: str = "",
) -> Application:
    """A review or court corrected the decision: handle the application again.

    The original keeps its reply and the year it was counted in (a published
    report and its carry-over stay true); it is marked 已被纠正 and a follow-up
    application, linked to it, starts on ``reopened_on`` (the day the corrective
    decision was received) with a fresh reply clock, counted as received in that
    year (the period lock applies). Returns the follow-up.
    """
    original, target, row = begin(
        application, ApplicationStep.REOPEN, acting_user=acting_user
    )
    if original.closed_on is not None and reopened_on < original.closed_on:
        raise Refused("重新办理的日期不能早于原答复日期。")
    adjustments = guard(
        agency=original.agency,
        days=[reopened_on],
        acting_user=acting_user,
        adjustment=adjustment,
        record=original,
        what=f"重新办理（{reopened_on.isoformat()}）",
    )
    original.stage = target
    original.save(update_fields=["stage", "updated_at"])
    round_number = original.follow_ups.count() + 1
    follow_up = carried_over(
        original,
        agency=original.agency,
        tracking_number=f"{original.tracking_number}-R{round_number}",
        submitted_on=reopened_on,
        received_on=reopened_on,
        handler=original.handler,
        reopened_from=original,
    )
    follow_up.save()
    follow_up.due_on = due_on(follow_up)
    return finish(
        follow_up,
        ApplicationStatus(follow_up.stage),
        acting_user=acting_user,
        row=row,
        data={
            "original": original.tracking_number,
            "reason": reason,
            **adjusted(adjustments, follow_up),
        },
    )


@transaction.atomic
def application_offer_to_catalogue(
    *,
    acting_user: User | None,
    application: Application,
    title: str,
    summary: str = "",
    files: Sequence[tuple[str, IO[bytes]]] = (),
) -> Application:
    """Offer released information for proactive disclosure (第四十四条: information
    that several applicants ask for and that may be disclosed can be made
    proactive): a draft catalogue item, origin 依申请公开转主动公开, linked to the
    application, with ``files`` (name, content: what the applicant was given, the
    redacted copy of a partial release) attached, for the catalogue's own
    review (which asks its own permission to record the item). A file the
    catalogue cannot read is left out and named in the event; staff may attach
    it to the draft by hand.

    Refused unless the reply disclosed the information (予以公开 or 部分公开),
    and a second time."""
    from gongkai.catalog.models import Origin
    from gongkai.catalog.services.items import item_attach, item_record

    authorize(acting_user, Permission.APPLICATION_HANDLE, application.agency)
    application = Application.objects.select_for_update(of=("self",)).get(
        pk=application.pk
    )
    closed_on = application.closed_on
    if application.outcome not in DISCLOSING or closed_on is None:
        raise Refused("只有予以公开或部分公开的信息可以转为主动公开。")
    if application.catalogue_item_id:
        raise Refused("该申请的信息已提交主动公开目录。")
    if not title.strip():
        raise Refused("请填写主动公开信息的标题。")
    item = item_record(
        acting_user=acting_user,
        agency=application.agency,
        title=title.strip(),
        formed_on=closed_on,
        summary=summary,
        origin=Origin.FROM_APPLICATION,
    )
    attached, left_out = [], []
    for name, content in files:
        try:
            with transaction.atomic():
                item_attach(acting_user=acting_user, item=item, file=content, name=name)
        except NotPermitted:
            raise
        except Refused:
            left_out.append(name)
        else:
            attached.append(name)
    application.catalogue_item = item
    application.save(update_fields=["catalogue_item", "updated_at"])
    event_record(
        actor=acting_user,
        verb="application_offered_to_catalogue",
        target=application,
        data={
            "item": item.pk,
            "title": item.title,
            "files": attached,
            "left_out": left_out,
        },
    )
    return application
