"""Every factory makes a record the models accept, constraints and validators too."""

import pytest

from gongkai.testing import factories as f
from gongkai.testing.ledgers import random_ledger

FACTORIES = [
    f.AgencyFactory,
    f.AgencyYearFactory,
    f.QueryPointFactory,
    f.MeetingFactory,
    f.TrainingFactory,
    f.AttestedFigureFactory,
    f.ItemFactory,
    f.ItemChannelFactory,
    f.InterpretationFactory,
    f.ArchiveTransferFactory,
    f.ApplicationFactory,
    f.AdministrativeReviewFactory,
    f.LitigationFactory,
    f.ComplaintFactory,
    f.ActivityFactory,
    f.ActivityChannelFactory,
    f.NarrativeFactory,
]


@pytest.mark.django_db
@pytest.mark.parametrize("factory", FACTORIES, ids=lambda x: x.__name__)
def test_a_factory_makes_a_valid_record(factory):
    record = factory()

    record.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "traits"),
    [
        (f.ApplicationFactory, {"closed": True}),
        (f.AdministrativeReviewFactory, {"concluded": True}),
        (f.ItemFactory, {"draft": True}),
        (f.ItemFactory, {"normative": True}),
        (f.AgencyFactory, {"government": True}),
    ],
)
def test_traits_make_valid_records(factory, traits):
    factory(**traits).full_clean()


@pytest.mark.django_db
def test_a_random_ledger_is_the_same_for_the_same_seed(agency):
    other = f.AgencyFactory()
    random_ledger(agency, years=[2021], seed=5)
    random_ledger(other, years=[2021], seed=5)

    def shape(a):
        return sorted(a.applications.values_list("received_on", "outcome", "closed_on"))

    assert shape(agency) == shape(other)
    assert len(shape(agency)) == 60
