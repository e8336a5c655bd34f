from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.agencies.services import (
    agency_create,
    agency_year_set,
    attested_figure_set,
)
from gongkai.core.events import events_for
from gongkai.core.workflow import Refused

pytestmark = pytest.mark.django_db


def _government(**kw):
    return agency_create(
        acting_user=None,
        name=kw.pop("name", "兴义市人民政府"),
        level=Agency.Level.COUNTY,
        kind=Agency.Kind.GOVERNMENT,
        **kw,
    )


def test_a_region_is_the_government_and_everything_under_it():
    city = _government(name="兴义市人民政府")
    bureau = agency_create(
        acting_user=None,
        name="兴义市应急管理局",
        parent=city,
        level=Agency.Level.COUNTY,
        kind=Agency.Kind.DEPARTMENT,
    )
    unit = agency_create(
        acting_user=None,
        name="兴义市应急管理局执法大队",
        parent=bureau,
        level=Agency.Level.COUNTY,
        kind=Agency.Kind.DISPATCHED,
    )
    other = _government(name="安龙县人民政府")

    assert set(city.subtree()) == {city, bureau, unit}
    assert set(bureau.subtree()) == {bureau, unit}
    assert other not in city.subtree()


def test_a_wrong_credit_code_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as caught:
        _government(credit_code="91350100M000100Y44")
    assert "credit_code" in caught.value.message_dict
    assert "91350100M000100Y44" in caught.value.message_dict["credit_code"][0]


def test_agency_year_records_before_and_after():
    agency = _government()
    agency_year_set(acting_user=None, agency=agency, year=2019, full_time_staff=1)
    record = agency_year_set(
        acting_user=None, agency=agency, year=2019, full_time_staff=2
    )

    assert record.full_time_staff == 2
    latest = events_for(record).first()
    assert latest.data["before"] == {"full_time_staff": 1}
    assert latest.data["after"] == {"full_time_staff": 2}


@pytest.fixture
def clerk(django_user_model):
    """The office head of 兴义市人民政府, who attests the figures of its year."""
    return django_user_model.objects.create_user(
        "clerk",
        password="x",
        role=django_user_model.Role.OFFICE_HEAD,
        agency=_government(),
    )


def test_an_attested_figure_needs_a_person_who_answers_for_it():
    with pytest.raises(Refused, match="工作人员"):
        attested_figure_set(
            acting_user=None,
            agency=_government(),
            year=2019,
            key="licensing.decisions",
            value=285,
            source_document="年报",
        )


def test_an_attested_figure_needs_its_source_document(clerk):
    agency = clerk.agency
    with pytest.raises(Refused, match="来源文件"):
        attested_figure_set(
            acting_user=clerk,
            agency=agency,
            year=2019,
            key="licensing.decisions",
            value=285,
            source_document=" ",
        )


def test_attesting_again_replaces_the_figure_and_keeps_the_history(clerk):
    agency = clerk.agency
    attested_figure_set(
        acting_user=clerk,
        agency=agency,
        year=2019,
        key="licensing.decisions",
        value=280,
        source_document="审批系统导出",
    )
    figure = attested_figure_set(
        acting_user=clerk,
        agency=agency,
        year=2019,
        key="licensing.decisions",
        value=285,
        source_document="审批系统年报",
    )

    assert figure.value == Decimal(285)
    assert [e.data["after"] for e in events_for(figure)] == ["285", "280"]
