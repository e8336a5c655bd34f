"""The synthetic county: varied, deterministic ledgers whose reports all pass."""

from __future__ import annotations

import pytest

from gongkai.agencies.models import Agency
from gongkai.applications.models import ApplicantType, ApplicationChannel, Outcome
from gongkai.catalog.models import PublicationChannel
from gongkai.demo.loader import demo_load
from gongkai.demo.region import SPECS
from gongkai.demo.synthetic import PROFILES, YEARS, synthetic_ledgers
from gongkai.reports.builder import build_report
from gongkai.reports.formats import get_format


@pytest.fixture(scope="module")
def ledgers():
    return synthetic_ledgers()


def everything(ledgers, attribute):
    return [
        record for ledger in ledgers.values() for record in getattr(ledger, attribute)
    ]


def test_same_records_every_time(ledgers):
    """Two loads draw the same records: the generator is seeded."""
    again = synthetic_ledgers()

    def fingerprint(source):
        return (
            [
                (i.index_number, i.title, i.published_on)
                for i in everything(source, "items")
            ],
            [
                (a.tracking_number, a.received_on, a.outcome, a.closed_on)
                for a in everything(source, "applications")
            ],
        )

    assert fingerprint(again) == fingerprint(ledgers)


def test_applications_cover_every_row_of_table_3(ledgers):
    """Every outcome, channel and applicant type occurs, so every row and column of
    table 三 has something to count; some replies were extended and some
    applications were still open at the end of the year they arrived in."""
    applications = everything(ledgers, "applications")
    closed = [a for a in applications if a.closed_on]

    assert {a.outcome for a in closed} == set(Outcome.values)
    assert {a.channel for a in applications} == set(ApplicationChannel.values)
    assert {a.applicant_type for a in applications} == set(ApplicantType.values)
    assert any(a.extended for a in closed)
    assert any(a.closed_on.year > a.received_on.year for a in closed)
    assert any(a.closed_on is None for a in applications)


def test_cases_cover_every_column_of_table_4(ledgers):
    """Reviews and both routes of litigation end in every way, or are pending."""
    reviews = [s.review for s in everything(ledgers, "reviews")]
    direct = [
        s.litigation
        for s in everything(ledgers, "litigations")
        if s.review_filed_on is None
    ]
    after_review = [
        s.litigation
        for s in everything(ledgers, "litigations")
        if s.review_filed_on is not None
    ]
    complaints = everything(ledgers, "complaints")

    def pending_at_a_year_end(case):
        return case.concluded_on is None or case.concluded_on.year > case.filed_on.year

    every_result = {"upheld", "corrected", "other"}
    for cases in (reviews, direct, after_review, complaints):
        assert {c.result for c in cases if c.concluded_on} == every_result
        assert any(pending_at_a_year_end(c) for c in cases)


def test_catalogue_uses_every_channel_and_repeals_documents(ledgers):
    items = everything(ledgers, "items")
    channels = {row.channel for _, row in everything(ledgers, "item_channels")}
    documents = [i for i in items if i.document_kind]

    assert channels == set(PublicationChannel.values)
    assert any(d.repealed_on for d in documents)
    assert any(
        d.published_on and d.published_on.year > d.formed_on.year for d in documents
    )


@pytest.mark.slow
@pytest.mark.django_db
def test_every_synthetic_report_passes_every_check():
    """Each synthetic agency-year, in its year's national format (and 贵州's for
    2019–2020), and the county as a region, builds without a single finding."""
    demo_load(["synthetic"])
    county = Agency.objects.get(credit_code=SPECS[PROFILES[0].key].credit_code)
    agencies = [county, *county.children.all()]
    assert len(agencies) == len(PROFILES)

    findings = {}
    for year in YEARS:
        formats = [None, get_format("guizhou-2019")] if year in (2019, 2020) else [None]
        for fmt in formats:
            for agency in agencies:
                report = build_report(agency=agency, year=year, fmt=fmt)
                findings[(agency.name, year, report.format)] = report.findings
            region = build_report(agency=county, year=year, fmt=fmt, region=True)
            findings[("青溪县（全县）", year, region.format)] = region.findings

    assert {key: found for key, found in findings.items() if found} == {}
