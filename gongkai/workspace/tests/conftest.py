"""A small region and one user of every role, for the workspace's tests.

测试县人民政府 (the region) has two departments: 甲局 (agency A, where the staff,
reviewer and office head work) and 乙局 (agency B, whose staff must never reach
A's records). The supervisor supervises the county; the administrator has no
agency.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.testing import factories


@dataclass
class Region:
    county: Agency
    a: Agency
    b: Agency
    users: dict[str, User | None]


ROLES = (
    "public",
    "staff",
    "reviewer",
    "office_head",
    "supervisor",
    "administrator",
    "other_staff",
)


@pytest.fixture
def region(db) -> Region:
    county = factories.AgencyFactory(
        name="测试县人民政府", level=Agency.Level.COUNTY, kind=Agency.Kind.GOVERNMENT
    )
    a = factories.AgencyFactory(
        name="测试县甲局", level=Agency.Level.COUNTY, parent=county
    )
    b = factories.AgencyFactory(
        name="测试县乙局", level=Agency.Level.COUNTY, parent=county
    )

    def user(username: str, role: str, agency: Agency | None) -> User:
        return factories.UserFactory(username=username, role=role, agency=agency)

    users: dict[str, User | None] = {
        "public": None,
        "staff": user("staff_a", User.Role.STAFF, a),
        "reviewer": user("reviewer_a", User.Role.REVIEWER, a),
        "office_head": user("head_a", User.Role.OFFICE_HEAD, a),
        "supervisor": user("supervisor", User.Role.SUPERVISOR, county),
        "administrator": user("admin", User.Role.ADMINISTRATOR, None),
        "other_staff": user("staff_b", User.Role.STAFF, b),
    }
    return Region(county, a, b, users)


@pytest.fixture
def client_as(client):
    """``client_as(user)``: the test client signed in as ``user`` (None: public)."""

    def sign_in(user: User | None):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
