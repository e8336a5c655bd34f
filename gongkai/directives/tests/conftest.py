"""Two regions: 测试县 (a government, 甲局 and 乙局 under it, a supervisor) and
邻县 (another government with its own supervisor), and an overdue application of
甲局."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.applications.models import Application
from gongkai.testing import factories

TODAY = date(2026, 3, 2)


@dataclass
class Regions:
    county: Agency
    a: Agency
    b: Agency
    other: Agency
    users: dict[str, User]
    overdue: Application


@pytest.fixture
def regions(db) -> Regions:
    county = factories.AgencyFactory(
        name="测试县人民政府", level=Agency.Level.COUNTY, kind=Agency.Kind.GOVERNMENT
    )
    a = factories.AgencyFactory(
        name="测试县甲局", level=Agency.Level.COUNTY, parent=county
    )
    b = factories.AgencyFactory(
        name="测试县乙局", level=Agency.Level.COUNTY, parent=county
    )
    other = factories.AgencyFactory(
        name="邻县人民政府", level=Agency.Level.COUNTY, kind=Agency.Kind.GOVERNMENT
    )

    def user(username: str, role: str, agency: Agency | None, **more) -> User:
        return factories.UserFactory(
            username=username, role=role, agency=agency, **more
        )

    users = {
        "staff": user("staff_a", User.Role.STAFF, a),
        "head": user("head_a", User.Role.OFFICE_HEAD, a, email="head@a.example.cn"),
        "other_staff": user("staff_b", User.Role.STAFF, b),
        "supervisor": user(
            "supervisor", User.Role.SUPERVISOR, county, email="duban@county.example.cn"
        ),
        "other_supervisor": user("neighbour", User.Role.SUPERVISOR, other),
        "administrator": user("admin", User.Role.ADMINISTRATOR, None),
    }
    overdue = factories.ApplicationFactory(
        agency=a,
        tracking_number="JIA-2025-0001",
        received_on=date(2025, 12, 29),
        due_on=date(2026, 1, 27),
    )
    return Regions(county, a, b, other, users, overdue)
