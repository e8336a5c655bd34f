"""Who may open the admin: administrators only, whatever ``is_staff`` says."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from gongkai.accounts.models import User
from gongkai.testing import factories

pytestmark = pytest.mark.django_db

# Pages of several rooms: the index, a list, a record's form and the audit log.
PAGES = [
    "admin:index",
    "admin:applications_applicant_changelist",
    "admin:agencies_agency_add",
    "admin:core_event_changelist",
]


def _signed_in(client, **fields):
    user = factories.UserFactory(is_staff=True, **fields)
    client.force_login(user)
    return user


def _refused(response) -> bool:
    """Django's admin sends a user it does not let in to its sign-in page."""
    return response.status_code == 302 and response.url.startswith(
        reverse("admin:login")
    )


@pytest.mark.parametrize(
    "role",
    [
        User.Role.STAFF,
        User.Role.REVIEWER,
        User.Role.OFFICE_HEAD,
        User.Role.SUPERVISOR,
    ],
)
@pytest.mark.parametrize("page", PAGES)
def test_the_admin_refuses_every_role_but_the_administrator(client, agency, role, page):
    """Agency staff, reviewers, office heads and supervisors work in the
    workspace; with ``is_staff`` and every model permission they are still sent to
    the admin's sign-in."""
    user = _signed_in(client, role=role, agency=agency)
    user.user_permissions.add(*Permission.objects.all())
    assert _refused(client.get(reverse(page)))


def test_an_administrator_opens_the_admin(client):
    """The site lets an administrator in, and the role holds every model's
    permission (``accounts.backends``): no grants to keep in step by hand."""
    _signed_in(client, role=User.Role.ADMINISTRATOR)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert reverse("admin:applications_applicant_changelist") in index.content.decode()
    url = reverse("admin:applications_applicant_changelist")
    assert client.get(url).status_code == 200
    assert client.get(reverse("admin:core_event_changelist")).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_a_superuser_opens_the_admin_whatever_its_role(client, agency, page):
    """A Django superuser acts as an administrator (``effective_role``)."""
    _signed_in(client, role=User.Role.STAFF, agency=agency, is_superuser=True)
    assert client.get(reverse(page)).status_code == 200


def test_an_administrator_without_is_staff_is_refused(client):
    """``is_staff`` stays Django's switch for the admin: the role alone does not
    open it."""
    client.force_login(factories.UserFactory(role=User.Role.ADMINISTRATOR))
    assert _refused(client.get(reverse("admin:index")))


def test_the_sign_in_page_tells_a_staff_member_the_admin_is_not_theirs(client, agency):
    user = _signed_in(client, role=User.Role.OFFICE_HEAD, agency=agency)
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert user.username in response.content.decode()
