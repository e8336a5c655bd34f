"""Issuing letters (DOCX, GB/T 9704), recording their service (送达), and editing
the templates they come from.

Letters are issued and served by the staff who handle the application
(``application.handle`` on its agency); an agency's own templates are edited by
them too; the default every agency shares only by the administrator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.models import Agency
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused
from gongkai.workdays.arithmetic import day_text

from ..letters.context import letter_context, letter_name
from ..letters.docx import official_letter
from ..letters.templates import (
    REPLY,
    LetterText,
    check_template,
    fill,
    paragraphs,
    reply_key,
    shipped_defaults,
)
from ..models import Application, Delivery, DeliveryMethod, Letter, LetterTemplate


def template_for(key: str, agency: Agency | None) -> LetterText:
    """The agency's own template, else the edited default, else the shipped one."""
    own = LetterTemplate.objects.filter(key=key, agency=agency) if agency else None
    stored = (own.first() if own is not None else None) or (
        LetterTemplate.objects.filter(key=key, agency__isnull=True).first()
    )
    if stored is not None:
        return LetterText(stored.title, stored.body)
    try:
        return shipped_defaults()[key]
    except KeyError:
        raise Refused(f"没有名为 {key} 的信函模板。") from None


@transaction.atomic
def letter_issue(
    *,
    acting_user: User | None,
    application: Application,
    kind: str,
    issued_on: date,
    note: str = "",
) -> Letter:
    """Issue a letter of ``kind`` (a notice, or ``reply`` for the reply of the
    application's outcome) as it stands today, numbered and kept as a DOCX file."""
    authorize(acting_user, Permission.APPLICATION_HANDLE, application.agency)
    key = _key(application, kind)
    agency = Agency.objects.select_for_update().get(pk=application.agency_id)
    context = letter_context(application, kind=kind, issued_on=issued_on, note=note)
    remedies = template_for("remedies", agency)
    context["remedies"] = fill(
        remedies.body, {**context, "letter_name": letter_name(kind)}
    )
    template = template_for(key, agency)
    title = fill(template.title, context).strip()
    body = paragraphs(fill(template.body, context))
    number = _next_number(agency, issued_on.year)
    recipient = context["recipient"]
    content = official_letter(
        number=number,
        title=title,
        recipient=recipient,
        paragraphs=body,
        signer=agency.name,
        date_text=day_text(issued_on),
    )
    letter = Letter(
        application=application,
        key=key,
        number=number,
        recipient=recipient,
        title=title,
        body="\n".join(body),
        issued_on=issued_on,
        issued_by=acting_user,
    )
    letter.file.save(
        f"{application.tracking_number}-{key}.docx", ContentFile(content), save=False
    )
    letter.save()
    event_record(
        actor=acting_user,
        verb="letter_issued",
        target=application,
        data={"letter": letter.pk, "key": key, "number": number},
    )
    return letter


def _key(application: Application, kind: str) -> str:
    if kind == REPLY:
        if not application.outcome:
            raise Refused("申请尚未办结，不能出具答复书。")
        return reply_key(application.outcome)
    if kind not in shipped_defaults() or kind == "remedies":
        raise Refused(f"未知的信函种类：{kind}")
    recorded = _STEP_RECORDED.get(kind)
    if recorded is not None and not recorded(application):
        raise Refused(f"本申请没有可出具“{kind}”信函的办理记录。")
    return kind


# A notice is issued for a step that happened.
_STEP_RECORDED: dict[str, Callable[[Application], bool]] = {
    "correction": lambda a: hasattr(a, "correction"),
    "fee": lambda a: hasattr(a, "fee_notice"),
    "consultation": lambda a: a.consultations.exists(),
    "extension": lambda a: a.extensions.filter(kind="extension").exists(),
    "delay": lambda a: a.extensions.filter(kind="delay").exists(),
    "acknowledgement": lambda a: a.received_on is not None,
}


def _next_number(agency: Agency, year: int) -> str:
    """The agency's next letter number of the year (the agency row is locked)."""
    serial = (
        Letter.objects.filter(application__agency=agency, issued_on__year=year).count()
        + 1
    )
    return settings.GONGKAI_LETTER_NUMBER.format(
        agency=agency.short_name or agency.name, year=year, serial=serial
    )


# 电子送达: by e-mail or on the platform; the letter is served when it reaches the
# applicant's system (``served_electronically``).
ELECTRONIC = frozenset({DeliveryMethod.EMAIL, DeliveryMethod.ONLINE})


def served_electronically(available_at: datetime) -> date:
    """The day an electronically delivered letter counts as served: the day it
    became available to the applicant, plus ``GONGKAI_ELECTRONIC_SERVICE_DAYS``.

    UNVERIFIED: no national rule says when electronic service of a disclosure
    reply is complete. The default (0 days: the day it arrives) follows
    《民事诉讼法》第九十条, under which electronic service is complete on the day
    the document reaches the recipient's system; provincial rules may add days."""
    day = timezone.localdate(available_at)
    return day + timedelta(days=settings.GONGKAI_ELECTRONIC_SERVICE_DAYS)


def _served_electronically(
    letter: Letter, available_at: datetime | None, proof: str
) -> tuple[date, str]:
    """The day an electronic service counts from, and its proof."""
    if available_at is None:
        raise Refused("电子送达请填写信函可供申请人查阅的时间。")
    if timezone.localdate(available_at) < letter.issued_on:
        raise Refused("可查阅时间不能早于出具日期。")
    return served_electronically(available_at), proof


def _posted(
    letter: Letter,
    posted_on: date | None,
    signed_on: date | None,
    tracking_number: str,
    proof: str,
) -> str:
    """The checks of a service by post; its proof."""
    if not tracking_number:
        raise Refused("邮寄送达请填写邮件号。")
    if posted_on is None:
        raise Refused("邮寄送达请填写交寄日期。")
    if posted_on < letter.issued_on:
        raise Refused("交寄日期不能早于出具日期。")
    if signed_on is not None and signed_on < posted_on:
        raise Refused("签收日期不能早于交寄日期。")
    return proof


@transaction.atomic
def delivery_record(
    *,
    acting_user: User | None,
    letter: Letter,
    method: str,
    delivered_on: date | None = None,
    proof: str = "",
    proof_file: UploadedFile[Any] | None = None,
    posted_on: date | None = None,
    tracking_number: str = "",
    available_at: datetime | None = None,
) -> Delivery:
    """Record that a letter was served, how and when, with its proof (送达).

    By post (邮寄): the postal tracking number, the day it was posted and the day
    it was signed for (``delivered_on``). Electronically (电子): the time the letter
    became available; the day it counts as served follows from it. In person or
    otherwise: the day and who signed for it (``proof``). The applicant's time to
    seek review or sue runs from the day served (``remedies``)."""
    application = letter.application
    authorize(acting_user, Permission.APPLICATION_HANDLE, application.agency)
    if method not in DeliveryMethod.values:
        raise Refused(f"未知的送达方式：{method}")
    tracking_number, proof = tracking_number.strip(), proof.strip()
    if method in ELECTRONIC:
        delivered_on, proof = _served_electronically(letter, available_at, proof)
    elif method == DeliveryMethod.POST:
        proof = _posted(letter, posted_on, delivered_on, tracking_number, proof)
    if delivered_on is None:
        raise Refused("请填写送达日期（邮寄为签收日期）。")
    if delivered_on < letter.issued_on:
        raise Refused("送达日期不能早于出具日期。")
    if not proof and method not in ELECTRONIC and method != DeliveryMethod.POST:
        # By post the tracking number, electronically the time of availability is
        # the proof; otherwise who signed for it, or the receipt's number.
        raise Refused("请填写送达凭证，如签收人或送达回证编号。")
    delivery = Delivery(
        letter=letter,
        method=method,
        delivered_on=delivered_on,
        proof=proof,
        posted_on=posted_on if method == DeliveryMethod.POST else None,
        tracking_number=tracking_number if method == DeliveryMethod.POST else "",
        available_at=available_at if method in ELECTRONIC else None,
        recorded_by=acting_user,
    )
    if proof_file is not None:
        name = proof_file.name or f"{letter.number}-送达凭证"
        delivery.proof_file.save(name, proof_file, save=False)
    delivery.save()
    event_record(
        actor=acting_user,
        verb="letter_delivered",
        target=application,
        data={
            "letter": letter.pk,
            "number": letter.number,
            "method": method,
            "delivered_on": delivered_on.isoformat(),
            "proof": delivery.proof,
        },
    )
    return delivery


@transaction.atomic
def letter_template_save(
    *,
    acting_user: User | None,
    key: str,
    title: str,
    body: str,
    agency: Agency | None = None,
) -> LetterTemplate:
    """Edit a letter template (everyone's default, or one agency's own)."""
    _may_edit_templates(acting_user, agency)
    if key not in shipped_defaults():
        raise Refused(f"没有名为 {key} 的信函模板。")
    if not title.strip() or not body.strip():
        raise Refused("信函模板的标题和正文都不能为空。")
    check_template(title)
    check_template(body)
    template, created = LetterTemplate.objects.update_or_create(
        key=key,
        agency=agency,
        defaults={
            "title": title.strip(),
            "body": body.strip(),
            "updated_by": acting_user,
        },
    )
    event_record(
        actor=acting_user,
        verb="letter_template_saved",
        target=template,
        data={"key": key, "agency": getattr(agency, "pk", None), "created": created},
    )
    return template


def _may_edit_templates(user: User | None, agency: Agency | None) -> None:
    """An agency's own templates are its staff's; the default every agency shares
    is the administrator's (whose scope is every agency) or the system's."""
    if agency is not None:
        authorize(user, Permission.APPLICATION_HANDLE, agency)
        return
    authorize(user, Permission.SHARED_TEMPLATE_EDIT)
