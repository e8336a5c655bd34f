"""Signing in and out."""

import pytest
from django.urls import reverse

from gongkai.testing import factories

pytestmark = pytest.mark.django_db


def test_staff_sign_in_and_land_on_their_dashboard(client):
    user = factories.UserFactory(username="li")
    user.set_password("a-long-password")
    user.save()
    response = client.post(
        reverse("accounts:login"), {"username": "li", "password": "a-long-password"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:dashboard")


def test_a_wrong_password_is_refused_with_a_message(client):
    factories.UserFactory(username="li")
    response = client.post(
        reverse("accounts:login"), {"username": "li", "password": "wrong"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_an_overlong_user_name_is_refused_as_a_wrong_one(client):
    """A user name longer than any account's is a form error, not a 500 (on
    PostgreSQL the record of the failed attempt could not hold it)."""
    response = client.post(
        reverse("accounts:login"), {"username": "x" * 10_000, "password": "wrong"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["username"]


def test_a_visitor_asking_for_a_staff_page_is_sent_to_sign_in(client):
    response = client.get(reverse("workspace:applications"))
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=/workspace/applications/" in response["Location"]


def test_signing_out_takes_a_post_and_ends_the_session(client):
    user = factories.UserFactory(username="li")
    client.force_login(user)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("workspace:dashboard")).status_code == 302
