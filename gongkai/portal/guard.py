"""Protection of the public forms against abuse, with no outside service.

Three guards, each cheap for a person and costly for a robot (peers.md A.7):

- a **challenge**: a small sum written in Chinese numerals ("七加五等于几？"), its
  answer kept in the visitor's session (never in the page), good for one try;
- a **honeypot**: a field hidden from people, which robots fill in; and a form sent
  sooner than ``GONGKAI_CHALLENGE_MIN_SECONDS`` after it was shown;
- a **rate limit**: at most ``GONGKAI_RATE_LIMITS[form]`` submissions an hour from
  one address (``gongkai.core.clients``: behind a trusted proxy, the address it
  forwards), counted atomically in the ``limits`` cache, which every worker shares
  (the database, or Redis; docs/how-to/deploy.md). A refusal is logged to
  ``gongkai.security`` with the address.

And one guard against accidents: every form carries a **one-time token**, used up
in the same transaction as the record it creates (``submit_once``), so a double
click or a replayed POST stores one record and shows the same result. Tokens are
kept ``GONGKAI_SUBMISSION_TOKEN_DAYS`` days (``gongkai prune-tokens``, daily).

The law sets no such limits (第三十五条 deals with excessive requests once
received); they keep the forms usable, and their messages say how to apply
another way.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.clients import client_address

from .models import SubmissionToken

SESSION_KEY = "gongkai_challenge"
WINDOW_SECONDS = 3600
DIGITS = "零一二三四五六七八九"
TOKEN_FIELD = "submission_token"
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")
security_log = logging.getLogger("gongkai.security")


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
    submission_token = forms.CharField(
        required=False, max_length=64, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        # The sum this submission answers, taken out of the session: good once.
        self.given = request.session.pop(SESSION_KEY, None) if self.is_bound else None
        shown = self.given or self._ask()
        self.fields["challenge_answer"].label = shown["question"]
        if not self.is_bound:
            self.fields[TOKEN_FIELD].initial = token_new()

    def _ask(self) -> dict[str, Any]:
        challenge = challenge_new()
        self.request.session[SESSION_KEY] = challenge
        return challenge

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("website"):
            raise forms.ValidationError("提交未被接受。")
        if not TOKEN_PATTERN.fullmatch(data.get(TOKEN_FIELD) or ""):
            raise forms.ValidationError("表单已失效，请刷新页面后重新填写。")
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


def token_new() -> str:
    """A form's one-time token: unguessable, so only its sender can replay it."""
    return secrets.token_urlsafe(32)


def token_of(request: HttpRequest) -> str:
    """The one-time token a POST carries ("" when it has none worth looking up)."""
    token = str(request.POST.get(TOKEN_FIELD, ""))
    return token if TOKEN_PATTERN.fullmatch(token) else ""


def submitted_earlier(form: str, token: str) -> str | None:
    """The reference of the record this token already created, if any."""
    if not token:
        return None
    return (
        SubmissionToken.objects.filter(form=form, token=token)
        .values_list("reference", flat=True)
        .first()
    )


def submit_once(form: str, token: str, create: Callable[[], str]) -> str:
    """Run ``create`` (it writes a record and returns its reference) unless this
    token already did; either way, the reference. The token is used up in the same
    transaction as the record: two submissions of one form, even at the same
    moment in two workers, store one record."""
    try:
        with transaction.atomic():
            # SQLite: the transaction holds the write lock (IMMEDIATE), so this
            # look-up is exact. PostgreSQL: a concurrent twin is caught below.
            earlier = submitted_earlier(form, token)
            if earlier is not None:
                return earlier
            reference = create()
            SubmissionToken.objects.create(form=form, token=token, reference=reference)
            return reference
    except IntegrityError:
        # The other submission of this token committed first; this one's record
        # went with the rolled-back transaction.
        earlier = submitted_earlier(form, token)
        if earlier is None:
            raise
        return earlier


def submission_tokens_prune(*, now: datetime | None = None) -> int:
    """Delete the one-time tokens older than ``GONGKAI_SUBMISSION_TOKEN_DAYS``
    days; how many. Housekeeping of the site's own table, like Django's
    ``clearsessions``: no ledger record changes, so no event is written. The
    records the tokens created stay; only their replay guard goes."""
    days = settings.GONGKAI_SUBMISSION_TOKEN_DAYS
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _ = SubmissionToken.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _key(form: str, request: HttpRequest) -> str:
    return f"gongkai:rate:{form}:{client_address(request)}"


def rate_limited(form: str, request: HttpRequest) -> bool:
    """Whether the visitor used up this hour's submissions of ``form``."""
    limit = settings.GONGKAI_RATE_LIMITS.get(form)
    return limit is not None and caches["limits"].get(_key(form, request), 0) >= limit


def rate_take(form: str, request: HttpRequest) -> bool:
    """Count one submission of ``form`` from the visitor, atomically for all
    workers; False (and a line in the security log) when it is over the limit."""
    limit = settings.GONGKAI_RATE_LIMITS.get(form)
    if limit is None:
        return True
    count = _count(_key(form, request))
    if count > limit:
        rate_refused(form, request)
        return False
    return True


def rate_refused(form: str, request: HttpRequest) -> None:
    """Log a submission refused by the limit."""
    security_log.warning(
        "rate limit: %s refused from %s (%s an hour)",
        form,
        client_address(request),
        settings.GONGKAI_RATE_LIMITS.get(form),
    )


def _count(key: str) -> int:
    limits = caches["limits"]
    if limits.add(key, 1, WINDOW_SECONDS):
        return 1
    try:
        return int(limits.incr(key))
    except ValueError:  # expired between add and incr: a new window
        limits.add(key, 1, WINDOW_SECONDS)
        return 1
