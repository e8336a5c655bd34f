"""Failed sign-ins lock a user name out from an address (django-axes), and every
sign-in, sign-out and refusal is written to the security log."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from gongkai.testing import factories

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password"


@pytest.fixture
def li(agency):
    user = factories.UserFactory(username="li", agency=agency)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, password, address="203.0.113.7"):
    return client.post(
        reverse("accounts:login"),
        {"username": "li", "password": password},
        REMOTE_ADDR=address,
    )


def signed_in(client) -> bool:
    return client.get(reverse("workspace:dashboard")).status_code == 200


def test_the_41st_attempt_is_refused_even_with_the_right_password(client, li):
    """Finding 7: 40 wrong passwords, then the right one, and the door stays shut,
    with a page that says why."""
    for _ in range(40):
        sign_in(client, "wrong-password")
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert not signed_in(client)


def test_the_lock_holds_from_the_failure_limit_on(client, li):
    """The attempt after the limit's wrong passwords is already refused."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong-password")
    assert sign_in(client, PASSWORD).status_code == 429


def test_fewer_wrong_passwords_than_the_limit_do_not_lock(client, li):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong-password").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_lock_is_for_that_address_only(client, li):
    """Someone guessing from one address does not shut the user out elsewhere."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong-password", address="203.0.113.7")
    assert sign_in(client, PASSWORD, address="198.51.100.20").status_code == 302


def test_behind_the_local_proxy_the_forwarded_address_is_locked(client, li):
    """Behind nginx on the unix socket (no peer address), the lock falls on the
    address nginx forwarded, so one visitor does not lock out everybody."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:login"),
            {"username": "li", "password": "wrong-password"},
            REMOTE_ADDR="",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    response = client.post(
        reverse("accounts:login"),
        {"username": "li", "password": PASSWORD},
        REMOTE_ADDR="",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert response.status_code == 302


def test_the_lock_expires_after_the_cool_off(client, li):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, "wrong-password")
        assert sign_in(client, PASSWORD).status_code == 429
    later = now + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        assert sign_in(client, PASSWORD).status_code == 302
        assert signed_in(client)


def test_sign_in_refusals_and_sign_out_are_in_the_security_log(client, li, caplog):
    caplog.set_level(logging.INFO, logger="gongkai.security")
    sign_in(client, "wrong-password")
    sign_in(client, PASSWORD)
    client.post(reverse("accounts:logout"), REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong-password")
    lines = [r.getMessage() for r in caplog.records if r.name == "gongkai.security"]
    assert "sign-in refused user=li address=203.0.113.7" in lines
    assert "sign-in user=li address=203.0.113.7" in lines
    assert "sign-out user=li address=203.0.113.7" in lines
    assert "sign-in locked out user=li address=203.0.113.7" in lines
    assert not any(PASSWORD in line or "wrong-password" in line for line in lines)


def test_a_page_refused_to_a_role_is_in_the_security_log(client, agency, caplog):
    """Staff may not sign off a report; the refusal is logged with the user
    name."""
    from gongkai.accounts.permissions import NotPermitted, authorize

    user = factories.UserFactory(username="zhao", agency=agency)
    caplog.set_level(logging.WARNING, logger="gongkai.security")
    with pytest.raises(NotPermitted):
        authorize(user, "report.sign_off")
    assert any(
        "refused permission=report.sign_off user=zhao" in r.getMessage()
        for r in caplog.records
    )


def test_the_admin_sign_in_page_locks_out_too(client, agency):
    admin = factories.UserFactory(
        username="root", role="administrator", is_staff=True, agency=agency
    )
    admin.set_password(PASSWORD)
    admin.save()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "root", "password": "wrong-password"})
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302
