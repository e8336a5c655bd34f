"""Fixtures shared by every app's tests."""

from __future__ import annotations

import pytest

from gongkai.agencies.models import Agency
from gongkai.testing import factories


@pytest.fixture
def agency(db) -> Agency:
    """A city department, alone."""
    return factories.AgencyFactory(name="测试市民政局")


@pytest.fixture
def government(db) -> Agency:
    """A county government with two departments under it (a region)."""
    county = factories.AgencyFactory(
        name="测试县人民政府", level=Agency.Level.COUNTY, kind=Agency.Kind.GOVERNMENT
    )
    for name in ("测试县教育局", "测试县卫生健康局"):
        factories.AgencyFactory(name=name, level=Agency.Level.COUNTY, parent=county)
    return county


@pytest.fixture
def staff_user(db, agency):
    return factories.UserFactory(username="wang", agency=agency)
