"""Working together on an application: helpers (协办人) beside the handler,
internal notes, and a change of handler with its reason.

None of these moves the application or its clock; each is one event with its
actor. A helper and a new handler are staff of the application's own agency whose
role lets them handle applications. Internal notes are for the agency's staff
only: nothing the applicant receives (letters, notices, the tracking page) reads
them, and the events keep the note's number, never its text."""

from __future__ import annotations

from django.db import transaction

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize, can
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused

from ..models import Application, ApplicationHelper, InternalNote
from ..workflow import ApplicationStep
from ._steps import begin

NOTE_MAX_LENGTH = 5000


def _colleague(application: Application, user: User, what: str) -> None:
    """Refused unless ``user`` is active staff of the application's agency whose
    role handles applications."""
    if not user.is_active or user.agency_id != application.agency_id:
        raise Refused(f"{what}须是本机关的工作人员。")
    if not can(user, Permission.APPLICATION_HANDLE, application.agency):
        raise Refused(f"{what}的账号不能办理申请。")


def _person(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


@transaction.atomic
def application_helper_add(
    *, acting_user: User | None, application: Application, helper: User
) -> ApplicationHelper:
    """Add a colleague as a helper: the application appears in their list
    “我协办的”; the handler stays the one answerable for it."""
    authorize(acting_user, Permission.APPLICATION_HANDLE, application.agency)
    _colleague(application, helper, "协办人")
    if helper.pk == application.handler_id:
        raise Refused("承办人本人无需添加为协办人。")
    if ApplicationHelper.objects.filter(application=application, user=helper).exists():
        raise Refused(f"{_person(helper)}已是该申请的协办人。")
    added = ApplicationHelper.objects.create(
        application=application, user=helper, added_by=acting_user
    )
    event_record(
        actor=acting_user,
        verb="application_helper_added",
        target=application,
        data={"helper": helper.pk, "name": _person(helper)},
    )
    return added


@transaction.atomic
def application_helper_remove(
    *, acting_user: User | None, application: Application, helper: User
) -> None:
    """Remove a helper from the application."""
    authorize(acting_user, Permission.APPLICATION_HANDLE, application.agency)
    deleted, _rows = ApplicationHelper.objects.filter(
        application=application, user=helper
    ).delete()
    if not deleted:
        raise Refused(f"{_person(helper)}不是该申请的协办人。")
    event_record(
        actor=acting_user,
        verb="application_helper_removed",
        target=application,
        data={"helper": helper.pk, "name": _person(helper)},
    )


@transaction.atomic
def application_note_add(
    *, acting_user: User | None, application: Application, text: str
) -> InternalNote:
    """Leave an internal note, with who wrote it and when. It is never shown to
    the applicant; the event names the note, not its text."""
    authorize(acting_user, Permission.APPLICATION_HANDLE, application.agency)
    text = text.strip()
    if not text:
        raise Refused("请填写备注内容。")
    if len(text) > NOTE_MAX_LENGTH:
        raise Refused(f"内部备注不能超过{NOTE_MAX_LENGTH}字。")
    note = InternalNote.objects.create(
        application=application, author=acting_user, text=text
    )
    event_record(
        actor=acting_user,
        verb="application_note_added",
        target=application,
        data={"note": note.pk},
    )
    return note


@transaction.atomic
def application_handler_change(
    *,
    acting_user: User | None,
    application: Application,
    handler: User,
    reason: str,
) -> Application:
    """Give an open application to another handler, with the reason (the
    workflow's 指定承办人 step decides when it may). A helper who becomes the
    handler is no longer listed as a helper; the clock is untouched."""
    application, _target, _row = begin(
        application, ApplicationStep.ASSIGN, acting_user=acting_user
    )
    reason = reason.strip()
    if not reason:
        raise Refused("请填写更换承办人的理由。")
    _colleague(application, handler, "承办人")
    previous = application.handler
    if previous is not None and previous.pk == handler.pk:
        raise Refused(f"{_person(handler)}已是该申请的承办人。")
    application.handler = handler
    application.save(update_fields=["handler", "updated_at"])
    ApplicationHelper.objects.filter(application=application, user=handler).delete()
    event_record(
        actor=acting_user,
        verb="application_handler_changed",
        target=application,
        data={
            "from": previous.pk if previous else None,
            "to": handler.pk,
            "before": _person(previous),
            "after": _person(handler),
            "reason": reason,
        },
    )
    return application
