"""Publishing a report freezes it; correcting it adds a version with its reason."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.core.events import events_for
from gongkai.reports.formats import get_format
from gongkai.reports.models import ReportVersion
from gongkai.reports.services import report_correct, report_publish, snapshot_hash
from gongkai.testing import factories as f

pytestmark = pytest.mark.django_db

RECEIVED = ("三", "一、本年新收政府信息公开申请数量", "申请人情况/总计")


def received(version: ReportVersion) -> int:
    table, row, column = RECEIVED
    return next(
        c["value"]
        for c in version.snapshot["cells"]
        if (c["table"], c["row"], c["column"]) == (table, row, column)
    )


def test_publishing_freezes_the_report_as_version_one(agency, staff_user):
    f.ApplicationFactory.create_batch(2, agency=agency, received_on=date(2021, 3, 1))

    version = report_publish(agency=agency, year=2021, acting_user=staff_user)

    assert (version.number, version.format, version.reason) == (1, "2021", "")
    assert received(version) == 2
    assert version.sha256 == snapshot_hash(ReportVersion.objects.get().snapshot)
    assert version.published_by == staff_user
    (event,) = events_for(version)
    assert (event.verb, event.actor, event.data["sha256"]) == (
        "report_published",
        staff_user,
        version.sha256,
    )


def test_a_published_report_does_not_change_when_the_ledger_does(agency, staff_user):
    f.ApplicationFactory(agency=agency, received_on=date(2021, 3, 1))
    version = report_publish(agency=agency, year=2021, acting_user=staff_user)
    f.ApplicationFactory(agency=agency, received_on=date(2021, 4, 1))

    version.refresh_from_db()

    assert received(version) == 1


def test_publishing_twice_is_refused(agency, staff_user):
    report_publish(agency=agency, year=2021, acting_user=staff_user)

    with pytest.raises(ValidationError, match="已经发布") as refused:
        report_publish(agency=agency, year=2021, acting_user=staff_user)

    assert refused.value.code == "already_published"
    assert ReportVersion.objects.count() == 1


def test_a_correction_is_the_next_version_with_its_reason(agency, staff_user):
    f.ApplicationFactory(agency=agency, received_on=date(2021, 3, 1))
    first = report_publish(agency=agency, year=2021, acting_user=staff_user)
    f.ApplicationFactory(agency=agency, received_on=date(2021, 4, 1))

    second = report_correct(
        agency=agency,
        year=2021,
        acting_user=staff_user,
        reason="补录一件4月收到的信函申请",
    )

    first.refresh_from_db()
    assert (second.number, second.reason) == (2, "补录一件4月收到的信函申请")
    assert (received(first), received(second)) == (1, 2)
    assert second.sha256 != first.sha256
    (event,) = events_for(second)
    assert event.verb == "report_corrected"
    assert event.data["reason"] == "补录一件4月收到的信函申请"
    assert event.data["previous_sha256"] == first.sha256


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_correction_needs_a_reason(agency, staff_user, reason):
    report_publish(agency=agency, year=2021, acting_user=staff_user)

    with pytest.raises(ValidationError, match="必须说明理由"):
        report_correct(agency=agency, year=2021, acting_user=staff_user, reason=reason)

    assert ReportVersion.objects.count() == 1


def test_only_a_published_report_can_be_corrected(agency, staff_user):
    with pytest.raises(ValidationError, match="尚未发布"):
        report_correct(agency=agency, year=2021, acting_user=staff_user, reason="更正")


def test_a_correction_keeps_the_format_first_published(agency, staff_user):
    guizhou = get_format("guizhou-2019")
    report_publish(agency=agency, year=2019, acting_user=staff_user, fmt=guizhou)

    second = report_correct(
        agency=agency, year=2019, acting_user=staff_user, reason="补充附件2"
    )

    assert second.format == "guizhou-2019"


def test_a_report_whose_checks_find_errors_is_not_published(agency, staff_user):
    # Attested by people, so they can disagree: more opinions adopted than made.
    f.AttestedFigureFactory(
        agency=agency, year=2019, key="supervision.opinions", value=2
    )
    f.AttestedFigureFactory(
        agency=agency, year=2019, key="supervision.opinions_adopted", value=5
    )

    with pytest.raises(ValidationError, match="未通过校验") as refused:
        report_publish(
            agency=agency,
            year=2019,
            acting_user=staff_user,
            fmt=get_format("guizhou-2019"),
        )

    assert refused.value.code == "check_errors"
    assert not ReportVersion.objects.exists()
