"""Creating, sending and retrying the applicant's notices, and the applicant's
choice not to receive SMS.

A step of an application that concerns the applicant (``receivers.VERB_KINDS``)
makes one notice per channel the applicant gave: e-mail when the application has
an e-mail address, SMS when it has a mobile number and the applicant did not opt
out. The notice is created in the step's transaction and queued once it commits;
``sending.notice_attempt`` sends it: it first *claims* the notice (an update
conditioned on its status, so two workers never both send it), then sends, then
records the try.
A sent notice is never sent again. A failed try is retried after
``GONGKAI_NOTICE_RETRY_DELAY`` seconds, doubled each time, until
``GONGKAI_NOTICE_ATTEMPTS`` tries; then the notice is *failed* and its handler
sees it on the dashboard (``selectors.notices_failed``).
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.models import Agency
from gongkai.applications.models import Application, ApplicationStatus, Letter
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused
from gongkai.workdays.arithmetic import day_text
from gongkai.workdays.selectors import work_calendar

from .models import (
    Channel,
    Notice,
    NoticeKind,
    NoticeStatus,
    NoticeTemplate,
)
from .tasks import queue_on_commit
from .texts import check_text, render, text_for

logger = logging.getLogger("gongkai.notices")

# A mobile number of the mainland (11 digits from 1), with or without +86.
MOBILE = re.compile(r"^(?:\+?86)?(1\d{10})$")
WAITING = (NoticeStatus.PENDING, NoticeStatus.RETRYING)


def mobile_number(phone: str) -> str:
    """The mobile number in ``phone`` (spaces and dashes dropped), or "" when it is
    no mobile number (a landline cannot take an SMS)."""
    found = MOBILE.match(re.sub(r"[\s\-()]", "", phone or ""))
    return found.group(1) if found else ""


def channels_for(application: Application) -> list[tuple[str, str]]:
    """The channels the applicant chose, with the address on each."""
    chosen = []
    if application.applicant_email:
        chosen.append((Channel.EMAIL.value, application.applicant_email))
    phone = mobile_number(application.applicant_phone)
    if phone and not application.sms_opt_out:
        chosen.append((Channel.SMS.value, phone))
    return chosen


# -- what a notice says ----------------------------------------------------------


def _day(value: date | None) -> str:
    return day_text(value) if value else ""


def notice_context(
    application: Application, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The names a notice's text may use (docs/reference/notices.md)."""
    correction = getattr(application, "correction", None)
    fee = getattr(application, "fee_notice", None)
    base = settings.GONGKAI_PUBLIC_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context: dict[str, Any] = {
            "name": application.applicant_name or "申请人",
            "tracking_number": application.tracking_number,
            "agency": application.agency.name,
            "submitted_on": _day(application.submitted_on),
            "received_on": _day(application.received_on),
            "due_on": _day(application.due_on),
            "closed_on": _day(application.closed_on),
            "outcome": str(application.get_outcome_display())
            if application.outcome
            else "",
            "correction_items": correction.items if correction else "",
            "correct_by": _day(correction.correct_by) if correction else "",
            "amount": f"{fee.amount_due:.2f}" if fee else "",
            "pay_by": _day(fee.pay_by) if fee else "",
            "track_url": f"{base}{reverse('portal:track')}" if base else "",
        }
    context.update(extra or {})
    return context


def _letter_context(data: dict[str, Any]) -> dict[str, Any]:
    """What a notice of a letter served says of the letter (the event's data)."""
    letter_id = data.get("letter")
    letter = Letter.objects.filter(pk=letter_id).first() if letter_id else None
    if letter is None:
        return {}
    delivery = letter.deliveries.order_by("-pk").first()
    with translation.override(settings.LANGUAGE_CODE):
        method = str(delivery.get_method_display()) if delivery else ""
    served = (
        date.fromisoformat(data["delivered_on"]) if "delivered_on" in data else None
    )
    return {
        "letter_title": letter.title,
        "letter_number": letter.number,
        "delivered_on": _day(served),
        "delivery_method": method,
    }


def _transfer_context(data: dict[str, Any]) -> dict[str, str]:
    """What a notice of a transfer inside gongkai says of it (the event's data,
    ``applications.services.transfer``): where it was sent, from where it came,
    who returned it and why."""
    if "transfer" not in data:
        return {}
    return {
        "transferred_to": str(data.get("to_agency", "")),
        "transferred_from": str(data.get("from_agency", "")),
        "returned": "是" if "returned_on" in data else "",
        "return_reason": str(data.get("reason", "")),
    }


# -- creating notices ------------------------------------------------------------


def notices_create(
    *,
    application: Application,
    kind: str,
    key: str,
    extra: dict[str, Any] | None = None,
) -> list[Notice]:
    """One notice of ``kind`` on each channel the applicant chose, unless one with
    this ``key`` exists (a step told once); each is queued to be sent once the
    current transaction commits. Kinds in ``GONGKAI_NOTICES_OFF`` are not sent."""
    if kind in settings.GONGKAI_NOTICES_OFF:
        return []
    chosen = channels_for(application)
    if not chosen:
        return []
    context = notice_context(application, extra)
    created = []
    for channel, recipient in chosen:
        text = render(text_for(kind, channel, application.agency), context)
        notice, new = Notice.objects.get_or_create(
            key=f"{key}:{channel}",
            defaults={
                "application": application,
                "kind": kind,
                "channel": channel,
                "recipient": recipient,
                "subject": text.subject,
                "text": text.body,
            },
        )
        if new:
            created.append(notice)
            queue_on_commit(notice.pk)
    return created


def notices_for_event(
    *, application: Application, kind: str, event_id: int, data: dict[str, Any]
) -> list[Notice]:
    """The notices of a step recorded as event ``event_id``."""
    extra = _letter_context(data) if kind == NoticeKind.DELIVERED else {}
    if kind == NoticeKind.DELIVERED and not extra:
        return []
    extra.update(_transfer_context(data))
    return notices_create(
        application=application, kind=kind, key=f"event:{event_id}", extra=extra
    )


# -- the handler's side ------------------------------------------------------------


@transaction.atomic
def notice_resend(*, acting_user: User | None, notice: Notice) -> Notice:
    """Send a failed notice again (after the handler corrected the cause, or to
    try once more): it gets ``GONGKAI_NOTICE_ATTEMPTS`` new tries."""
    locked = (
        Notice.objects.select_for_update()
        .select_related("application")
        .get(pk=notice.pk)
    )
    authorize(acting_user, Permission.APPLICATION_HANDLE, locked.application.agency)
    if locked.status != NoticeStatus.FAILED:
        raise Refused("只有发送失败的通知才能重新发送。")
    locked.status = NoticeStatus.RETRYING
    locked.attempts = 0
    locked.next_attempt_at = timezone.now()
    locked.save()
    event_record(
        actor=acting_user,
        verb="notice_resent",
        target=locked.application,
        data={"notice": locked.pk, "kind": locked.kind, "channel": locked.channel},
    )
    queue_on_commit(locked.pk)
    return locked


@transaction.atomic
def notice_dismiss(*, acting_user: User | None, notice: Notice, reason: str) -> Notice:
    """Close a failed notice without sending it: the applicant was told another
    way (a call, a letter); the reason is kept."""
    locked = (
        Notice.objects.select_for_update()
        .select_related("application")
        .get(pk=notice.pk)
    )
    authorize(acting_user, Permission.APPLICATION_HANDLE, locked.application.agency)
    if locked.status != NoticeStatus.FAILED:
        raise Refused("只有发送失败的通知才能标为已处理。")
    if not reason.strip():
        raise Refused("请说明已如何告知申请人。")
    locked.status = NoticeStatus.CANCELLED
    locked.last_error = f"{locked.last_error}\n已处理：{reason.strip()}".strip()
    locked.save()
    event_record(
        actor=acting_user,
        verb="notice_dismissed",
        target=locked.application,
        data={"notice": locked.pk, "reason": reason.strip()},
    )
    return locked


# -- the applicant's choice ---------------------------------------------------------


@transaction.atomic
def application_sms_opt_out(
    *, acting_user: User | AnonymousUser | None, application: Application
) -> Application:
    """The applicant asks to receive no more SMS notices (from the tracking page,
    or when applying). Notices by SMS not yet sent are not sent. Anyone who holds
    the tracking number and its query code may ask it: no permission is needed."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.sms_opt_out:
        return locked
    Application.objects.filter(pk=locked.pk).update(sms_opt_out=True)
    locked.sms_opt_out = True
    cancelled = Notice.objects.filter(
        application=locked, channel=Channel.SMS, status__in=WAITING
    ).update(
        status=NoticeStatus.CANCELLED,
        last_error="申请人已选择不接收短信通知。",
        updated_at=timezone.now(),
    )
    event_record(
        actor=acting_user,
        verb="sms_opted_out",
        target=locked,
        data={"cancelled": cancelled},
    )
    return locked


def notices_anonymise(*, application: Application) -> int:
    """Past the retention period (``applications_anonymise``) the notices keep
    their kind, channel, dates and status, not the address or the text (which
    names the applicant). How many were cleared."""
    return Notice.objects.filter(application=application).update(
        recipient="", subject="", text="", updated_at=timezone.now()
    )


# -- reminders before a deadline lapses -----------------------------------------------


def reminders_send(*, day: date, agency_ids: Any = None) -> list[Notice]:
    """Remind applicants whose 补正 or payment deadline ends within
    ``GONGKAI_NOTICE_REMIND_DAYS`` working days of ``day`` (第三十条; 国办函〔2020〕
    109号): once per deadline, whatever the number of runs."""
    horizon = work_calendar().nth_after(day, settings.GONGKAI_NOTICE_REMIND_DAYS)
    open_ = Application.objects.select_related("agency")
    if agency_ids is not None:
        open_ = open_.filter(agency_id__in=agency_ids)
    created: list[Notice] = []
    corrections = open_.filter(
        status=ApplicationStatus.AWAITING_CORRECTION,
        correction__correct_by__gte=day,
        correction__correct_by__lte=horizon,
    ).select_related("correction")
    for application in corrections:
        by = application.correction.correct_by
        created += notices_create(
            application=application,
            kind=NoticeKind.CORRECTION_REMINDER,
            key=f"remind:correction:{application.pk}:{by.isoformat()}",
        )
    payments = open_.filter(
        status=ApplicationStatus.AWAITING_PAYMENT,
        fee_notice__pay_by__gte=day,
        fee_notice__pay_by__lte=horizon,
    ).select_related("fee_notice")
    for application in payments:
        by = application.fee_notice.pay_by
        created += notices_create(
            application=application,
            kind=NoticeKind.PAYMENT_REMINDER,
            key=f"remind:payment:{application.pk}:{by.isoformat()}",
        )
    return created


# -- editing the texts --------------------------------------------------------------


@transaction.atomic
def notice_template_save(
    *,
    acting_user: User | None,
    kind: str,
    channel: str,
    subject: str,
    body: str,
    agency: Agency | None = None,
) -> NoticeTemplate:
    """Edit the text of a notice (everyone's default, or one agency's own): an
    agency's texts are its staff's, the default the administrator's."""
    if agency is not None:
        authorize(acting_user, Permission.APPLICATION_HANDLE, agency)
    else:
        authorize(acting_user, Permission.SHARED_TEMPLATE_EDIT)
    if kind not in NoticeKind.values or channel not in Channel.values:
        raise Refused(f"没有这种通知：{kind}（{channel}）。")
    if not body.strip() or (channel == Channel.EMAIL and not subject.strip()):
        raise Refused("邮件通知的主题和正文、短信通知的正文都不能为空。")
    check_text(subject)
    check_text(body)
    template, _created = NoticeTemplate.objects.update_or_create(
        kind=kind,
        channel=channel,
        agency=agency,
        defaults={
            "subject": subject.strip() if channel == Channel.EMAIL else "",
            "body": body.strip(),
            "updated_by": acting_user,
        },
    )
    event_record(
        actor=acting_user,
        verb="notice_template_saved",
        target=template,
        data={"kind": kind, "channel": channel, "agency": getattr(agency, "pk", None)},
    )
    return template
