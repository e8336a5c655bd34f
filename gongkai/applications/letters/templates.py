"""Which letters there are, the texts gongkai ships, and filling a template in.

A template is Django template language over plain text (no HTML escaping): staff
write ``{{ due_on }}`` and ``{% if note %}…{% endif %}``. A rendered letter is a list
of paragraphs: each non-empty line of the result is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError

DEFAULTS_FILE = Path(__file__).with_name("defaults.yaml")
REPLY = "reply"
REMEDIES = "remedies"
# Letters issued for a step of the procedure (a reply's key is ``reply.<outcome>``).
NOTICE_KEYS = (
    "acknowledgement",
    "correction",
    "extension",
    "delay",
    "consultation",
    "fee",
)

_ENGINE = Engine(autoescape=False, debug=False)


@dataclass(frozen=True)
class LetterText:
    title: str
    body: str


def reply_key(outcome: str) -> str:
    return f"{REPLY}.{outcome}"


@cache
def shipped_defaults() -> dict[str, LetterText]:
    """Every template gongkai ships, by key; replies assembled from the opening,
    the outcome's own paragraph and the remedies."""
    data = yaml.safe_load(DEFAULTS_FILE.read_text(encoding="utf-8"))
    defaults = {
        key: LetterText(data[key]["title"], data[key]["body"])
        for key in (*NOTICE_KEYS, REMEDIES)
    }
    for outcome, middle in data["replies"].items():
        body = f"{data['reply_opening']}\n\n{middle}\n\n{{{{ remedies }}}}"
        defaults[reply_key(outcome)] = LetterText(data["reply_title"], body)
    return defaults


def check_template(body: str) -> None:
    """Refuse a template that does not compile, saying where it goes wrong."""
    try:
        _ENGINE.from_string(body)
    except TemplateSyntaxError as exc:
        raise ValidationError(f"信函模板有语法错误：{exc}") from exc


def fill(body: str, context: dict[str, Any]) -> str:
    return _ENGINE.from_string(body).render(Context(context, autoescape=False))


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
