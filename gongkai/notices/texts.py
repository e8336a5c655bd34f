"""The texts of notices: those gongkai ships (``defaults.yaml``), the ones staff
edited (``NoticeTemplate``), and filling one in.

Texts are Django templates over plain text, with the letters' engine
(``applications.letters.templates``): no HTML escaping, ``{{ name }}`` filled in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.db.models import Q
from django.template import TemplateSyntaxError

from gongkai.agencies.models import Agency
from gongkai.applications.letters.templates import fill
from gongkai.core.workflow import Refused

from .models import Channel, NoticeTemplate

DEFAULTS_FILE = Path(__file__).with_name("defaults.yaml")


@dataclass(frozen=True)
class NoticeText:
    subject: str
    body: str


@cache
def shipped_defaults() -> dict[tuple[str, str], NoticeText]:
    """Every text gongkai ships, by (kind, channel)."""
    data = yaml.safe_load(DEFAULTS_FILE.read_text(encoding="utf-8"))
    texts: dict[tuple[str, str], NoticeText] = {}
    for kind, entry in data.items():
        texts[(kind, Channel.EMAIL)] = NoticeText(entry["subject"], entry["email"])
        texts[(kind, Channel.SMS)] = NoticeText("", entry["sms"])
    return texts


def text_for(kind: str, channel: str, agency: Agency | None) -> NoticeText:
    """The agency's own text, else the edited default, else the shipped one."""
    whose = Q(agency__isnull=True) | (Q(agency=agency) if agency else Q())
    stored = NoticeTemplate.objects.filter(whose, kind=kind, channel=channel)
    best = min(stored, key=lambda t: t.agency_id is None, default=None)
    if best is not None:
        return NoticeText(best.subject, best.body)
    return shipped_defaults()[(kind, channel)]


def render(text: NoticeText, context: dict[str, Any]) -> NoticeText:
    """The subject on one line; the body without runs of blank lines."""
    subject = " ".join(fill(text.subject, context).split())
    lines = [line.rstrip() for line in fill(text.body, context).strip().splitlines()]
    body: list[str] = []
    for line in lines:
        if line or (body and body[-1]):
            body.append(line)
    return NoticeText(subject, "\n".join(body).strip())


def check_text(text: str) -> None:
    """Refuse a text that does not compile, saying where it goes wrong."""
    try:
        fill(text, {})
    except TemplateSyntaxError as exc:
        raise Refused(f"通知模板有语法错误：{exc}") from exc
