"""Recording activities the annual report counts, and the enquiries the public
sends (咨询, 领导信箱): asked, answered (then counted), published.

Each service takes the acting user (None: the system itself) and refuses, before
it does anything, a user whose role or scope does not cover the agency: recording
an activity needs ``activity.record``, answering an enquiry ``enquiry.answer``,
showing it on the portal ``enquiry.publish``. Asking is the public's and needs
none. An activity counts in the report of the year it was held (an answered
enquiry, of the year it was answered), so a write dated into a year whose report
is published is refused unless it is an adjustment with a reason
(``gongkai.agencies.periods.year_guard``).
"""

import secrets
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.models import Agency
from gongkai.agencies.periods import year_guard
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused

from .models import Activity, ActivityChannel, ActivityKind, Enquiry


@transaction.atomic
def activity_record(
    *,
    acting_user: User | None,
    agency: Agency,
    kind: str,
    held_on: date,
    title: str = "",
    principal_leader: bool = False,
    participants: int = 0,
    feedback_count: int = 0,
    opinions_received: int = 0,
    opinions_not_adopted: int = 0,
    result_published: bool = False,
    channels: Iterable[str] = (),
    adjustment: str = "",
) -> Activity:
    """Record an activity; a response to public concern lists the ways it was made."""
    authorize(acting_user, Permission.ACTIVITY_RECORD, agency)
    activity = Activity(
        agency=agency,
        kind=kind,
        held_on=held_on,
        title=title,
        principal_leader=principal_leader,
        participants=participants,
        feedback_count=feedback_count,
        opinions_received=opinions_received,
        opinions_not_adopted=opinions_not_adopted,
        result_published=result_published,
    )
    _valid(activity)
    made = year_guard(
        agency=agency,
        years={held_on.year},
        acting_user=acting_user,
        adjustment=adjustment,
        what=f"登记{activity.get_kind_display()}（{held_on.isoformat()}）",
    )
    activity.save()
    ActivityChannel.objects.bulk_create(
        ActivityChannel(activity=activity, channel=c) for c in dict.fromkeys(channels)
    )
    event_record(
        actor=acting_user,
        verb="activity_recorded",
        target=activity,
        data=_with_adjustment(
            {"kind": kind, "held_on": held_on.isoformat()}, adjustment if made else ""
        ),
    )
    return activity


@transaction.atomic
def activity_delete(
    *, acting_user: User | None, activity: Activity, adjustment: str = ""
) -> None:
    """Delete an activity recorded by mistake. An answered enquiry's activity goes
    with the enquiry's answer, not alone: it is refused here."""
    authorize(acting_user, Permission.ACTIVITY_RECORD, activity.agency)
    if Enquiry.objects.filter(activity=activity).exists():
        raise Refused(
            "这是一件咨询答复的统计记录，随该来信的答复变动，不能单独删除。",
            code="enquiry_activity",
        )
    made = year_guard(
        agency=activity.agency,
        years={activity.held_on.year},
        acting_user=acting_user,
        adjustment=adjustment,
        record=activity,
        what=f"删除{activity}",
    )
    # The event outlives the row: it names what was deleted.
    event_record(
        actor=acting_user,
        verb="activity_deleted",
        target=activity,
        data=_with_adjustment(
            {
                "kind": activity.kind,
                "held_on": activity.held_on.isoformat(),
                "title": activity.title,
            },
            adjustment if made else "",
        ),
    )
    activity.delete()


def enquiry_reference_new() -> str:
    """A reference the asker can quote, not guessable from another's."""
    return f"ZX{timezone.localdate():%Y%m%d}-{secrets.token_hex(3).upper()}"


@transaction.atomic
def enquiry_ask(
    *,
    acting_user: User | None,
    agency: Agency,
    mailbox: str,
    asker_name: str,
    asker_contact: str,
    subject: str,
    question: str,
    publication_allowed: bool = False,
) -> Enquiry:
    """Record a question sent from the portal (``acting_user`` is None there).

    Anyone may ask: no permission is needed, and nothing counted in a year is
    written (an enquiry counts when it is answered)."""
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
    _valid(enquiry)
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
    *,
    acting_user: User | None,
    enquiry: Enquiry,
    answer: str,
    answered_on: date,
    adjustment: str = "",
) -> Enquiry:
    """Answer an enquiry; the answer counts as one 咨询答复 on ``answered_on``.

    Answering again (to correct the wording) keeps the one activity and moves it to
    the new date, so an enquiry is never counted twice.
    """
    authorize(acting_user, Permission.ENQUIRY_ANSWER, enquiry.agency)
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    answer = answer.strip()
    if not answer:
        raise Refused("答复内容不能为空。", code="answer")
    if answered_on < timezone.localtime(enquiry.asked_at).date():
        raise Refused("答复日期不能早于来信日期。", code="date_order")
    # Counted in the year of the answer; a new date also moves it out of the
    # year of the old one.
    years = {answered_on.year}
    if enquiry.answered_on is not None:
        years.add(enquiry.answered_on.year)
    made = year_guard(
        agency=enquiry.agency,
        years=years,
        acting_user=acting_user,
        adjustment=adjustment,
        record=enquiry,
        what=f"答复来信（答复日期 {answered_on.isoformat()}）",
    )
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
        data=_with_adjustment(
            {
                "before": before,
                "after": {"answer": answer, "answered_on": answered_on.isoformat()},
            },
            adjustment if made else "",
        ),
    )
    return enquiry


@transaction.atomic
def enquiry_publish(
    *, acting_user: User | None, enquiry: Enquiry, publish: bool
) -> Enquiry:
    """Show the question and its answer on the portal (or take them down).

    Only an answered enquiry whose asker allowed publication can be shown; the
    asker's name and contact never are.
    """
    authorize(acting_user, Permission.ENQUIRY_PUBLISH, enquiry.agency)
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    if publish and not enquiry.is_answered:
        raise Refused("尚未答复的来信不能公开。", code="unanswered")
    if publish and not enquiry.publication_allowed:
        raise Refused("来信人未同意公开，不能公开。", code="not_allowed")
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


def _valid(record: models.Model) -> None:
    """The model's own validation, refused as the one refusal (field by field)."""
    try:
        record.full_clean()
    except ValidationError as error:
        raise Refused(error.update_error_dict({})) from error


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _with_adjustment(data: dict[str, Any], adjustment: str) -> dict[str, Any]:
    """The event's data, with the adjustment's reason when the write was one."""
    if adjustment.strip():
        data["adjustment"] = adjustment.strip()
    return data
