"""Issuing letters (DOCX, GB/T 9704), recording their service (送达), and editing
the templates they come from.

Letters are issued and served by the staff who handle the application
(``application.handle`` on its agency); an agency's own templates are edited by
them too; the default every agency shares only by the administrator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

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


@transaction.atomic
def delivery_record(
    *,
    acting_user: User | None,
    letter: Letter,
    method: str,
    delivered_on: date,
    proof: str,
    proof_file: UploadedFile[Any] | None = None,
) -> Delivery:
    """Record that a letter was served, how and when, with its proof (送达)."""
    application = letter.application
    authorize(acting_user, Permission.APPLICATION_HANDLE, application.agency)
    if method not in DeliveryMethod.values:
        raise Refused(f"未知的送达方式：{method}")
    if delivered_on < letter.issued_on:
        raise Refused("送达日期不能早于出具日期。")
    if not proof.strip():
        raise Refused("请填写送达凭证，如邮件号、签收人或电子送达回执。")
    delivery = Delivery(
        letter=letter,
        method=method,
        delivered_on=delivered_on,
        proof=proof.strip(),
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
