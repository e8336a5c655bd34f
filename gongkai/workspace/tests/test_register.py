"""The application register (登记簿): search, filters, sort, the XLSX export of
exactly the filtered rows and its print layout, the list “我协办的”, and the
count of applications that led to proactive publication on the supervision page.
"""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.applications.models import Application, ApplicationHelper
from gongkai.testing import factories

from .conftest import Region

pytestmark = pytest.mark.django_db

LIST = reverse("workspace:applications")
XLSX = reverse("workspace:application_register_xlsx")
PRINT = reverse("workspace:application_register_print")


def _app(region: Region, number: str, **fields) -> Application:
    fields.setdefault("agency", region.a)
    fields.setdefault("description", f"申请内容{number}")
    return factories.ApplicationFactory(tracking_number=number, **fields)


@pytest.fixture
def ledger(region: Region) -> dict[str, Application]:
    """甲局's register: one application per thing a filter picks out, and one of
    乙局 that 甲局's staff never see."""
    today = timezone.localdate()
    head = region.users["office_head"]
    head.first_name, head.last_name = "丽", "王"
    head.save()
    return {
        "running": _app(
            region,
            "YSQ-RUN",
            received_on=today - timedelta(days=3),
            due_on=today + timedelta(days=10),
            applicant_name="李四",
            description="城市规划图纸",
            channel="letter",
        ),
        "overdue": _app(
            region,
            "YSQ-LATE",
            received_on=today - timedelta(days=40),
            due_on=today - timedelta(days=2),
            handler=head,
            extended=True,
        ),
        "paused": _app(
            region,
            "YSQ-PAUSE",
            received_on=today - timedelta(days=30),
            due_on=today - timedelta(days=5),  # a paused clock is never overdue
            stage="awaiting_correction",
            applicant_type="business",
        ),
        "closed": _app(
            region,
            "YSQ-DONE",
            received_on=date(2025, 3, 3),
            closed_on=date(2025, 3, 14),
            outcome="withheld_internal",
            applicant_id_kind="resident_id",
            applicant_id_number="520102199001011234",
            applicant_phone="13812345678",
        ),
        "other_agency": _app(
            region, "YSQ-B", agency=region.b, received_on=today - timedelta(days=1)
        ),
    }


def _listed(client, **params) -> set[str]:
    response = client.get(LIST, {"bucket": "all", **params})
    assert response.status_code == 200
    return {a.tracking_number for a in response.context["page_obj"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"YSQ-RUN", "YSQ-LATE", "YSQ-PAUSE", "YSQ-DONE"}),
        ({"status": "closed"}, {"YSQ-DONE"}),
        ({"status": "awaiting_correction"}, {"YSQ-PAUSE"}),
        ({"outcome": "withheld_internal"}, {"YSQ-DONE"}),
        ({"channel": "letter"}, {"YSQ-RUN"}),
        ({"applicant_type": "business"}, {"YSQ-PAUSE"}),
        ({"received_from": "2025-03-01", "received_to": "2025-03-31"}, {"YSQ-DONE"}),
        ({"closed_from": "2025-03-14", "closed_to": "2025-03-14"}, {"YSQ-DONE"}),
        ({"closed_from": "2025-03-15"}, set()),
        ({"overdue": "on"}, {"YSQ-LATE"}),
        ({"extended": "on"}, {"YSQ-LATE"}),
        ({"paused": "on"}, {"YSQ-PAUSE"}),
        ({"channel": "online", "extended": "on"}, {"YSQ-LATE"}),
    ],
)
def test_each_filter_narrows_the_register(client_as, region, ledger, params, expected):
    """Each filter keeps exactly the applications it names; another agency's
    application is never in 甲局's register."""
    client = client_as(region.users["staff"])
    assert _listed(client, **params) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("YSQ-LATE", {"YSQ-LATE"}),  # tracking number
        ("李四", {"YSQ-RUN"}),  # applicant
        ("规划图纸", {"YSQ-RUN"}),  # text of the request
        ("王", {"YSQ-LATE"}),  # handler's name
        ("head_a", {"YSQ-LATE"}),  # handler's account
        ("申请内容 LATE", {"YSQ-LATE"}),  # every word must match
        ("没有这样的申请", set()),
    ],
)
def test_search_reads_number_applicant_request_and_handler(
    client_as, region, ledger, q, expected
):
    client = client_as(region.users["staff"])
    assert _listed(client, q=q) == expected


def test_sort_orders_the_register(client_as, region, ledger):
    client = client_as(region.users["staff"])

    def order(sort: str) -> list[str]:
        response = client.get(LIST, {"bucket": "all", "sort": sort})
        return [a.tracking_number for a in response.context["page_obj"]]

    assert order("received_on") == ["YSQ-DONE", "YSQ-LATE", "YSQ-PAUSE", "YSQ-RUN"]
    assert order("-received_on") == ["YSQ-RUN", "YSQ-PAUSE", "YSQ-LATE", "YSQ-DONE"]
    assert order("tracking_number") == sorted(order("tracking_number"))


def test_the_filter_form_is_a_bookmarkable_get_form_in_chinese(
    client_as, region, ledger
):
    client = client_as(region.users["staff"])
    response = client.get(LIST, {"bucket": "all", "q": "李四", "page": "1"})
    html = response.content.decode()
    assert 'method="get"' in html
    for label in ("搜索", "状态", "答复类型", "申请方式", "申请人类型", "已逾期"):
        assert label in html
    # the export and the print carry the same filters, not the page
    assert f"{XLSX}?bucket=all&amp;q=%E6%9D%8E%E5%9B%9B" in html
    assert "page=1" not in html.split('id="register-xlsx"')[0].rsplit("href", 1)[1]


def _sheet_rows(content: bytes) -> list[list]:
    sheet = load_workbook(BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_xlsx_holds_exactly_the_filtered_rows(client_as, region, ledger):
    client = client_as(region.users["staff"])
    response = client.get(XLSX, {"bucket": "all", "q": "申请内容"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _sheet_rows(response.content)
    header = rows[2]
    assert header == [
        "收件日期",
        "编号",
        "申请人",
        "申请内容",
        "承办人",
        "答复期限",
        "答复日期",
        "答复类型",
        "送达方式",
        "备注",
    ]
    numbers = {row[1] for row in rows[3:]}
    assert numbers == {"YSQ-LATE", "YSQ-PAUSE", "YSQ-DONE"}
    done = next(row for row in rows[3:] if row[1] == "YSQ-DONE")
    assert done[0].date() == date(2025, 3, 3)
    assert done[6].date() == date(2025, 3, 14)
    assert done[7] == "属于三类内部事务信息"
    late = next(row for row in rows[3:] if row[1] == "YSQ-LATE")
    assert late[4] == "王丽"
    assert "已逾期" in late[9] and "已延长答复期限" in late[9]
    text = repr(rows)
    assert "520102199001011234" not in text and "13812345678" not in text


def test_xlsx_of_a_filter_that_matches_nothing_has_only_the_header(
    client_as, region, ledger
):
    client = client_as(region.users["staff"])
    rows = _sheet_rows(client.get(XLSX, {"bucket": "all", "q": "无此"}).content)
    assert len(rows) == 3


def test_print_layout_shows_the_register_columns(client_as, region, ledger):
    client = client_as(region.users["staff"])
    response = client.get(
        PRINT, {"bucket": "closed", "outcome": "withheld_internal", "extended": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "政府信息公开申请登记簿" in html and 'class="register-print"' in html
    for header in ("收件日期", "编号", "申请人", "申请内容", "承办人", "答复期限"):
        assert f'<th scope="col">{header}</th>' in html
    assert "YSQ-DONE" in html and "YSQ-RUN" not in html
    assert "列表：已办结；答复类型：属于三类内部事务信息" in html
    assert "2025-03-14" in html
    assert "520102199001011234" not in html


def test_other_agency_staff_do_not_see_the_register_rows(client_as, region, ledger):
    client = client_as(region.users["other_staff"])
    assert _listed(client) == {"YSQ-B"}
    rows = _sheet_rows(client.get(XLSX, {"bucket": "all"}).content)
    assert {row[1] for row in rows[3:]} == {"YSQ-B"}


def test_helpers_find_the_applications_they_help_with(client_as, region, ledger):
    reviewer = region.users["reviewer"]
    ApplicationHelper.objects.create(application=ledger["running"], user=reviewer)
    ApplicationHelper.objects.create(application=ledger["closed"], user=reviewer)
    client = client_as(reviewer)
    response = client.get(LIST, {"bucket": "helping"})
    assert "我协办的" in response.content.decode()
    listed = {a.tracking_number for a in response.context["page_obj"]}
    assert listed == {"YSQ-RUN"}  # the open ones
    dashboard = client.get(reverse("workspace:dashboard")).content.decode()
    assert 'id="card-helping"' in dashboard and "我协办的申请" in dashboard
    staff = client_as(region.users["staff"])
    assert not staff.get(LIST, {"bucket": "helping"}).context["page_obj"].object_list
    assert (
        'id="card-helping"'
        not in staff.get(reverse("workspace:dashboard")).content.decode()
    )


def _queries(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [LIST, PRINT, XLSX])
def test_the_register_costs_the_same_queries_for_5_or_50_rows(client_as, region, url):
    client = client_as(region.users["staff"])
    head = region.users["office_head"]
    today = timezone.localdate()

    made: list[Application] = []

    def grow(n: int) -> None:
        """``n`` more rows, every other one the follow-up of the row before."""
        for _ in range(n):
            i = len(made)
            made.append(
                _app(
                    region,
                    f"YSQ-G{i:03d}",
                    received_on=today,
                    handler=head,
                    reopened_from=made[-1] if i % 2 else None,
                )
            )

    params = {"bucket": "all", "q": "YSQ-G", "sort": "tracking_number"}
    grow(5)
    few = _queries(client, url, params)
    grow(45)
    many = _queries(client, url, params)
    assert few == many
    shown = client.get(url, params).content
    if url == XLSX:
        assert len(_sheet_rows(shown)) == 3 + 50
    else:
        assert b"YSQ-G000" in shown and (url == LIST or b"YSQ-G049" in shown)


def test_supervision_counts_applications_made_proactive(client_as, region):
    item = factories.ItemFactory(agency=region.a, title="已公开的答复")
    draft = factories.ItemFactory(agency=region.a, title="草稿", draft=True)
    for number, catalogue_item in (("P1", item), ("P2", draft), ("P3", None)):
        factories.ApplicationFactory(
            agency=region.a,
            tracking_number=number,
            received_on=date(2025, 3, 3),
            closed_on=date(2025, 3, 10),
            outcome="disclosed",
            catalogue_item=catalogue_item,
        )
    client = client_as(region.users["supervisor"])
    response = client.get(
        reverse("workspace:supervision"), {"region": region.county.pk, "year": 2025}
    )
    made = response.context["made_proactive"]
    assert (made.offered, made.published) == (2, 1)
    assert 'id="made-proactive"' in response.content.decode()


def test_text_that_looks_like_a_formula_stays_text(client_as, region):
    """An applicant's text is never run as a spreadsheet formula."""
    _app(region, "YSQ-F", description='=HYPERLINK("http://example.com","点此")')
    client = client_as(region.users["staff"])
    content = client.get(XLSX, {"bucket": "all"}).content
    sheet = load_workbook(BytesIO(content)).active
    cell = sheet.cell(row=4, column=4)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://example.com","点此")'
