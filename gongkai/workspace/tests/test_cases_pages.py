"""Reviews and lawsuits in the workspace (issue 14): registered from an
application's page, their answer due on the dashboard and in ``gongkai remind``,
each step through the services, a 纠正 reopening the application with a fresh
clock that table 四 counts, documents kept behind a check, and the register with
its filters, XLSX and print layout."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
import time_machine
from click.testing import CliRunner
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.agencies.periods import year_close
from gongkai.applications import services as applications
from gongkai.applications.cli import remind
from gongkai.applications.models import ApplicationStatus
from gongkai.cases import services
from gongkai.cases.models import AdministrativeReview, Litigation, ReviewBody, Stage
from gongkai.core.events import events_for
from gongkai.reports.data import CellRef
from gongkai.reports.formats import get_format
from gongkai.workspace.drilldown import cell_refs

pytestmark = pytest.mark.django_db
D = date
REVIEW_CORRECTED = CellRef("四", "", "行政复议/结果纠正")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def decided(region):
    """An application of 甲局 answered (withheld) on Thu 2025-03-20."""
    application = applications.application_register(
        acting_user=None,
        agency=region.a,
        received_on=D(2025, 3, 3),
        channel="in_person",
        applicant_type="natural_person",
        applicant_name="李四",
        description="某项目审批材料",
    )
    return applications.application_decide(
        acting_user=None,
        application=application,
        outcome="withheld_process",
        closed_on=D(2025, 3, 20),
    )


def _new(application, kind="review"):
    return reverse("workspace:case_new", args=[application.pk]) + f"?kind={kind}"


def _step(case, step):
    kind = "review" if isinstance(case, AdministrativeReview) else "litigation"
    return reverse("workspace:case_step", args=[kind, case.pk, step])


def _review(region, decided, **facts):
    review = services.review_file(
        acting_user=None,
        agency=region.a,
        filed_on=D(2025, 4, 1),
        application=decided,
        number=facts.pop("number", "兴府复〔2025〕1号"),
        body="测试县人民政府",
    )
    if "served_on" in facts:
        services.case_serve(acting_user=None, case=review, served_on=facts["served_on"])
    return review


def _table_four(client, agency, year, ref):
    url = reverse("workspace:report_download", args=[agency.pk, year, "json"])
    cells = client.get(url).json()["cells"]
    return next(
        c["value"]
        for c in cells
        if (c["table"], c["row"], c["column"]) == (ref.table, ref.row, ref.column)
    )


def test_the_story_from_review_to_reopened_application_and_table_four(
    client_as, region, decided
):
    """Staff register a review against a decided application, the answer due
    appears on the dashboard, the answer is recorded, the review concludes 纠正,
    the application reopens with a fresh due date, and table 四 counts it (its
    number opens the case)."""
    ReviewBody.objects.create(
        region=region.county, name="测试县人民政府", kind=ReviewBody.Kind.REVIEW
    )
    client = client_as(region.users["staff"])
    form = client.get(_new(decided)).content.decode()
    assert "测试县人民政府" in form and "10 个工作日" in form
    response = client.post(
        _new(decided),
        {
            "number": "测复〔2025〕7号",
            "body_choice": "测试县人民政府",
            "filed_on": "2025-04-01",
            "served_on": "2025-04-02",
        },
    )
    review = AdministrativeReview.objects.get()
    assert response.url == reverse("workspace:case", args=["review", review.pk])
    # Wed 4/2 + 10 working days: 4/3; 清明 4/4-4/6 off; 4/7-4/11; 4/14-4/17.
    assert (review.stage, review.answer_due) == (Stage.SERVED, D(2025, 4, 17))
    assert list(events_for(review).values_list("verb", flat=True)) == [
        "case_served",
        "review_filed",
    ]
    detail = client.get(reverse("workspace:application", args=[decided.pk]))
    assert "测复〔2025〕7号" in detail.content.decode()

    with time_machine.travel("2025-04-14 10:00 +0800"):
        board = client.get(reverse("workspace:dashboard"))
    assert [r["case"] for r in board.context["cases_due_soon"]] == [review]
    assert "测复〔2025〕7号" in board.content.decode()

    client = client_as(region.users["staff"])  # the session aged in the travel
    client.post(_step(review, "answer"), {"answer-answered_on": "2025-04-15"})
    client.post(
        _step(review, "conclude"),
        {
            "conclude-result": "corrected",
            "conclude-concluded_on": "2025-05-30",
            "conclude-reopened_on": "2025-06-03",
            "conclude-summary": "责令重新答复。",
        },
    )
    review.refresh_from_db()
    decided.refresh_from_db()
    assert (review.stage, review.result) == (Stage.CONCLUDED, "corrected")
    assert decided.status == ApplicationStatus.REOPENED
    follow_up = decided.follow_ups.get()
    assert follow_up.received_on == D(2025, 6, 3)
    assert follow_up.due_on is not None and follow_up.due_on > D(2025, 6, 3)
    page = client.get(reverse("workspace:case", args=["review", review.pk]))
    assert follow_up.tracking_number in page.content.decode()

    assert _table_four(client, region.a, 2025, REVIEW_CORRECTED) == 1
    number = cell_refs(get_format("2021")).index(REVIEW_CORRECTED)
    cell = client.get(
        reverse("workspace:report_cell", args=[region.a.pk, 2025])
        + f"?format=2021&cell={number}"
    )
    assert reverse("workspace:case_review", args=[review.pk]) in cell.content.decode()


def test_a_lawsuit_has_fifteen_calendar_days_and_its_instance(
    client_as, region, decided
):
    """A defence is due 15 days after the complaint: Fri 2025-09-19 + 15 = Sat
    10/4, in 国庆 (10/1-10/8), so Thu 10/9."""
    client = client_as(region.users["staff"])
    client.post(
        _new(decided, "litigation"),
        {
            "number": "（2025）黔2301行初12号",
            "body_choice": "__other__",
            "body_other": "兴义市人民法院",
            "filed_on": "2025-09-15",
            "served_on": "2025-09-19",
            "instance": "first",
        },
    )
    lawsuit = Litigation.objects.get()
    assert (lawsuit.body, lawsuit.instance, lawsuit.after_review) == (
        "兴义市人民法院",
        "first",
        False,
    )
    assert lawsuit.answer_due == D(2025, 10, 9)


def test_staff_of_another_agency_cannot_reach_a_case(client_as, region, decided):
    review = _review(region, decided)
    document = services.case_attach(
        acting_user=None, case=review, file=BytesIO(b"%PDF-1.4"), name="副本.pdf"
    )
    client = client_as(region.users["other_staff"])
    assert (
        client.get(reverse("workspace:case", args=["review", review.pk])).status_code
        == 403
    )
    url = reverse("workspace:case_document", args=["review", review.pk, document.pk])
    assert client.get(url).status_code == 403
    assert (
        client.post(
            _step(review, "serve"), {"serve-served_on": "2025-04-02"}
        ).status_code
        == 403
    )
    assert client.post(_new(decided), {"filed_on": "2025-04-01"}).status_code == 403
    review.refresh_from_db()
    assert review.stage == Stage.FILED
    assert client_as(region.users["staff"]).get(url).status_code == 200


def test_a_step_the_stage_does_not_allow_is_refused_in_chinese(
    client_as, region, decided
):
    review = _review(region, decided)
    client = client_as(region.users["staff"])
    page = client.post(
        _step(review, "answer"), {"answer-answered_on": "2025-04-10"}, follow=True
    )
    assert "案件当前为“已立案”，不能“提交书面答复或答辩状”" in page.content.decode()
    review.refresh_from_db()
    assert review.answered_on is None
    assert [s for s, *_ in page.context["steps"]] == [
        "serve",
        "conclude",
        "attach",
    ]


def test_a_review_dated_into_a_published_year_is_refused(client_as, region, decided):
    year_close(agency=region.a, year=2024, acting_user=None)
    client = client_as(region.users["staff"])
    page = client.post(_new(decided), {"filed_on": "2024-11-04"}, follow=True)
    assert "2024年年度报告已经发布" in page.content.decode()
    assert not AdministrativeReview.objects.exists()


def test_documents_are_kept_and_served_by_the_checking_view(client_as, region, decided):
    review = _review(region, decided)
    client = client_as(region.users["staff"])
    client.post(
        _step(review, "attach"),
        {
            "attach-title": "行政复议申请书副本",
            "attach-file": SimpleUploadedFile("副本.pdf", b"%PDF-1.4 copy"),
        },
    )
    document = review.documents.get()
    assert document.title == "行政复议申请书副本"
    assert "副本" not in document.file.name  # a random name on disk
    url = reverse("workspace:case_document", args=["review", review.pk, document.pk])
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 copy"
    assert events_for(review).first().verb == "case_document_added"


@pytest.fixture
def register(region, decided):
    """Three cases of 甲局 (one served and overdue on 2025-05-01) and one of 乙局."""
    overdue = _review(region, decided, number="复-1", served_on=D(2025, 4, 2))
    upheld = _review(region, decided, number="复-2")
    services.case_conclude(
        acting_user=None, case=upheld, result="upheld", concluded_on=D(2025, 5, 1)
    )
    lawsuit = services.litigation_file(
        acting_user=None,
        agency=region.a,
        filed_on=D(2024, 6, 1),
        number="诉-1",
        body="测试县人民法院",
    )
    services.review_file(
        acting_user=None, agency=region.b, filed_on=D(2025, 4, 1), number="乙-1"
    )
    return {
        "overdue": overdue,
        "upheld": upheld,
        "lawsuit": lawsuit,
        "staff": region.users["staff"],
        "tracking": decided.tracking_number,
    }


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("", ["复-1", "复-2", "诉-1"]),
        ("kind=litigation", ["诉-1"]),
        ("result=pending", ["复-1", "诉-1"]),
        ("result=upheld", ["复-2"]),
        ("stage=served", ["复-1"]),
        ("year=2024", ["诉-1"]),
        ("overdue=1", ["复-1"]),
        ("q=人民法院", ["诉-1"]),
        ("q={tracking}", ["复-1", "复-2"]),
        ("sort=number", ["复-1", "复-2", "诉-1"]),
    ],
)
def test_the_register_searches_and_filters(client_as, register, query, numbers):
    client = client_as(register["staff"])
    with time_machine.travel("2025-05-01 10:00 +0800"):
        page = client.get(
            reverse("workspace:cases")
            + "?"
            + query.format(tracking=register["tracking"])
        )
    found = [row["case"].number for row in page.context["rows"]]
    assert sorted(found) == sorted(numbers)
    if "sort" in query:
        assert found == numbers


def test_the_register_exports_the_filtered_rows_to_xlsx(client_as, register):
    client = client_as(register["staff"])
    with time_machine.travel("2025-05-01 10:00 +0800"):
        response = client.get(reverse("workspace:cases_export") + "?kind=review")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    header = [c.value for c in sheet[3]]
    rows = [
        dict(zip(header, (c.value for c in row), strict=True))
        for row in sheet.iter_rows(min_row=4)
    ]
    assert sorted(r["案号"] for r in rows) == ["复-1", "复-2"]
    overdue = next(r for r in rows if r["案号"] == "复-1")
    assert (overdue["类别"], overdue["阶段"], overdue["结果"]) == (
        "行政复议",
        "已收到副本",
        "尚未审结",
    )
    assert overdue["答复期限"].date() == D(2025, 4, 17)
    assert "行政复议" in sheet["A2"].value


def test_the_register_prints_without_the_page_around_it(client_as, register):
    client = client_as(register["staff"])
    page = client.get(reverse("workspace:cases")).content.decode()
    assert 'class="case-register"' in page
    # The print rules live in the site's stylesheet (no inline style: the CSP).
    css = (Path(settings.BASE_DIR) / "static" / "gongkai" / "site.css").read_text()
    rules = css[css.index("@page case-register") :]
    assert "landscape" in rules and "body:has(.case-register) .site-header" in rules


def test_the_dashboard_shows_an_overdue_answer(client_as, register):
    client = client_as(register["staff"])
    with time_machine.travel("2025-04-18 10:00 +0800"):
        board = client.get(reverse("workspace:dashboard"))
    assert [r["case"].number for r in board.context["cases_overdue"]] == ["复-1"]
    assert 'id="card-cases-overdue"' in board.content.decode()


def test_gongkai_remind_lists_the_answers_due(register):
    result = CliRunner().invoke(remind, ["--date", "2025-04-14", "--no-mail"])
    assert result.exit_code == 0, result.output
    assert "复-1" in result.output and "答复期限 2025年4月17日" in result.output
    later = CliRunner().invoke(remind, ["--date", "2025-04-21", "--no-mail"])
    assert "已逾期 4 日" in later.output


def test_a_lawsuit_after_the_review_links_both_ways(client_as, region, decided):
    review = _review(region, decided)
    client = client_as(region.users["staff"])
    form = client.get(_new(decided, "litigation"))
    assert list(form.context["form"].fields["review"].queryset) == [review]
    client.post(
        _new(decided, "litigation"),
        {
            "number": "（2025）测行初3号",
            "filed_on": "2025-06-10",
            "instance": "first",
            "review": str(review.pk),
        },
    )
    lawsuit = Litigation.objects.get()
    assert lawsuit.after_review and lawsuit.review == review
    page = client.get(reverse("workspace:case", args=["litigation", lawsuit.pk]))
    assert "一审·复议后起诉" in page.content.decode()
    assert reverse("workspace:case", args=["review", review.pk]) in (
        page.content.decode()
    )
    back = client.get(reverse("workspace:case", args=["review", review.pk]))
    assert "（2025）测行初3号" in back.content.decode()
