"""The report pages a visitor opens and the files they download."""

from datetime import date
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from gongkai.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(government):
    """Two applications received in 2021 by the government's departments."""
    for unit in government.children.all():
        factories.ApplicationFactory(
            agency=unit,
            received_on=date(2021, 3, 1),
            applicant_type="business",
            outcome="disclosed",
            closed_on=date(2021, 3, 10),
        )
    return government


def test_the_index_lists_every_agency_with_links_to_its_years(client, ledger):
    page = client.get("/").content.decode()
    assert "测试县教育局" in page
    assert f"/reports/{ledger.pk}/2021/" in page


def test_the_report_page_shows_the_official_tables_and_the_downloads(client, ledger):
    page = client.get(f"/reports/{ledger.pk}/2021/").content.decode()
    assert "收到和处理政府信息公开申请情况" in page
    assert "（本列数据的勾稽关系为" in page
    for extension in ("DOCX", "PDF", "XLSX", "JSON", "TXT"):
        assert f">{extension}</a>" in page
    assert "汇总本机关及所属各单位" in page  # offered to a government only


def test_a_region_counts_its_units_and_the_agency_alone_does_not(client, ledger):
    alone = client.get(f"/reports/{ledger.pk}/2021/report.json").json()
    region = client.get(f"/reports/{ledger.pk}/2021/report.json?region=1").json()

    def received(data):
        return next(
            c["value"]
            for c in data["cells"]
            if c["table"] == "三"
            and c["row"].startswith("一、")
            and c["column"] == "申请人情况/法人或其他组织/商业企业"
        )

    assert received(alone) == 0
    assert received(region) == 2


def test_a_past_year_is_built_in_its_own_format_unless_another_is_asked(client, ledger):
    assert (
        client.get(f"/reports/{ledger.pk}/2017/report.json").json()["format"]
        == "legacy"
    )
    assert (
        client.get(f"/reports/{ledger.pk}/2020/report.json").json()["format"] == "2019"
    )
    asked = client.get(f"/reports/{ledger.pk}/2019/report.json?format=guizhou-2019")
    assert asked.json()["format"] == "guizhou-2019"


def test_a_format_that_does_not_cover_the_year_is_refused(client, ledger):
    assert client.get(f"/reports/{ledger.pk}/2017/?format=2021").status_code == 404
    assert (
        client.get(f"/reports/{ledger.pk}/2021/?format=nonexistent").status_code == 404
    )


def test_the_downloads_are_real_office_files_named_for_the_report(client, ledger):
    response = client.get(f"/reports/{ledger.pk}/2021/report.docx?region=1")
    assert "attachment" in response["Content-Disposition"]
    assert "2021" in response["Content-Disposition"]
    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert "总体情况" in text

    sheets = load_workbook(
        BytesIO(client.get(f"/reports/{ledger.pk}/2021/report.xlsx").content)
    ).sheetnames
    assert "三" in sheets


def test_an_unknown_download_extension_is_not_found(client, ledger):
    assert client.get(f"/reports/{ledger.pk}/2021/report.exe").status_code == 404
