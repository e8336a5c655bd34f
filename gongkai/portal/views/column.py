"""Each agency's 政府信息公开专栏, as 国办公开办函〔2019〕61号《关于规范政府信息公开平台
有关事项的通知》 asks every agency to keep it: one name, one format, the same columns
everywhere (政府信息公开指南, 政府信息公开制度, 法定主动公开内容, 政府信息公开年报),
and 依申请公开 with the application form and the flow chart.

法定主动公开内容 is browsed by the items of 《政府信息公开条例》第二十条 and by the
agency's own 主动公开基本目录 (``gongkai.catalog.categories``); beside it the
规范性文件 library, filtered by validity, each document with its 解读, and each 解读
linking back to its document (三同步).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.http import content_disposition_header

from gongkai.agencies.models import Agency
from gongkai.catalog import selectors as catalog
from gongkai.catalog.categories import ARTICLE20, article20_label
from gongkai.catalog.models import Category, Validity
from gongkai.core.files import download
from gongkai.core.params import choice_param, int_param, page_param, text_param

from .. import blank_form, queries
from ..caching import public_page

PER_PAGE = 20
VALIDITIES = (Validity.VALID, Validity.EXPIRED, Validity.REPEALED)
LISTED = ("title", "published_on", "document_number", "agency__name", "category")


def _agency(agency_id: int) -> Agency:
    agency = queries.agency(agency_id, with_parent=True)
    if agency is None:
        raise Http404("没有这个机关")
    return agency


@dataclass(frozen=True)
class Heading:
    """One line of the 法定主动公开内容: a 第二十条 item or a category, and how many
    published items it holds."""

    label: str
    text: str
    count: int
    query: str  # the list's query string


@public_page
def column(request: HttpRequest, agency_id: int) -> HttpResponse:
    """The 专栏's front page: its columns, and what each holds."""
    agency = _agency(agency_id)
    context = {
        "agency": agency,
        "tab": "column",
        "guide": queries.guide(agency),
        "latest": queries.items_listed(agency)[:8],
        "reports": queries.published_reports(agency)[:3],
        "documents": catalog.documents_listed(agency_ids=[agency.pk]).count(),
    }
    return render(request, "portal/column/index.html", context)


@public_page
def statutory(request: HttpRequest, agency_id: int) -> HttpResponse:
    """法定主动公开内容: by 第二十条 item, and by the agency's 主动公开基本目录."""
    agency = _agency(agency_id)
    by_article = catalog.article20_counts(agency_ids=[agency.pk])
    by_category = catalog.category_counts(agency_ids=[agency.pk])
    articles = [
        Heading(
            article20_label(n),
            text,
            by_article.get(n, 0),
            urlencode({"article20": n}),
        )
        for n, text in ARTICLE20.items()
    ]
    categories = [
        Heading(c.name, _category_text(c), by_category.get(c.name, 0), "")
        for c in catalog.categories_for(agency.pk)
    ]
    categories = [
        Heading(h.label, h.text, h.count, urlencode({"category": h.label}))
        for h in categories
    ]
    context = {
        "agency": agency,
        "tab": "statutory",
        "articles": articles,
        "categories": categories,
    }
    return render(request, "portal/column/statutory.html", context)


def _category_text(category: Category) -> str:
    if category.article20_item:
        return f"第二十条第{article20_label(category.article20_item)}项"
    return "本机关主动公开基本目录" if category.agency_id else "通用目录"


@public_page
def items(request: HttpRequest, agency_id: int) -> HttpResponse:
    """The items of one 第二十条 item or one category, newest first."""
    agency = _agency(agency_id)
    params = request.GET
    article20 = int_param(params, "article20", low=1, high=15)
    category = text_param(params, "category", max_length=32)
    found = queries.items_public(agency).only(*LISTED)
    if article20:
        found = found.filter(article20_item=article20)
        heading = f"第二十条第{article20_label(article20)}项：{ARTICLE20[article20]}"
    elif category:
        found = found.filter(category=category)
        heading = category
    else:
        heading = "全部主动公开信息"
    page = Paginator(found, PER_PAGE).get_page(page_param(params))
    kept = {k: v for k, v in params.items() if k != "page" and v}
    context = {
        "agency": agency,
        "tab": "statutory",
        "heading": heading,
        "page_obj": page,
        "items": page.object_list,
        "query_string": urlencode(kept),
    }
    return render(request, "portal/column/items.html", context)


@public_page
def policies(request: HttpRequest, agency_id: int) -> HttpResponse:
    """The 规范性文件 library: rules and normative documents, with their validity
    (有效, 失效, 废止, and the date it ended) and their 解读."""
    agency = _agency(agency_id)
    validity = choice_param(request.GET, "validity", VALIDITIES, "")
    found = catalog.documents_listed(agency_ids=[agency.pk], validity=validity)
    page = Paginator(found, PER_PAGE).get_page(page_param(request.GET))
    context = {
        "agency": agency,
        "tab": "policies",
        "validity": validity,
        "validities": [(v.value, v.label) for v in VALIDITIES],
        "page_obj": page,
        "documents": page.object_list,
        "query_string": urlencode({"validity": validity} if validity else {}),
    }
    return render(request, "portal/column/policies.html", context)


@public_page
def interpretations(request: HttpRequest, agency_id: int) -> HttpResponse:
    """政策解读: newest first, each naming the document it explains."""
    agency = _agency(agency_id)
    found = catalog.interpretations_listed(agency_ids=[agency.pk])
    page = Paginator(found, PER_PAGE).get_page(page_param(request.GET))
    context = {
        "agency": agency,
        "tab": "interpretations",
        "page_obj": page,
        "interpretations": page.object_list,
        "query_string": "",
    }
    return render(request, "portal/column/interpretations.html", context)


@public_page
def interpretation(
    request: HttpRequest, agency_id: int, interpretation_id: int
) -> HttpResponse:
    """One 解读: its text, its graphic or its video, and its document."""
    agency = _agency(agency_id)
    found = catalog.interpretation_public(
        agency_id=agency.pk, interpretation_id=interpretation_id
    )
    if found is None:
        raise Http404("该解读不存在或未发布")
    document = found.item if found.item and found.item.published_on else None
    context = {
        "agency": agency,
        "tab": "interpretations",
        "interpretation": found,
        "document": document,
    }
    return render(request, "portal/column/interpretation.html", context)


def interpretation_graphic(
    request: HttpRequest, agency_id: int, interpretation_id: int
) -> HttpResponseBase:
    """The graphic of a published 图文解读."""
    agency = _agency(agency_id)
    found = catalog.interpretation_public(
        agency_id=agency.pk, interpretation_id=interpretation_id
    )
    if found is None or not found.graphic:
        raise Http404("该解读图不存在或未发布")
    name = found.graphic.name or "解读图"
    return download(found.graphic, filename=name.rsplit("/", 1)[-1])


@public_page
def rules(request: HttpRequest, agency_id: int) -> HttpResponse:
    """政府信息公开制度: the 条例 and the agency's own rules of its disclosure work."""
    agency = _agency(agency_id)
    own = queries.items_public(agency).filter(category="政府信息公开").only(*LISTED)
    context = {"agency": agency, "tab": "rules", "items": own[:50]}
    return render(request, "portal/column/rules.html", context)


@public_page
def on_request(request: HttpRequest, agency_id: int) -> HttpResponse:
    """依申请公开: how to apply, the form to download, the flow chart."""
    agency = _agency(agency_id)
    context = {
        "agency": agency,
        "tab": "on_request",
        "guide": queries.guide(agency),
        "steps": blank_form.FLOW,
    }
    return render(request, "portal/column/on_request.html", context)


@public_page
def guide(request: HttpRequest, agency_id: int) -> HttpResponse:
    """政府信息公开指南 in the structure published guides share."""
    agency = _agency(agency_id)
    context = {
        "agency": agency,
        "tab": "guide",
        "guide": queries.guide(agency),
        "categories": list(catalog.categories_for(agency.pk)),
        "points": agency.query_points.filter(closed_on__isnull=True).order_by("pk"),
        "steps": blank_form.FLOW,
        "fees": blank_form.FEES,
        "remedies": blank_form.REMEDIES,
        "superior": agency.parent,
    }
    return render(request, "portal/guide.html", context)


def application_form(
    request: HttpRequest, agency_id: int, extension: str
) -> HttpResponse:
    """The application form (政府信息公开申请表) to print and fill in: DOCX or PDF,
    with the same questions as the online form."""
    agency = _agency(agency_id)
    if extension not in blank_form.FORMATS:
        raise Http404("没有这种格式")
    content_type, make = blank_form.FORMATS[extension]
    response = HttpResponse(make(agency), content_type=content_type)
    filename = f"{agency.name}政府信息公开申请表.{extension}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
