"""The permission rules: what each role may do, and on which agency's records."""

import pytest

from gongkai.accounts.models import User
from gongkai.accounts.permissions import (
    Permission,
    agencies_in_scope,
    can,
    effective_role,
    in_scope,
)
from gongkai.agencies.models import Agency
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    """A county with two departments, and a second county beside it."""
    county = factories.AgencyFactory(name="甲县人民政府", kind=Agency.Kind.GOVERNMENT)
    a = factories.AgencyFactory(name="甲县民政局", parent=county)
    b = factories.AgencyFactory(name="甲县教育局", parent=county)
    elsewhere = factories.AgencyFactory(name="乙县民政局")
    return {"county": county, "a": a, "b": b, "elsewhere": elsewhere}


def _user(role, agency=None, **extra):
    return factories.UserFactory(role=role, agency=agency, **extra)


@pytest.mark.parametrize(
    ("role", "home", "reaches"),
    [
        (User.Role.STAFF, "a", {"a"}),
        (User.Role.REVIEWER, "a", {"a"}),
        (User.Role.OFFICE_HEAD, "a", {"a"}),
        (User.Role.SUPERVISOR, "county", {"county", "a", "b"}),
        (User.Role.ADMINISTRATOR, None, {"county", "a", "b", "elsewhere"}),
        (User.Role.STAFF, None, set()),  # staff with no agency reach nothing
    ],
)
def test_each_role_reaches_its_own_agencies_only(tree, role, home, reaches):
    user = _user(role, tree[home] if home else None)
    assert {k for k, agency in tree.items() if in_scope(user, agency)} == reaches
    assert set(agencies_in_scope(user)) == {tree[k] for k in reaches}


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        (User.Role.STAFF, Permission.APPLICATION_HANDLE, True),
        (User.Role.STAFF, Permission.APPLICATION_APPROVE, False),
        (User.Role.STAFF, Permission.REPORT_SIGN_OFF, False),
        (User.Role.REVIEWER, Permission.REPORT_CORRECT, False),
        (User.Role.OFFICE_HEAD, Permission.APPLICATION_APPROVE, True),
        (User.Role.OFFICE_HEAD, Permission.REPORT_SIGN_OFF, True),
        (User.Role.OFFICE_HEAD, Permission.REGION_SUPERVISE, False),
        (User.Role.SUPERVISOR, Permission.APPLICATION_VIEW, True),
        (User.Role.SUPERVISOR, Permission.APPLICATION_HANDLE, False),
        (User.Role.SUPERVISOR, Permission.REGION_SUPERVISE, True),
        (User.Role.ADMINISTRATOR, Permission.REPORT_CORRECT, True),
    ],
)
def test_each_role_grants_its_actions(tree, role, action, allowed):
    home = tree["county"] if role == User.Role.SUPERVISOR else tree["a"]
    assert can(_user(role, home), action, tree["a"]) is allowed


def test_the_public_and_disabled_accounts_may_do_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    disabled = _user(User.Role.OFFICE_HEAD, tree["a"], is_active=False)
    for nobody in (AnonymousUser(), disabled):
        assert effective_role(nobody) is None
        assert not can(nobody, Permission.WORKSPACE_VIEW)
        assert not in_scope(nobody, tree["a"])


def test_a_superuser_acts_as_an_administrator(tree):
    root = _user(User.Role.STAFF, tree["a"], is_superuser=True)
    assert effective_role(root) == User.Role.ADMINISTRATOR
    assert can(root, Permission.REPORT_CORRECT, tree["elsewhere"])


def test_a_chinese_name_is_written_family_name_first(db):
    assert _user(
        User.Role.STAFF, first_name="小明", last_name="王"
    ).get_full_name() == ("王小明")
