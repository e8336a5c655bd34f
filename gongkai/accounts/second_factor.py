"""The second factor of staff sign-in: a TOTP code from an authenticator app, or
one of ten recovery codes, each good once (django-otp).

The roles in ``GONGKAI_OTP_REQUIRED_ROLES`` (administrators and office heads by
default: they publish and hold every record) pass it once per session before the
workspace or the admin opens. Someone of such a role without an app yet is sent
to enrolment: a QR code (an inline SVG, no outside service), one code from the app
to confirm it, then the recovery codes, shown once. While DEBUG is on (the
development server and ``make demo``) it is not asked.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .permissions import effective_role
from .security import client_address, refusal_log, security_log

RECOVERY_CODES = 10
# The pages that ask the second factor: the staff workspace and the admin.
STAFF_PAGES = ("workspace:dashboard", "admin:index")


def second_factor_required(user: Any) -> bool:
    """Whether ``user`` must pass the second factor to open a staff page."""
    if settings.DEBUG:
        return False
    return effective_role(user) in settings.GONGKAI_OTP_REQUIRED_ROLES


def _verified(user: Any) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


class SecondFactorMiddleware:
    """Sends a user who must pass the second factor, and has not in this session,
    from a staff page to the code page (or to enrolment, without an app yet)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._prefixes: tuple[str, ...] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path.startswith(self.prefixes())
            and second_factor_required(user)
            and not _verified(user)
        ):
            refusal_log(request, user, f"second factor not passed, page={request.path}")
            has_app = user_has_device(user)
            target = "accounts:otp_verify" if has_app else "accounts:otp_setup"
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(target)}?{query}")
        return self.get_response(request)

    def prefixes(self) -> tuple[str, ...]:
        if self._prefixes is None:
            self._prefixes = tuple(reverse(name) for name in STAFF_PAGES)
        return self._prefixes


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_(
            "The six digits your authenticator app shows now, or one of your "
            "recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True}
        ),
    )


def _next_url(request: HttpRequest) -> str:
    """Where to go once the second factor is passed: ``next`` if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Ask the code of the user's app (or a recovery code) once per session."""
    user = request.user
    if not user_has_device(user):
        return redirect(f"{reverse('accounts:otp_setup')}?{_next_query(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        refusal_log(request, user, "second factor: wrong code")
        form.add_error("token", _("This code is wrong or was used already."))
    return render(
        request,
        "accounts/otp_verify.html",
        {"form": form, "next": _next_url(request)},
    )


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Enrolment: a new secret as a QR code; a code from the app confirms it (and
    replaces any earlier app), and new recovery codes are shown once. Someone who
    has an app or recovery codes passes the second factor first, so a stolen
    password cannot put the thief's phone on the account."""
    user = request.user
    if user_has_device(user) and not _verified(user):
        return redirect(f"{reverse('accounts:otp_verify')}?{_next_query(request)}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="gongkai", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            codes = _enrolment_confirm(user, device)
            otp_login(request, device)
            return render(
                request,
                "accounts/otp_recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "enrolled": True},
            )
        refusal_log(request, user, "second factor enrolment: wrong code")
        form.add_error("token", _("This code is wrong. Check the time on your phone."))
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_svg": _qr_svg(device.config_url),
            "secret": base64.b32encode(device.bin_key).decode(),
        },
    )


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working), for a user who passed the
    second factor in this session; shown once."""
    user = request.user
    if not (user_has_device(user) and _verified(user)):
        return redirect(f"{reverse('accounts:otp_verify')}?{_next_query(request)}")
    if request.method == "POST":
        codes = _recovery_codes_renew(user)
        security_log.info(
            "recovery codes renewed user=%s address=%s",
            user.get_username(),
            client_address(request),
        )
        return render(
            request,
            "accounts/otp_recovery_codes.html",
            {"codes": codes, "next": _next_url(request)},
        )
    return render(request, "accounts/otp_recovery_renew.html")


@transaction.atomic
def _enrolment_confirm(user: Any, device: TOTPDevice) -> list[str]:
    """Confirm the app and replace the user's recovery codes; returns the codes."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return _recovery_codes_renew(user)


@transaction.atomic
def _recovery_codes_renew(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name="recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=recovery, token=code) for code in codes
    )
    return codes


def _qr_svg(url: str) -> str:
    """The QR code of ``url`` as an SVG element, to put in the page as it is."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage)
    return str(image.to_string(encoding="unicode"))


def _next_query(request: HttpRequest) -> str:
    return urlencode({"next": _next_url(request)})
