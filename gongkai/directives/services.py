"""Issuing a 督办, answering it, sending an answer back, closing it.

Every service takes the acting user (None: the system itself) and refuses, before
it does anything, a user whose role or scope does not cover the unit: a
supervisor issues and closes within its region (``directive.issue``); the unit's
own staff and office heads answer (``directive.answer``). Each writes one event;
the unit's office heads (on issuing, on sending back) and the supervisor who
issued it (on an answer) are told by e-mail once the step commits
(``gongkai.notices`` follows the events, ``mail.py`` words the mail).

A directive is issued only on something that ran late (``late_refusal``), and one
thing has at most one directive not yet closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.models import Agency
from gongkai.applications.models import Application
from gongkai.applications.selectors import applications_with_running_clock
from gongkai.applications.uploads import Upload, uploads_check
from gongkai.cases.models import AdministrativeReview, Litigation
from gongkai.catalog.models import Item
from gongkai.catalog.selectors import LATE, items_overdue
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused

from .models import (
    TARGET_FIELDS,
    Directive,
    DirectiveFile,
    DirectiveKind,
    DirectiveResponse,
    DirectiveState,
)
from .workflow import DIRECTIVE_WORKFLOW, DirectiveStep

Target = Application | AdministrativeReview | Litigation | Item | int
TEXT_LIMIT = 4000


# -- issuing --------------------------------------------------------------------------


@transaction.atomic
def directive_issue(
    *,
    acting_user: User | None,
    agency: Agency,
    kind: str,
    target: Target,
    text: str,
    respond_by: date,
    today: date | None = None,
) -> Directive:
    """Issue a 督办 to ``agency`` about ``target`` (an application, a review, a
    lawsuit, an item, or the year of an annual report), to be answered by
    ``respond_by``."""
    authorize(acting_user, Permission.DIRECTIVE_ISSUE, agency)
    today = today or timezone.localdate()
    kind = DirectiveKind(kind)
    text = (text or "").strip()
    if not text:
        raise Refused("请写明督办事项和要求。", code="text")
    if len(text) > TEXT_LIMIT:
        raise Refused(f"督办内容不能超过 {TEXT_LIMIT} 字。", code="text")
    if respond_by < today:
        raise Refused("答复期限不能早于今天。", code="respond_by")
    problem = late_refusal(agency=agency, kind=kind, target=target, today=today)
    if problem:
        raise Refused(problem, code="target")
    field = TARGET_FIELDS[kind]
    if (
        Directive.objects.select_for_update()
        .filter(agency=agency, kind=kind, **{field: target})
        .exclude(state=DirectiveState.CLOSED)
        .exists()
    ):
        raise Refused("该事项已有未办结的督办。", code="duplicate")
    directive = Directive.objects.create(
        agency=agency,
        kind=kind,
        text=text,
        respond_by=respond_by,
        issued_by=acting_user,
        **{field: target},
    )
    event_record(
        actor=acting_user,
        verb="directive_issued",
        target=directive,
        data={
            "kind": str(kind),
            "about": directive.target_label,
            "respond_by": respond_by.isoformat(),
        },
    )
    return directive


def late_refusal(*, agency: Agency, kind: str, target: Target, today: date) -> str:
    """Why ``target`` cannot be the subject of a 督办 to ``agency`` (it is not the
    unit's, or it did not run late), or "" when it can."""
    if kind == DirectiveKind.REPORT:
        if not isinstance(target, int) or isinstance(target, bool):
            return "请指明年度报告的年度。"
        return "" if target < today.year else f"{target}年度尚未结束，年度报告未到期。"
    model = {
        DirectiveKind.APPLICATION: Application,
        DirectiveKind.REVIEW: AdministrativeReview,
        DirectiveKind.LITIGATION: Litigation,
        DirectiveKind.ITEM: Item,
    }[DirectiveKind(kind)]
    if not isinstance(target, model) or target.agency_id != agency.pk:
        return f"督办的事项不属于{agency.name}。"
    late = {
        DirectiveKind.APPLICATION: _application_late,
        DirectiveKind.REVIEW: _answer_late,
        DirectiveKind.LITIGATION: _answer_late,
        DirectiveKind.ITEM: _item_late,
    }[DirectiveKind(kind)]
    return "" if late(target, today) else "该事项没有逾期，无需督办。"


def _application_late(application: Any, today: date) -> bool:
    """Open, its clock running, past its due date (a paused one is never late)."""
    return (
        applications_with_running_clock()
        .filter(pk=application.pk, due_on__lt=today)
        .exists()
    )


def _answer_late(case: Any, today: date) -> bool:
    """Served, not answered nor concluded, past the last day to answer."""
    return bool(
        case.answer_due is not None
        and case.answer_due < today
        and case.answered_on is None
        and case.concluded_on is None
    )


def _item_late(item: Any, today: date) -> bool:
    """Published after its 第二十六条 deadline, or still unpublished past it."""
    overdue = items_overdue(agency_ids=[item.agency_id], today=today)
    return (
        overdue.filter(pk=item.pk).exists()
        or Item.objects.filter(LATE, pk=item.pk).exists()
    )


# -- the unit's answer, the supervisor's decision ------------------------------------


def directive_answer(
    *,
    acting_user: User | None,
    directive: Directive,
    text: str,
    files: Sequence[Upload] = (),
) -> DirectiveResponse:
    """The unit answers: what it did (and files: PDF, images, DOCX). A second
    answer adds to the first until the directive is closed."""
    text = (text or "").strip()
    with transaction.atomic():
        DIRECTIVE_WORKFLOW.check(
            directive.state,
            DirectiveStep.ANSWER,
            user=acting_user,
            agency=directive.agency,
        )
        if not text:
            raise Refused("请填写答复内容。", code="text")
        if len(text) > TEXT_LIMIT:
            raise Refused(f"答复内容不能超过 {TEXT_LIMIT} 字。", code="text")
        uploads_check(files)

        def answered(locked: Directive) -> None:
            locked.answered_at = timezone.now()

        DIRECTIVE_WORKFLOW.apply(
            directive,
            DirectiveStep.ANSWER,
            user=acting_user,
            data={"files": len(files)},
            change=answered,
        )
        response = DirectiveResponse.objects.create(
            directive=directive,
            text=text,
            answered_by=acting_user if getattr(acting_user, "pk", None) else None,
        )
        for upload in files:
            stored = DirectiveFile(
                response=response, name=upload.name or "", size=upload.size or 0
            )
            stored.file.save(upload.name or "file", upload, save=False)  # type: ignore[arg-type]
            stored.save()
    directive.refresh_from_db()
    return response


def directive_send_back(
    *, acting_user: User | None, directive: Directive, reason: str
) -> Directive:
    """The supervisor finds the answer wanting: back to 待答复, with the reason."""
    return DIRECTIVE_WORKFLOW.apply(
        directive, DirectiveStep.SEND_BACK, user=acting_user, reason=reason
    )


def directive_close(
    *, acting_user: User | None, directive: Directive, note: str = ""
) -> Directive:
    """The supervisor closes the directive (办结), with a note if it wants."""

    def closed(locked: Directive) -> None:
        locked.closed_at = timezone.now()
        locked.closing_note = (note or "").strip()

    return DIRECTIVE_WORKFLOW.apply(
        directive, DirectiveStep.CLOSE, user=acting_user, reason=note, change=closed
    )
