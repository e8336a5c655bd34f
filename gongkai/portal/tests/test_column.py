"""Each agency's 政府信息公开专栏 (国办公开办函〔2019〕61号): its columns render, its
categories find their items, the 规范性文件 library filters by validity, 解读 and
documents link both ways, the application form downloads open, and the list pages
cost the same number of queries whatever they list."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.guide import Guide
from gongkai.catalog.models import (
    Category,
    DocumentKind,
    Interpretation,
    InterpretationForm,
    Validity,
)
from gongkai.catalog.selectors import categories_for
from gongkai.testing import factories

pytestmark = pytest.mark.django_db

ISSUED = date(2024, 3, 1)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def agency():
    """A bureau with a guide, a 查阅点, items in shared and own categories, and
    three documents: in force, expired and repealed, two of them interpreted."""
    government = factories.AgencyFactory(name="测试县人民政府")
    bureau = factories.AgencyFactory(name="测试县应急管理局", parent=government)
    Guide.objects.create(
        agency=bureau,
        office_name="测试县应急管理局办公室",
        address="测试县人民路1号",
        office_hours="工作日 9:00—17:00",
        phone="0859-1234567",
        fax="0859-1234568",
        email="gk@example.com",
    )
    factories.QueryPointFactory(
        agency=bureau, name="县档案馆查阅点", address="文化路8号"
    )
    Category.objects.create(agency=bureau, name="防灾减灾", article20_item=12)
    factories.ItemFactory(
        agency=bureau, title="机构职能说明", category="机构职能", article20_item=2
    )
    factories.ItemFactory(
        agency=bureau, title="汛期防灾提示", category="防灾减灾", article20_item=12
    )
    factories.ItemFactory(agency=bureau, title="局务会议动态", category="工作动态")
    return bureau


def document(agency, title, validity, repealed_on=None):
    return factories.ItemFactory(
        agency=agency,
        title=title,
        category="政策文件",
        article20_item=1,
        document_kind=DocumentKind.NORMATIVE,
        document_number=f"测应急发〔2024〕{len(title)}号",
        formed_on=ISSUED,
        validity=validity,
        repealed_on=repealed_on,
    )


@pytest.fixture
def documents(agency):
    valid = document(agency, "安全生产检查办法", Validity.VALID)
    expired = document(agency, "汛期值守暂行规定", Validity.EXPIRED, date(2025, 1, 1))
    repealed = document(
        agency, "旧应急预案管理办法", Validity.REPEALED, date(2025, 6, 1)
    )
    text = Interpretation.objects.create(
        agency=agency,
        item=valid,
        title="《安全生产检查办法》解读",
        body="一、出台背景",
        published_on=valid.published_on,
    )
    graphic = Interpretation.objects.create(
        agency=agency,
        item=repealed,
        title="一图读懂旧预案办法",
        form=InterpretationForm.GRAPHIC,
        published_on=repealed.published_on,
    )
    graphic.graphic.save(
        "图解.svg", ContentFile(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    )
    Interpretation.objects.create(
        agency=agency, item=expired, title="尚未发布的解读", published_on=None
    )
    return {
        "valid": valid,
        "expired": expired,
        "repealed": repealed,
        "text": text,
        "graphic": graphic,
    }


def page(client, name, agency, query=""):
    response = client.get(reverse(f"portal:{name}", args=[agency.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


COLUMNS = {
    "column": "法定主动公开内容",
    "guide": "县档案馆查阅点",
    "column_rules": "中华人民共和国政府信息公开条例",
    "column_statutory": "第二十条",
    "column_items": "全部主动公开信息",
    "column_policies": "规范性文件",
    "interpretations": "政策解读",
    "column_on_request": "办理流程图",
}


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_every_column_renders_with_the_standard_tabs(client, agency, documents, name):
    """Every page of the 专栏 shows the same columns, under the same names."""
    html = page(client, name, agency)
    assert COLUMNS[name] in html
    for column in (
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开年报",
        "依申请公开",
    ):
        assert column in html


def test_the_guide_has_the_standard_parts(client, agency):
    """The 指南 names where and when to apply, how to reach the office, the
    查阅点, the form, the flow, the fees and the remedies, and lists the
    agency's categories."""
    html = page(client, "guide", agency)
    for text in (
        "测试县人民路1号",
        "工作日 9:00—17:00",
        "0859-1234567",
        "0859-1234568",
        "gk@example.com",
        "县档案馆查阅点：文化路8号",
        "application-form.docx",
        "application-form.pdf",
        "办理流程图",
        "信息处理费",
        "行政复议",
        "行政诉讼",
        "测试县人民政府",
        "防灾减灾",
        "机构职能",
    ):
        assert text in html, text


def test_every_category_of_the_agency_finds_its_items(client, agency, documents):
    """The 主动公开基本目录 (the shared 通用目录 and the agency's own) is the one
    list: each category the statutory page links to lists its items, and the
    catalogue filter offers exactly the categories that hold items."""
    html = page(client, "column_statutory", agency)
    names = [c.name for c in categories_for(agency.pk)]
    assert "防灾减灾" in names and "机构职能" in names
    offered = client.get(reverse("portal:catalog"), {"agency": agency.pk})
    assert set(offered.context["categories"]) == {
        "机构职能",
        "防灾减灾",
        "工作动态",
        "政策文件",
    }
    for category in offered.context["categories"]:
        assert f"category={category}" in html or category in html
        found = client.get(
            reverse("portal:catalog"), {"agency": agency.pk, "category": category}
        )
        assert found.context["found"].total > 0, category
        listed = page(client, "column_items", agency, f"?category={category}")
        assert "共 0 条" not in listed


def test_the_article20_lists_hold_the_items_that_fulfil_them(client, agency):
    html = page(client, "column_items", agency, "?article20=12")
    assert "汛期防灾提示" in html and "机构职能说明" not in html
    assert "突发公共事件的应急预案" in html


@pytest.mark.parametrize(
    ("validity", "shown", "hidden"),
    [
        ("valid", "安全生产检查办法", "汛期值守暂行规定"),
        ("expired", "汛期值守暂行规定", "旧应急预案管理办法"),
        ("repealed", "旧应急预案管理办法", "安全生产检查办法"),
    ],
)
def test_the_library_filters_by_validity(
    client, agency, documents, validity, shown, hidden
):
    html = page(client, "column_policies", agency, f"?validity={validity}")
    assert shown in html
    assert hidden not in html


def test_an_ended_document_shows_its_end_date(client, agency, documents):
    html = page(client, "column_policies", agency)
    assert "失效日期 2025-01-01" in html
    assert "废止日期 2025-06-01" in html


def test_an_unknown_validity_is_a_bad_request(client, agency):
    response = client.get(
        reverse("portal:column_policies", args=[agency.pk]), {"validity": "forever"}
    )
    assert response.status_code == 400


def test_documents_and_interpretations_link_both_ways(client, agency, documents):
    """三同步: the policy shows its published 解读, the 解读 links to its policy;
    an unpublished 解读 is shown nowhere."""
    valid, text = documents["valid"], documents["text"]
    interpretation_url = reverse("portal:interpretation", args=[agency.pk, text.pk])
    item_url = reverse("portal:item", args=[valid.pk])
    library = page(client, "column_policies", agency)
    assert interpretation_url in library
    assert "尚未发布的解读" not in library
    detail = client.get(item_url).content.decode()
    assert interpretation_url in detail
    back = client.get(interpretation_url).content.decode()
    assert item_url in back and "一、出台背景" in back


def test_a_graphic_interpretation_shows_its_graphic(client, agency, documents):
    graphic = documents["graphic"]
    html = client.get(
        reverse("portal:interpretation", args=[agency.pk, graphic.pk])
    ).content.decode()
    src = reverse("portal:interpretation_graphic", args=[agency.pk, graphic.pk])
    assert src in html and "图文解读" in html
    assert client.get(src).status_code == 200


def test_an_unpublished_interpretation_is_not_found(client, agency, documents):
    hidden = Interpretation.objects.get(title="尚未发布的解读")
    url = reverse("portal:interpretation", args=[agency.pk, hidden.pk])
    assert client.get(url).status_code == 404


def test_the_application_form_downloads_open(client, agency):
    """The DOCX opens in python-docx and asks what the online form asks; the PDF
    is a PDF."""
    from docx import Document

    response = client.get(reverse("portal:application_form", args=[agency.pk, "docx"]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "测试县应急管理局政府信息公开申请表" in "\n".join(
        p.text for p in document.paragraphs
    )
    for label in ("申请人信息", "所需信息情况", "申请人签名"):
        assert label in text
    pdf = client.get(reverse("portal:application_form", args=[agency.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert (
        client.get(
            reverse("portal:application_form", args=[agency.pk, "exe"])
        ).status_code
        == 404
    )


def test_the_agency_list_lists_every_agency_with_a_way_to_ask(client, agency):
    html = client.get(reverse("portal:agencies")).content.decode()
    assert "测试县人民政府" in html and "测试县应急管理局" in html
    assert reverse("portal:ask", args=[agency.pk]) in html
    assert reverse("portal:column", args=[agency.pk]) in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("column_policies", ""),
        ("interpretations", ""),
        ("column_items", "?category=政策文件"),
        ("column_statutory", ""),
    ],
)
def test_list_pages_cost_the_same_queries_whatever_they_list(
    client, agency, documents, name, query
):
    url = reverse(f"portal:{name}", args=[agency.pk]) + query
    small = _queries(client, url)
    for n in range(12):
        extra = document(agency, f"追加文件{n}号办法", Validity.VALID)
        Interpretation.objects.create(
            agency=agency, item=extra, title=f"追加解读{n}", published_on=ISSUED
        )
    assert _queries(client, url) == small
