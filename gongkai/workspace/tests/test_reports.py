"""The annual report in the workspace: the preview from the ledger (formats,
region roll-up, downloads), each number opening its records, the narrative, and
the way from draft to published and corrected."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from gongkai.applications.services import ApplicantDetails, application_register
from gongkai.core.workflow import Refused
from gongkai.reports import services
from gongkai.reports.data import CellRef
from gongkai.reports.formats import get_format
from gongkai.reports.models import Narrative, ReportVersion
from gongkai.reports.tests.helpers import TEXT, signed_off
from gongkai.testing import factories
from gongkai.workspace.drilldown import cell_refs

pytestmark = pytest.mark.django_db
YEAR = 2021
RECEIVED_BUSINESS = CellRef(
    "三", "一、本年新收政府信息公开申请数量", "申请人情况/法人或其他组织/商业企业"
)


@pytest.fixture
def ledger(region):
    """One application by a business to each department of the county in 2021."""
    for unit in (region.a, region.b):
        factories.ApplicationFactory(
            agency=unit,
            received_on=date(YEAR, 3, 1),
            applicant_type="business",
            outcome="disclosed",
            closed_on=date(YEAR, 3, 10),
        )
    return region


def _url(name, agency, *extra, **query):
    url = reverse(f"workspace:{name}", args=[agency.pk, YEAR, *extra])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_preview_shows_the_official_tables_with_each_number_linked(
    client_as, ledger
):
    client = client_as(ledger.users["staff"])
    page = client.get(_url("report", ledger.a)).content.decode()
    assert "收到和处理政府信息公开申请情况" in page
    assert "（本列数据的勾稽关系为" in page
    number = cell_refs(get_format("2021")).index(RECEIVED_BUSINESS)
    assert f"format=2021&amp;cell={number}" in page


def test_a_number_opens_exactly_the_records_it_counts(client_as, ledger):
    client = client_as(ledger.users["staff"])
    number = cell_refs(get_format("2021")).index(RECEIVED_BUSINESS)
    page = client.get(_url("report_cell", ledger.a, format="2021", cell=number))
    assert page.context["page_obj"].paginator.count == 1
    assert page.context["cell"].value == 1


def test_a_region_counts_its_units_and_the_government_alone_does_not(client_as, ledger):
    client = client_as(ledger.users["supervisor"])

    def received(**query):
        data = client.get(_url("report_download", ledger.county, "json", **query))
        cells = data.json()["cells"]
        return next(
            c["value"]
            for c in cells
            if (c["table"], c["row"], c["column"])
            == (
                RECEIVED_BUSINESS.table,
                RECEIVED_BUSINESS.row,
                RECEIVED_BUSINESS.column,
            )
        )

    assert received() == 0
    assert received(region=1) == 2


@pytest.mark.parametrize(
    ("year", "query", "expected"),
    [
        (2017, {}, "legacy"),
        (2020, {}, "2019"),
        (2019, {"format": "guizhou-2019"}, "guizhou-2019"),
    ],
)
def test_a_past_year_is_built_in_its_own_format_unless_another_is_asked(
    client_as, ledger, year, query, expected
):
    client = client_as(ledger.users["staff"])
    url = reverse("workspace:report_download", args=[ledger.a.pk, year, "json"])
    assert client.get(url, query).json()["format"] == expected


def test_a_format_that_does_not_cover_the_year_is_refused(client_as, ledger):
    client = client_as(ledger.users["staff"])
    url = reverse("workspace:report", args=[ledger.a.pk, 2017])
    assert client.get(url, {"format": "2021"}).status_code == 404
    assert client.get(url, {"format": "nonexistent"}).status_code == 404


def test_the_draft_downloads_are_office_files_named_as_drafts(client_as, ledger):
    client = client_as(ledger.users["supervisor"])
    response = client.get(_url("report_download", ledger.county, "docx", region=1))
    assert "attachment" in response["Content-Disposition"]
    assert "%E8%8D%89%E7%A8%BF" in response["Content-Disposition"]  # 草稿
    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert "总体情况" in text
    sheets = load_workbook(
        BytesIO(client.get(_url("report_download", ledger.a, "xlsx")).content)
    ).sheetnames
    assert "三" in sheets


def test_the_narrative_written_replaces_the_draft_and_empty_restores_it(
    client_as, ledger
):
    client = client_as(ledger.users["staff"])
    url = _url("report_narrative", ledger.a)
    client.post(
        url,
        {
            "overview": "本年度，我局依法做好政府信息公开工作。",
            "problems": "",
            "other": "",
        },
    )
    assert Narrative.objects.get(agency=ledger.a, key="overview").text.startswith(
        "本年度"
    )
    page = client.get(_url("report", ledger.a)).content.decode()
    assert "本年度，我局依法做好政府信息公开工作。" in page
    client.post(url, {"overview": "", "problems": "", "other": ""})
    page = client.get(_url("report", ledger.a)).content.decode()
    assert "本报告根据《中华人民共和国政府信息公开条例》规定编制" in page


NARRATIVE = {"overview": TEXT, "problems": TEXT, "other": TEXT}


def test_from_draft_to_published_to_corrected(client_as, ledger):
    """Staff write the text and submit, the office head returns it once with a
    reason, staff submit again, the head signs off, staff publish; later the head
    corrects it."""
    staff, head = ledger.users["staff"], ledger.users["office_head"]
    client = client_as(staff)
    client.post(_url("report_narrative", ledger.a), NARRATIVE)
    client.post(_url("report_step", ledger.a, "submit"))
    client = client_as(head)
    client.post(_url("report_step", ledger.a, "return"), {"reason": "请补充培训情况"})
    page = client_as(staff).get(_url("report", ledger.a)).content.decode()
    assert "请补充培训情况" in page
    client_as(staff).post(_url("report_step", ledger.a, "submit"))
    client_as(head).post(_url("report_step", ledger.a, "sign_off"))
    client_as(staff).post(_url("report_step", ledger.a, "publish"))
    assert ReportVersion.objects.get(agency=ledger.a, year=YEAR).number == 1
    client_as(head).post(
        _url("report_step", ledger.a, "correct"), {"reason": "更正笔误"}
    )
    assert list(
        ReportVersion.objects.filter(agency=ledger.a, year=YEAR).values_list(
            "number", "reason"
        )
    ) == [(2, "更正笔误"), (1, "")]


def test_publishing_the_draft_shows_why_it_is_refused(client_as, ledger):
    """The draft's 【请补充…】 are still there: the page says so and nothing is
    published."""
    staff, head = ledger.users["staff"], ledger.users["office_head"]
    client_as(staff).post(_url("report_step", ledger.a, "submit"))
    client_as(head).post(_url("report_step", ledger.a, "sign_off"))

    response = client_as(staff).post(
        _url("report_step", ledger.a, "publish"), follow=True
    )

    assert "仍有待填写的“【请补充" in response.content.decode()
    assert not ReportVersion.objects.exists()


def test_a_contradicting_text_is_published_with_its_reason(client_as, ledger):
    staff, head = ledger.users["staff"], ledger.users["office_head"]
    client_as(staff).post(
        _url("report_narrative", ledger.a),
        {**NARRATIVE, "overview": "本年度新收政府信息公开申请3件。"},
    )
    client_as(staff).post(_url("report_step", ledger.a, "submit"))
    client_as(head).post(_url("report_step", ledger.a, "sign_off"))
    page = client_as(staff).get(_url("report", ledger.a)).content.decode()
    assert 'name="override_reason"' in page

    client_as(staff).post(_url("report_step", ledger.a, "publish"))
    assert not ReportVersion.objects.exists()
    client_as(staff).post(
        _url("report_step", ledger.a, "publish"),
        {"override_reason": "含转办的申请，口径不同"},
    )

    (override,) = ReportVersion.objects.get(agency=ledger.a, year=YEAR).overrides
    assert (override["rule"], override["reason"]) == (
        "NARR.figures",
        "含转办的申请，口径不同",
    )


def test_a_closed_year_is_adjusted_shown_and_corrected(client_as, ledger):
    """The issue's end to end: once 2021 is published, an application received in
    2021 is refused unless the office head registers it as an adjustment with a
    reason; the report page then shows the difference (one adjustment, the cells
    it moved), and a correction publishes version 2 that agrees with the ledger."""
    staff, head = ledger.users["staff"], ledger.users["office_head"]
    signed_off(ledger.a, YEAR, staff=staff, head=head)
    services.report_publish(acting_user=staff, agency=ledger.a, year=YEAR)

    def register(user, adjustment=""):
        return application_register(
            acting_user=user,
            agency=ledger.a,
            received_on=date(YEAR, 11, 20),
            channel="letter",
            applicant=ApplicantDetails(name="李四", applicant_type="business"),
            description="2021年道路维修合同",
            adjustment=adjustment,
        )

    with pytest.raises(Refused) as refused:
        register(staff)
    assert refused.value.code == "year_closed"
    with pytest.raises(Refused):
        register(staff, adjustment="漏登的信函申请")  # staff may not adjust
    register(head, adjustment="11月收到的信函申请漏登，补录")

    response = client_as(staff).get(_url("report", ledger.a))
    page = response.content.decode()
    assert 'id="gk-drift"' in page
    assert "11月收到的信函申请漏登，补录" in page
    assert f'<th scope="row">{RECEIVED_BUSINESS}</th><td>1</td><td>2</td>' in page
    drift = response.context["drift"]
    assert drift.count == 1
    moved = {m.ref: (m.published, m.now) for m in drift.moved}
    assert moved[RECEIVED_BUSINESS] == (1, 2)

    client_as(head).post(
        _url("report_step", ledger.a, "correct"), {"reason": "补录11月的信函申请"}
    )

    assert ReportVersion.objects.get(agency=ledger.a, year=YEAR, number=2)
    assert client_as(staff).get(_url("report", ledger.a)).context["drift"] is None


def test_a_narrative_cannot_change_once_submitted(ledger):
    services.report_submit(
        acting_user=ledger.users["staff"], agency=ledger.a, year=YEAR
    )
    with pytest.raises(Refused):
        services.narrative_save(
            acting_user=ledger.users["staff"],
            agency=ledger.a,
            year=YEAR,
            key="overview",
            text="改动",
        )
