"""The second factor: administrators and office heads give a TOTP code (or a
recovery code, once) before the workspace or the admin opens."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.models import User
from gongkai.testing import factories

pytestmark = pytest.mark.django_db

DASHBOARD = "/workspace/"


@pytest.fixture(autouse=True)
def second_factor_on(settings):
    settings.GONGKAI_OTP_REQUIRED_ROLES = ["administrator", "office_head"]


@pytest.fixture
def head(agency):
    return factories.UserFactory(
        username="head", role=User.Role.OFFICE_HEAD, agency=agency
    )


def code_of(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def with_next(name: str, target: str = DASHBOARD) -> str:
    return f"{reverse(name)}?{urlencode({'next': target})}"


def test_an_office_head_without_an_app_is_sent_to_enrolment(client, head):
    client.force_login(head)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == with_next("accounts:otp_setup")


def test_agency_staff_are_not_asked(client, staff_user):
    client.force_login(staff_user)
    assert client.get(DASHBOARD).status_code == 200


def test_no_role_is_asked_when_the_setting_is_empty(client, head, settings):
    settings.GONGKAI_OTP_REQUIRED_ROLES = []
    client.force_login(head)
    assert client.get(DASHBOARD).status_code == 200


def test_the_admin_asks_an_administrator_too(client):
    admin = factories.UserFactory(
        username="root", role=User.Role.ADMINISTRATOR, is_staff=True
    )
    client.force_login(admin)
    response = client.get("/admin/")
    assert response["Location"] == with_next("accounts:otp_setup", "/admin/")


def test_enrolment_shows_a_qr_code_then_recovery_codes_and_opens_the_workspace(
    client, head
):
    client.force_login(head)
    page = client.get(with_next("accounts:otp_setup"))
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=head)
    assert page.context["secret"] in page.content.decode()
    response = client.post(
        reverse("accounts:otp_setup"), {"token": code_of(device), "next": DASHBOARD}
    )
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert client.get(DASHBOARD).status_code == 200


def test_enrolment_refuses_a_wrong_code(client, head):
    client.force_login(head)
    client.get(reverse("accounts:otp_setup"))
    response = client.post(reverse("accounts:otp_setup"), {"token": "000000"})
    assert response.context["form"].errors["token"]
    assert client.get(DASHBOARD).status_code == 302
    assert not TOTPDevice.objects.filter(user=head, confirmed=True).exists()


def test_with_an_app_a_valid_code_opens_the_workspace_and_a_wrong_one_does_not(
    client, head
):
    device = TOTPDevice.objects.create(user=head, name="phone", confirmed=True)
    client.force_login(head)
    assert client.get(DASHBOARD)["Location"] == with_next("accounts:otp_verify")
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        wrong = client.post(
            reverse("accounts:otp_verify"), {"token": "12345", "next": DASHBOARD}
        )
        assert wrong.status_code == 200
        assert wrong.context["form"].errors["token"]
        assert client.get(DASHBOARD).status_code == 302
    # django-otp slows guessing down: the next try waits a second after a failure.
    with time_machine.travel(now + timedelta(seconds=5), tick=False):
        right = client.post(
            reverse("accounts:otp_verify"),
            {"token": code_of(device), "next": DASHBOARD},
        )
        assert right["Location"] == DASHBOARD
        assert client.get(DASHBOARD).status_code == 200


def test_the_second_factor_lasts_for_the_session_only(client, head):
    device = TOTPDevice.objects.create(user=head, name="phone", confirmed=True)
    client.force_login(head)
    client.post(reverse("accounts:otp_verify"), {"token": code_of(device)})
    assert client.get(DASHBOARD).status_code == 200
    client.post(reverse("accounts:logout"))
    client.force_login(head)
    assert client.get(DASHBOARD).status_code == 302


def test_a_recovery_code_works_once(client, head, django_user_model):
    TOTPDevice.objects.create(user=head, name="phone", confirmed=True)
    recovery = StaticDevice.objects.create(user=head, name="recovery codes")
    recovery.token_set.create(token="k7m2p9q4")
    client.force_login(head)
    response = client.post(
        reverse("accounts:otp_verify"), {"token": "k7m2p9q4", "next": DASHBOARD}
    )
    assert response["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200

    client.post(reverse("accounts:logout"))
    client.force_login(head)
    again = client.post(
        reverse("accounts:otp_verify"), {"token": "k7m2p9q4", "next": DASHBOARD}
    )
    assert again.status_code == 200
    assert client.get(DASHBOARD).status_code == 302


def test_someone_with_an_app_cannot_enrol_another_without_its_code(client, head):
    """A stolen password is not enough to put the thief's phone on the account."""
    TOTPDevice.objects.create(user=head, name="phone", confirmed=True)
    client.force_login(head)
    response = client.get(reverse("accounts:otp_setup"))
    assert response["Location"].startswith(reverse("accounts:otp_verify"))


def test_the_code_page_does_not_send_elsewhere_than_this_site(client, head):
    device = TOTPDevice.objects.create(user=head, name="phone", confirmed=True)
    client.force_login(head)
    response = client.post(
        reverse("accounts:otp_verify"),
        {"token": code_of(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == DASHBOARD


def test_the_development_server_does_not_ask(client, head, settings):
    """With DEBUG on (the development server, `make demo`) the demo's office head
    and administrator sign in with their password alone."""
    settings.DEBUG = True
    client.force_login(head)
    assert client.get(DASHBOARD).status_code == 200


def test_a_wrong_code_is_in_the_security_log(client, head, caplog):
    TOTPDevice.objects.create(user=head, name="phone", confirmed=True)
    client.force_login(head)
    caplog.set_level("WARNING", logger="gongkai.security")
    client.post(reverse("accounts:otp_verify"), {"token": "000000"})
    assert any(
        "refused second factor: wrong code user=head" in r.getMessage()
        for r in caplog.records
    )


def test_new_recovery_codes_replace_the_old_ones(client, head):
    device = TOTPDevice.objects.create(user=head, name="phone", confirmed=True)
    recovery = StaticDevice.objects.create(user=head, name="recovery codes")
    recovery.token_set.create(token="oldcode1")
    client.force_login(head)
    assert client.get(reverse("accounts:otp_recovery_codes")).status_code == 302
    client.post(reverse("accounts:otp_verify"), {"token": code_of(device)})
    response = client.post(reverse("accounts:otp_recovery_codes"))
    codes = response.context["codes"]
    assert len(codes) == 10

    client.post(reverse("accounts:logout"))
    client.force_login(head)
    client.post(reverse("accounts:otp_verify"), {"token": "oldcode1"})
    assert client.get(DASHBOARD).status_code == 302
    with time_machine.travel(timezone.now() + timedelta(seconds=5), tick=False):
        client.post(reverse("accounts:otp_verify"), {"token": codes[0]})
        assert client.get(DASHBOARD).status_code == 200


def test_a_lost_phone_is_replaced_after_a_recovery_code(client, head):
    """With a recovery code the user opens enrolment again; the new app replaces
    the lost one."""
    lost = TOTPDevice.objects.create(user=head, name="phone", confirmed=True)
    recovery = StaticDevice.objects.create(user=head, name="recovery codes")
    recovery.token_set.create(token="k7m2p9q4")
    client.force_login(head)
    client.post(reverse("accounts:otp_verify"), {"token": "k7m2p9q4"})
    assert client.get(reverse("accounts:otp_setup")).status_code == 200
    new = TOTPDevice.objects.get(user=head, confirmed=False)
    response = client.post(reverse("accounts:otp_setup"), {"token": code_of(new)})
    assert len(response.context["codes"]) == 10
    assert list(TOTPDevice.objects.filter(user=head)) == [new]
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
