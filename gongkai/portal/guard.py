"""Protection of the public forms against abuse, with no outside service.

Three guards, each cheap for a person and costly for a robot (peers.md A.7):

- a **challenge**: a small sum written in Chinese numerals ("七加五等于几？"), its
  answer kept in the visitor's session (never in the page), good for one try;
- a **honeypot**: a field hidden from people, which robots fill in; and a form sent
  sooner than ``GONGKAI_CHALLENGE_MIN_SECONDS`` after it was shown;
- a **rate limit**: at most ``GONGKAI_RATE_LIMITS[form]`` submissions an hour from
  one address (counted in Django's cache: per process with the default local
  memory cache; configure a shared cache for several workers, see
  docs/how-to/deploy.md).

The law sets no such limits (第三十五条 deals with excessive requests once
received); they keep the forms usable, and their messages say how to apply
another way.
"""

from __future__ import annotations

import secrets
import time
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _

SESSION_KEY = "gongkai_challenge"
WINDOW_SECONDS = 3600
DIGITS = "零一二三四五六七八九"
LOOPBACK = ("127.0.0.1", "::1")


def challenge_new() -> dict[str, Any]:
    """A question, its answer and when it was asked."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    return {
        "question": f"{DIGITS[a]}加{DIGITS[b]}等于几？",
        "sum": a + b,
        "at": time.time(),
    }


def challenge_problem(challenge: dict[str, Any] | None, answer: Any) -> str | None:
    """Why the answer is refused (a message for the person), or None."""
    if not challenge:
        return "验证题已过期，请重新作答。"
    if time.time() - challenge["at"] < settings.GONGKAI_CHALLENGE_MIN_SECONDS:
        return "提交过快，请稍后再提交。"
    if answer != challenge["sum"]:
        return "验证题答案不正确，请重新计算。"
    return None


class GuardedForm(forms.Form):
    """A public form with the challenge and the honeypot; its ``clean`` refuses a
    robot's submission with a message a person understands. The view passes the
    request (the challenge lives in its session) and calls ``renew_challenge``
    when the form is shown again."""

    challenge_answer = forms.IntegerField(
        label=_("Check question"),
        help_text=_("Write the answer in digits, to show you are not a robot."),
        min_value=0,
        max_value=99,
    )
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        # The sum this submission answers, taken out of the session: good once.
        self.given = request.session.pop(SESSION_KEY, None) if self.is_bound else None
        shown = self.given or self._ask()
        self.fields["challenge_answer"].label = shown["question"]

    def _ask(self) -> dict[str, Any]:
        challenge = challenge_new()
        self.request.session[SESSION_KEY] = challenge
        return challenge

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("website"):
            raise forms.ValidationError("提交未被接受。")
        problem = challenge_problem(self.given, data.get("challenge_answer"))
        if problem:
            self.add_error("challenge_answer", problem)
        return data

    def renew_challenge(self) -> None:
        """Before the form is shown again: a new sum, and the old answer cleared."""
        self.fields["challenge_answer"].label = self._ask()["question"]
        data = cast(QueryDict, self.data).copy()  # a bound form's POST: copy it
        data["challenge_answer"] = ""
        self.data = data


def client_address(request: HttpRequest) -> str:
    """The visitor's address; behind a proxy on this machine (nginx), the last
    address it added to X-Forwarded-For."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote in LOOPBACK and forwarded:
        return forwarded.split(",")[-1].strip()
    return remote


def _key(form: str, request: HttpRequest) -> str:
    return f"gongkai:rate:{form}:{client_address(request)}"


def rate_limited(form: str, request: HttpRequest) -> bool:
    """Whether the visitor used up this hour's submissions of ``form``."""
    limit = settings.GONGKAI_RATE_LIMITS.get(form)
    return limit is not None and cache.get(_key(form, request), 0) >= limit


def rate_count(form: str, request: HttpRequest) -> None:
    """Count one accepted submission of ``form`` from the visitor."""
    key = _key(form, request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS)
