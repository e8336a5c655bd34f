"""Indicators against tiny ledgers written out by hand, with the expected counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from gongkai.reports.builder import build_report
from gongkai.reports.checks_startup import format_problems
from gongkai.reports.formats import all_formats, get_format
from gongkai.reports.indicators import INDICATORS, ArgumentError, Tally, evaluate
from gongkai.reports.scope import Scope
from gongkai.reports.selectors import records_for
from gongkai.testing import factories as f
from gongkai.testing.ledgers import random_ledger

pytestmark = pytest.mark.django_db

T3 = "三"
RECEIVED = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
CLOSED = "三、本年度办理结果/（七）总计"
DISCLOSED = "三、本年度办理结果/（一）予以公开"
PARTIAL = "三、本年度办理结果/（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
CARRIED_OUT = "四、结转下年度继续办理"
PERSON = "申请人情况/自然人"
BUSINESS = "申请人情况/法人或其他组织/商业企业"
TOTAL = "申请人情况/总计"


def value(agency, year, name, *, region=False, **args):
    return evaluate(Tally(Scope(agency, region), year), name, args)[0]


@pytest.fixture
def three_applications(agency):
    """One carried in from 2020 and closed in 2021, one received and closed in
    2021, one received in 2021 and still open at its end."""
    f.ApplicationFactory(
        agency=agency,
        received_on=date(2020, 12, 21),
        closed_on=date(2021, 1, 6),
        outcome="disclosed",
    )
    f.ApplicationFactory(
        agency=agency,
        applicant_type="business",
        received_on=date(2021, 3, 1),
        closed_on=date(2021, 3, 12),
        outcome="partially_disclosed",
    )
    f.ApplicationFactory(agency=agency, received_on=date(2021, 12, 30))
    return agency


def test_table_three_counts_each_application_in_its_rows(three_applications):
    report = build_report(agency=three_applications, year=2021, fmt=get_format("2021"))

    expected = {
        (RECEIVED, PERSON): 1,
        (RECEIVED, BUSINESS): 1,
        (RECEIVED, TOTAL): 2,
        (CARRIED_IN, PERSON): 1,
        (CARRIED_IN, BUSINESS): 0,
        (CARRIED_IN, TOTAL): 1,
        (DISCLOSED, PERSON): 1,
        (PARTIAL, BUSINESS): 1,
        (CLOSED, PERSON): 1,
        (CLOSED, BUSINESS): 1,
        (CLOSED, TOTAL): 2,
        (CARRIED_OUT, PERSON): 1,
        (CARRIED_OUT, BUSINESS): 0,
        (CARRIED_OUT, TOTAL): 1,
    }
    actual = {key: report.value(T3, *key) for key in expected}
    assert actual == expected
    # The only findings: the draft's 【…】, which only the agency can fill.
    assert {f.rule for f in report.findings} == {"NARR.placeholders"}


def test_the_year_before_sees_the_same_application_carried_out(three_applications):
    report = build_report(agency=three_applications, year=2020, fmt=get_format("2019"))

    assert report.value(T3, RECEIVED, TOTAL) == 1
    assert report.value(T3, CLOSED, TOTAL) == 0
    assert report.value(T3, CARRIED_OUT, TOTAL) == 1


def test_a_region_sums_its_units_and_an_agency_counts_only_its_own(government):
    education, health = government.children.order_by("name")
    f.ApplicationFactory.create_batch(2, agency=education, received_on=date(2021, 5, 1))
    f.ApplicationFactory.create_batch(3, agency=health, received_on=date(2021, 6, 1))
    f.ApplicationFactory(agency=government, received_on=date(2021, 7, 1))
    f.ApplicationFactory(received_on=date(2021, 7, 1))  # someone else's

    assert value(government, 2021, "applications.received", region=True) == 6
    assert value(government, 2021, "applications.received") == 1
    assert value(health, 2021, "applications.received", region=True) == 3


def test_a_region_sums_its_units_profiles_and_attested_figures(government):
    education, health = government.children.order_by("name")
    f.AgencyYearFactory(
        agency=education, year=2021, full_time_staff=2, part_time_staff=1
    )
    f.AgencyYearFactory(agency=health, year=2021, full_time_staff=1, part_time_staff=0)
    f.AttestedFigureFactory(agency=education, key="penalty.decisions", value=7)
    f.AttestedFigureFactory(agency=health, key="penalty.decisions", value=5)

    staff = value(
        government, 2021, "agencies.profile", region=True, field="staff_total"
    )
    penalties, source = evaluate(
        Tally(Scope(government, region=True), 2021),
        "attested",
        {"key": "penalty.decisions"},
    )

    assert staff == 4
    assert penalties == 12
    assert sorted(p["value"] for p in source["parts"]) == [5, 7]


def test_two_units_of_one_name_are_two_parts_of_a_regions_attested_figure(government):
    """Units are told apart by who they are, not by their names: two offices both
    named 综合执法大队 are two parts of the region's figure, not one of 12."""
    clerk, at = f.UserFactory(), timezone.now()
    for value_ in (7, 5):  # attested by one clerk at one time from one document
        unit = f.AgencyFactory(name="测试县综合执法大队", parent=government)
        f.AttestedFigureFactory(
            agency=unit,
            key="penalty.decisions",
            value=value_,
            attested_by=clerk,
            attested_at=at,
        )

    _, source = evaluate(
        Tally(Scope(government, region=True), 2021),
        "attested",
        {"key": "penalty.decisions"},
    )

    assert sorted(p["value"] for p in source["parts"]) == [5, 7]


def test_a_report_reads_only_the_attested_figures_its_format_shows(government):
    """A unit attests more figures than one format shows (seventeen keys, four in
    the 2021 format's table 二): a tally asked the format's questions reads the
    rows of those keys alone, and answers them as one that reads every key."""
    unit = government.children.first()
    f.AttestedFigureFactory(agency=unit, key="penalty.decisions", value=3)
    f.AttestedFigureFactory(agency=unit, key="procurement.projects", value=9)
    attested = INDICATORS["attested"]
    asked = [attested.ask({"key": "penalty.decisions"})]
    scope = Scope(government, region=True)

    narrowed = Tally(scope, 2021, asked=asked)
    everything = Tally(scope, 2021)

    keys = {row["key"] for row in narrowed.rows(asked[0].family).rows}
    assert keys == {"penalty.decisions"}
    assert asked[0].answer(narrowed) == asked[0].answer(everything)
    assert {row["key"] for row in everything.rows(asked[0].family).rows} == {
        "penalty.decisions",
        "procurement.projects",
    }


def test_an_attested_figure_never_entered_is_blank_and_an_entered_zero_is_zero(
    agency, staff_user
):
    f.AttestedFigureFactory(
        agency=agency,
        key="coercion.decisions",
        value=0,
        attested_by=staff_user,
        source_document="执法系统统计表（2022年1月）",
    )
    tally = Tally(Scope(agency), 2021)

    blank, blank_source = evaluate(tally, "attested", {"key": "penalty.decisions"})
    zero, zero_source = evaluate(
        tally, "attested", {"subject": "coercion", "measure": "decisions"}
    )

    assert blank is None
    assert blank_source["by"] is None
    assert zero == 0
    assert zero_source["kind"] == "attested"
    assert zero_source["by"] == "wang"
    assert zero_source["document"] == "执法系统统计表（2022年1月）"
    assert zero_source["at"]


def test_counts_over_no_records_are_zero_but_an_unentered_profile_is_blank(agency):
    assert value(agency, 2021, "applications.closed") == 0
    assert value(agency, 2021, "agencies.trainings", field="attendees") == 0
    assert value(agency, 2021, "agencies.profile", field="full_time_staff") is None


def test_the_profile_reads_the_years_record(agency):
    f.AgencyYearFactory(
        agency=agency, year=2021, full_time_staff=2, part_time_staff=3, budget="0.3"
    )

    assert value(agency, 2021, "agencies.profile", field="staff_total") == 5
    assert value(agency, 2021, "agencies.profile", field="budget") == Decimal("0.3")
    assert value(agency, 2020, "agencies.profile", field="budget") is None


def test_an_item_counts_once_in_the_total_and_once_in_each_channel(agency):
    item = f.ItemFactory(agency=agency, published_on=date(2021, 4, 1))
    for channel in ("website", "weixin", "client", "other"):
        f.ItemChannelFactory(item=item, channel=channel)
    f.ItemFactory(agency=agency, draft=True)  # not published: not counted
    f.ItemChannelFactory(
        item__agency=agency, item__published_on=date(2021, 5, 1), channel="other"
    )

    assert value(agency, 2021, "catalog.published") == 2
    assert value(agency, 2021, "catalog.channel", channel="website") == 1
    assert value(agency, 2021, "catalog.channel", channel="other") == 2
    # "Any of" counts an item on both channels once.
    assert value(agency, 2021, "catalog.channel", channel=["client", "other"]) == 2


def test_a_channel_counts_the_years_items_only(agency):
    """An item first published in 2020 and reposted on 微博 in 2021 is not one of
    2021's items, so no channel can exceed the year's total."""
    old = f.ItemFactory(agency=agency, published_on=date(2020, 12, 30))
    f.ItemChannelFactory(item=old, channel="weibo", published_on=date(2021, 1, 4))

    assert value(agency, 2021, "catalog.published") == 0
    assert value(agency, 2021, "catalog.channel", channel="weibo") == 0


def test_documents_issued_repealed_and_in_force(agency):
    f.ItemFactory(agency=agency, normative=True, formed_on=date(2019, 3, 1))
    f.ItemFactory(
        agency=agency,
        normative=True,
        formed_on=date(2020, 6, 1),
        repealed_on=date(2021, 8, 1),
    )
    f.ItemFactory(agency=agency, normative=True, formed_on=date(2021, 2, 1))
    f.ItemFactory(agency=agency, rule=True, formed_on=date(2021, 9, 1))

    def docs(name, kind="normative"):
        return value(agency, 2021, f"catalog.documents_{name}", document_kind=kind)

    assert docs("issued") == 1
    assert docs("repealed") == 1
    assert docs("in_force") == 2
    assert docs("issued", "rule") == 1
    assert (
        value(agency, 2020, "catalog.documents_in_force", document_kind="normative")
        == 2
    )


def test_a_case_is_pending_in_the_year_it_was_filed_and_ends_the_next(agency):
    f.AdministrativeReviewFactory(
        agency=agency,
        filed_on=date(2020, 11, 2),
        concluded_on=date(2021, 2, 1),
        result="corrected",
    )
    f.LitigationFactory(agency=agency, filed_on=date(2021, 4, 1), after_review=True)
    f.LitigationFactory(agency=agency, filed_on=date(2021, 5, 1), concluded=True)

    assert value(agency, 2020, "cases.review", result="pending") == 1
    assert value(agency, 2021, "cases.review", result="pending") == 0
    assert value(agency, 2021, "cases.review", result="corrected") == 1
    assert value(agency, 2021, "cases.litigation", route="after_review") == 1
    assert value(agency, 2021, "cases.litigation", route="direct", result="upheld") == 1
    assert value(agency, 2022, "cases.litigation") == 1  # still pending in 2022


def test_fees_are_summed_in_ten_thousand_yuan(agency):
    f.ApplicationFactory(agency=agency, closed=True, fee_amount=Decimal("1500"))
    f.ApplicationFactory(agency=agency, closed=True, fee_amount=Decimal("300"))

    assert value(agency, 2021, "applications.fees") == Decimal("0.18")


def test_activities_and_their_channels(agency):
    response = f.ActivityFactory(agency=agency, kind="response")
    for channel in ("weibo_weixin", "website"):
        f.ActivityChannelFactory(activity=response, channel=channel)
    f.ActivityFactory(agency=agency, kind="press_conference", principal_leader=True)
    f.ActivityFactory(agency=agency, kind="consultation", opinions_received=12)

    assert value(agency, 2021, "activities.count", kind="response") == 1
    assert value(agency, 2021, "activities.count", channel="weibo_weixin") == 1
    assert (
        value(
            agency,
            2021,
            "activities.count",
            kind="response",
            channel=["website", "weibo_weixin"],
        )
        == 1
    )
    assert value(agency, 2021, "activities.count", principal_leader=True) == 1
    assert (
        value(
            agency,
            2021,
            "activities.sum",
            kind="consultation",
            field="opinions_received",
        )
        == 12
    )


@pytest.mark.parametrize("format_id", ["legacy", "2021"])
def test_every_count_drills_down_to_exactly_the_records_counted(agency, format_id):
    random_ledger(agency, years=[2017, 2018, 2021, 2022], seed=7)
    fmt = get_format(format_id)
    year = fmt.first_year if format_id == "2021" else 2018
    report = build_report(agency=agency, year=year, fmt=fmt)
    scope = Scope(agency)

    checked = 0
    for cell in report.cells.values():
        source = cell.source
        if source["kind"] != "ledger":
            continue
        indicator = INDICATORS[source["indicator"]]
        if indicator.measure_for(source["args"]) != "count":
            continue  # a sum: its records are those summed, not as many
        assert records_for(source, scope, year).count() == cell.value, cell.ref
        checked += 1
    assert checked > 40


def test_an_attested_cell_drills_down_to_its_attestation(agency):
    f.AttestedFigureFactory(agency=agency, key="licensing.decisions", value=285)
    report = build_report(agency=agency, year=2021, fmt=get_format("2021"))
    cell = next(c for c in report.cells.values() if c.value == 285)

    (figure,) = records_for(cell.source, Scope(agency), 2021)

    assert figure.key == "licensing.decisions"


def test_arguments_outside_the_contract_are_refused():
    closed = INDICATORS["applications.closed"]

    assert closed.problems({"outcome": ["disclosed", "partially_disclosed"]}) == []
    assert closed.problems({"outcome": "granted"})
    assert closed.problems({"extended": "true"})  # a string, not a boolean
    assert closed.problems({"colour": "red"})
    assert INDICATORS["agencies.profile"].problems({})  # field is required
    with pytest.raises(ArgumentError):
        evaluate(Tally(Scope(f.AgencyFactory()), 2021), "no.such_indicator", {})


def test_every_shipped_format_names_only_indicators_that_accept_its_arguments():
    assert {fid: format_problems(fmt) for fid, fmt in all_formats().items()} == {
        fid: [] for fid in all_formats()
    }


def test_the_startup_check_names_a_cell_with_a_bad_indicator(tmp_path):
    (tmp_path / "bad.yaml").write_text(
        """
id: bad
name: 坏格式
basis: 测试
first_year: 2030
title: "{agency}{year}"
sections: [{number: 一, heading: 表, table: 一}]
tables:
  - id: 一
    blocks:
      - corner: 项目
        columns: [{label: 数量}]
        rows:
          - {label: 新收, indicator: applications.recieved}
          - {label: 办结, indicator: applications.closed, args: {outcome: granted}}
          - {label: 许可, indicator: attested, args: {key: licensing.typo}}
""",
        encoding="utf-8",
    )
    fmt = all_formats(tmp_path)["bad"]

    messages = [(e.id, e.msg) for e in format_problems(fmt)]

    assert [m[0] for m in messages] == ["reports.E001", "reports.E001", "reports.E003"]
    assert "applications.recieved" in messages[0][1]
    assert "granted" in messages[1][1]
    assert "licensing.typo" in messages[2][1]
