"""The e-mails a 督办 sends to staff: the unit's office heads when one is issued
or an answer is sent back, the supervisor who issued it when the unit answers.

``gongkai.notices`` follows the events (``directive_mails_for_event``) and these
are sent once the step's transaction commits; a mail that cannot be sent is
logged, the directive stands (the unit sees it on its dashboard anyway).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse

from gongkai.accounts.models import User
from gongkai.workdays.arithmetic import day_text

from .models import Directive

logger = logging.getLogger("gongkai.directives")


def _link(directive: Directive) -> str:
    base = settings.GONGKAI_PUBLIC_URL.rstrip("/")
    path = reverse("workspace:directive", args=[directive.pk])
    return f"{base}{path}" if base else path


def _office_heads(directive: Directive) -> list[str]:
    heads = User.objects.filter(
        agency_id=directive.agency_id, role=User.Role.OFFICE_HEAD, is_active=True
    ).exclude(email="")
    return [u.email for u in heads]


def directive_mails(
    directive: Directive, verb: str, data: dict[str, Any]
) -> list[EmailMessage]:
    """The mails one step of a directive sends (none for a step no one is told
    of, or when no one has an address)."""
    about = directive.target_label
    if verb == "directive_issued":
        to = _office_heads(directive)
        subject = f"督办通知：{about}"
        body = (
            f"{directive.agency.name}政府信息公开工作机构：\n\n"
            f"上级主管部门就{about}向你单位发出督办：\n\n{directive.text}\n\n"
            f"请于{day_text(directive.respond_by)}前答复：{_link(directive)}\n"
        )
    elif verb == "directive_sent_back":
        to = _office_heads(directive)
        subject = f"督办答复被退回：{about}"
        body = (
            f"{directive.agency.name}政府信息公开工作机构：\n\n"
            f"你单位对{about}督办的答复被退回，理由：{data.get('reason', '')}\n\n"
            f"请于{day_text(directive.respond_by)}前重新答复：{_link(directive)}\n"
        )
    elif verb == "directive_answered":
        issuer = directive.issued_by
        to = [issuer.email] if issuer is not None and issuer.email else []
        subject = f"督办已答复：{about}"
        body = f"{directive.agency.name}已答复{about}的督办：{_link(directive)}\n"
    else:
        return []
    return [EmailMessage(subject, body, to=to)] if to else []


def directive_mails_on_commit(
    directive: Directive, verb: str, data: dict[str, Any]
) -> None:
    """Word the step's mails now, send them once the step commits."""
    mails = directive_mails(directive, verb, data)
    if mails:
        transaction.on_commit(lambda: _send(mails))


def _send(mails: list[EmailMessage]) -> None:
    for mail in mails:
        try:
            mail.send()
        except Exception:  # a mail server down must not undo the step
            logger.exception("directive mail not sent: %s", mail.subject)
