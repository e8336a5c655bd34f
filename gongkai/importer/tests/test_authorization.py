"""Storing an imported report is a supervisor's or an administrator's work: the
service refuses anyone else before it writes anything."""

from __future__ import annotations

import pytest

from gongkai.accounts.models import User
from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted
from gongkai.importer.importing import import_bytes, limits_from_settings
from gongkai.importer.models import ImportedReport
from gongkai.importer.parsing import ParseOptions
from gongkai.importer.services import imported_report_store
from gongkai.testing import factories

from .helpers import seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def outcome():
    path = seed("003")
    read = import_bytes(
        path.read_bytes(), path.name, limits_from_settings(), ParseOptions()
    )
    assert read.ok, read.error
    return read


@pytest.mark.parametrize("role", [User.Role.STAFF, User.Role.OFFICE_HEAD])
def test_agency_staff_may_not_store_an_imported_report(outcome, role):
    user = factories.UserFactory(role=role, agency=factories.AgencyFactory())
    with pytest.raises(NotPermitted, match="导入已发布的年度报告"):
        imported_report_store(outcome=outcome, acting_user=user)
    assert not ImportedReport.objects.exists()
    assert not Event.objects.exists()


def test_a_supervisor_stores_it_and_the_event_names_them(outcome):
    supervisor = factories.UserFactory(
        role=User.Role.SUPERVISOR, agency=factories.AgencyFactory()
    )
    stored, changed = imported_report_store(outcome=outcome, acting_user=supervisor)
    assert changed and stored.year == 2019
    assert Event.objects.get().actor == supervisor
