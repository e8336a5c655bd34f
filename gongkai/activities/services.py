"""Recording activities the annual report counts, and the enquiries the public
sends (咨询, 领导信箱): asked, answered (then counted), published."""

import secrets
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core.events import event_record

from .models import Activity, ActivityChannel, ActivityKind, Enquiry


@transaction.atomic
def activity_record(
    *,
    acting_user: Any,
    agency: Any,
    kind: str,
    held_on: date,
    channels: Iterable[str] = (),
    **fields: Any,
) -> Activity:
    """Record an activity; a response to public concern lists the ways it was made."""
    activity = Activity(agency=agency, kind=kind, held_on=held_on, **fields)
    activity.full_clean()
    activity.save()
    ActivityChannel.objects.bulk_create(
        ActivityChannel(activity=activity, channel=c) for c in dict.fromkeys(channels)
    )
    event_record(
        actor=acting_user,
        verb="activity_recorded",
        target=activity,
        data={"kind": kind, "held_on": held_on.isoformat()},
    )
    return activity


def enquiry_reference_new() -> str:
    """A reference the asker can quote, not guessable from another's."""
    return f"ZX{timezone.localdate():%Y%m%d}-{secrets.token_hex(3).upper()}"


@transaction.atomic
def enquiry_ask(
    *,
    acting_user: Any,
    agency: Any,
    mailbox: str,
    asker_name: str,
    asker_contact: str,
    subject: str,
    question: str,
    publication_allowed: bool = False,
) -> Enquiry:
    """Record a question sent from the portal (``acting_user`` is None there)."""
    enquiry = Enquiry(
        agency=agency,
        mailbox=mailbox,
        reference=enquiry_reference_new(),
        asker_name=asker_name.strip(),
        asker_contact=asker_contact.strip(),
        subject=subject.strip(),
        question=question.strip(),
        publication_allowed=publication_allowed,
        asked_at=timezone.now(),
    )
    enquiry.full_clean()
    enquiry.save()
    event_record(
        actor=acting_user,
        verb="enquiry_received",
        target=enquiry,
        data={"mailbox": mailbox, "subject": enquiry.subject},
    )
    return enquiry


@transaction.atomic
def enquiry_answer(
    *, acting_user: Any, enquiry: Enquiry, answer: str, answered_on: date
) -> Enquiry:
    """Answer an enquiry; the answer counts as one 咨询答复 on ``answered_on``.

    Answering again (to correct the wording) keeps the one activity and moves it to
    the new date, so an enquiry is never counted twice.
    """
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    answer = answer.strip()
    if not answer:
        raise ValidationError("答复内容不能为空。")
    if answered_on < timezone.localtime(enquiry.asked_at).date():
        raise ValidationError("答复日期不能早于来信日期。")
    before = {"answer": enquiry.answer, "answered_on": _iso(enquiry.answered_on)}
    activity = enquiry.activity or Activity(
        agency=enquiry.agency, kind=ActivityKind.ENQUIRY
    )
    activity.held_on = answered_on
    activity.title = enquiry.subject[:300]
    activity.save()
    enquiry.answer = answer
    enquiry.answered_on = answered_on
    enquiry.answered_by = acting_user if getattr(acting_user, "pk", None) else None
    enquiry.activity = activity
    enquiry.save()
    event_record(
        actor=acting_user,
        verb="enquiry_answered",
        target=enquiry,
        data={
            "before": before,
            "after": {"answer": answer, "answered_on": answered_on.isoformat()},
        },
    )
    return enquiry


@transaction.atomic
def enquiry_publish(*, acting_user: Any, enquiry: Enquiry, publish: bool) -> Enquiry:
    """Show the question and its answer on the portal (or take them down).

    Only an answered enquiry whose asker allowed publication can be shown; the
    asker's name and contact never are.
    """
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    if publish and not enquiry.is_answered:
        raise ValidationError("尚未答复的来信不能公开。")
    if publish and not enquiry.publication_allowed:
        raise ValidationError("来信人未同意公开，不能公开。")
    before = _iso(enquiry.published_at)
    enquiry.published_at = (enquiry.published_at or timezone.now()) if publish else None
    enquiry.save(update_fields=["published_at", "updated_at"])
    event_record(
        actor=acting_user,
        verb="enquiry_published" if publish else "enquiry_unpublished",
        target=enquiry,
        data={
            "before": {"published_at": before},
            "after": {"published_at": _iso(enquiry.published_at)},
        },
    )
    return enquiry


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None
