"""Idle sessions end, and staff passwords are long enough."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

pytestmark = pytest.mark.django_db

DASHBOARD = "/workspace/"


def test_an_idle_session_ends(client, staff_user):
    now = timezone.now()
    idle = timedelta(minutes=settings.GONGKAI_SESSION_IDLE_MINUTES)
    with time_machine.travel(now, tick=False):
        client.force_login(staff_user)
        assert client.get(DASHBOARD).status_code == 200
    with time_machine.travel(now + idle + timedelta(minutes=1), tick=False):
        response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_session_in_use_goes_on(client, staff_user):
    """The idle period counts from the last page, not from the sign-in."""
    now = timezone.now()
    step = timedelta(minutes=settings.GONGKAI_SESSION_IDLE_MINUTES * 2 / 3)
    with time_machine.travel(now, tick=False):
        client.force_login(staff_user)
    for n in (1, 2, 3):
        with time_machine.travel(now + n * step, tick=False):
            assert client.get(DASHBOARD).status_code == 200


def test_the_idle_period_is_thirty_minutes_by_default():
    assert settings.GONGKAI_SESSION_IDLE_MINUTES == 30


def test_a_sign_in_through_the_page_ends_when_idle_too(client, staff_user):
    """The session a sign-in opens is the short one from its first response."""
    staff_user.set_password("a-long-password")
    staff_user.save()
    now = timezone.now()
    idle = timedelta(minutes=settings.GONGKAI_SESSION_IDLE_MINUTES)
    with time_machine.travel(now, tick=False):
        client.post(
            "/accounts/login/", {"username": "wang", "password": "a-long-password"}
        )
    with time_machine.travel(now + idle + timedelta(minutes=1), tick=False):
        assert client.get(DASHBOARD).status_code == 302


def test_a_visitor_who_never_signed_in_keeps_a_long_session(client):
    """A citizen halfway through a form is not cut off after the staff's idle
    period: only signed-in sessions are short."""
    client.get("/")
    session = client.session
    session["draft"] = "half a form"
    session.save()
    now = timezone.now()
    idle = timedelta(minutes=settings.GONGKAI_SESSION_IDLE_MINUTES)
    with time_machine.travel(now + idle * 2, tick=False):
        assert client.session.get("draft") == "half a form"


@pytest.mark.parametrize(
    "password",
    ["Gk7#q2w9z", "1234567890123", "password123", "wangxiaoming1"],
    ids=["nine characters", "digits only", "common", "like the name"],
)
def test_a_weak_password_is_refused(password, staff_user):
    staff_user.username = "wangxiaoming"
    with pytest.raises(ValidationError):
        validate_password(password, staff_user)


def test_a_ten_character_password_is_accepted(staff_user):
    validate_password("Gk7#q2w9zX", staff_user)
