from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application, Ground, Outcome
from gongkai.applications.services import application_close, application_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return Agency.objects.create(name="临沂市民政局", level="city", kind="department")


def _register(agency, received_on=date(2017, 3, 1)):
    return application_register(
        acting_user=None,
        agency=agency,
        received_on=received_on,
        channel="online",
        applicant_type="natural_person",
    )


def test_a_registered_application_is_open_with_a_tracking_number(agency):
    application = _register(agency)
    assert application.closed_on is None and application.outcome == ""
    assert application.tracking_number.startswith("YSQ20170301-")


def test_closing_records_exactly_one_outcome(agency):
    application = application_close(
        acting_user=None,
        application=_register(agency),
        outcome=Outcome.WITHHELD_THIRD_PARTY,
        ground=Ground.PRIVACY,
        closed_on=date(2017, 3, 20),
    )
    application.refresh_from_db()
    assert (application.outcome, application.ground) == (
        "withheld_third_party",
        "privacy",
    )


def test_an_application_cannot_be_closed_twice(agency):
    application = _register(agency)
    application_close(
        acting_user=None,
        application=application,
        outcome=Outcome.DISCLOSED,
        closed_on=date(2017, 3, 2),
    )
    with pytest.raises(ValidationError, match="已办结"):
        application_close(
            acting_user=None,
            application=application,
            outcome=Outcome.OTHER,
            closed_on=date(2017, 3, 3),
        )


@pytest.mark.parametrize(
    ("outcome", "ground", "allowed"),
    [
        (Outcome.DISCLOSED, Ground.ALREADY_PUBLIC, True),
        (Outcome.WITHHELD_THIRD_PARTY, Ground.TRADE_SECRET, True),
        (Outcome.UNABLE_NOT_HELD, Ground.NOT_THIS_AGENCY, True),
        (Outcome.DISCLOSED, Ground.PRIVACY, False),
        (Outcome.REFUSED_REPEAT, Ground.ALREADY_PUBLIC, False),
        (Outcome.PARTIALLY_DISCLOSED, Ground.NOT_THIS_AGENCY, False),
    ],
)
def test_a_ground_refines_only_its_own_outcome(agency, outcome, ground, allowed):
    application = _register(agency)
    if allowed:
        application_close(
            acting_user=None,
            application=application,
            outcome=outcome,
            ground=ground,
            closed_on=date(2017, 3, 5),
        )
    else:
        with pytest.raises(ValidationError, match="不适用"):
            application_close(
                acting_user=None,
                application=application,
                outcome=outcome,
                ground=ground,
                closed_on=date(2017, 3, 5),
            )


def test_closing_before_receipt_is_refused(agency):
    with pytest.raises(ValidationError, match="早于"):
        application_close(
            acting_user=None,
            application=_register(agency),
            outcome=Outcome.DISCLOSED,
            closed_on=date(2017, 2, 28),
        )


def test_the_database_refuses_a_closed_application_without_outcome(agency):
    application = _register(agency)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(closed_on=date(2017, 4, 1))
