"""The catalogue: browse and search published items, and read one item with its
metadata block. (Each agency's guide is in ``column``.)"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.search import Sort
from gongkai.core.files import download
from gongkai.core.params import id_param, page_param, text_param, year_param

from .. import queries
from ..caching import public_page

PER_PAGE = 20
SORTS = [
    (Sort.RELEVANCE, _("Relevance")),
    (Sort.NEWEST, _("Newest first")),
    (Sort.OLDEST, _("Oldest first")),
]


@dataclass(frozen=True)
class Pages:
    """What ``{% pagination %}`` (``core.templatetags.pages``) reads, for a page of
    search hits."""

    number: int
    num_pages: int

    @property
    def paginator(self) -> Pages:
        return self

    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


@public_page
def catalog(request: HttpRequest) -> HttpResponse:
    params = request.GET
    text = text_param(params, "q")
    agency_id = id_param(params, "agency")
    agency = queries.agency(agency_id) if agency_id else None
    # By relevance unless asked otherwise: the form offers it first, so words typed
    # on a page that was browsing newest first are still found best first (with no
    # words, "relevance" lists the newest first).
    sort = params.get("sort") or Sort.RELEVANCE
    if sort not in Sort.__members__.values():
        sort = Sort.NEWEST
    found = queries.catalogue_search(
        text=text,
        agency=agency,
        category=text_param(params, "category"),
        year=year_param(params),
        sort=sort,
        page=page_param(params),
        per_page=PER_PAGE,
    )
    kept = {k: v for k, v in params.items() if k != "page" and v}
    if found.query.page > found.pages:  # an old link, or fewer hits than before
        return redirect(f"{request.path}?{urlencode({**kept, 'page': found.pages})}")
    context = {
        "found": found,
        "q": params.get("q", ""),
        "agency": agency,
        "agency_id": agency.pk if agency else None,
        "agencies": queries.agency_choices(agency),
        "sort": sort,
        "sorts": SORTS,
        "category": params.get("category", ""),
        "categories": queries.catalogue_categories(agency),
        "year": params.get("year", ""),
        "page_obj": Pages(found.query.page, found.pages),
        "query_string": urlencode(kept),
    }
    return render(request, "portal/catalog.html", context)


@public_page
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    page = queries.item_page(item_id)
    if page is None:
        raise Http404("该信息不存在或未公开")
    context = {
        "item": page.item,
        "attachments": page.attachments,
        "interpretations": page.interpretations,
        "channels": page.channels,
    }
    return render(request, "portal/item_detail.html", context)


def attachment(
    request: HttpRequest, item_id: int, attachment_id: int
) -> HttpResponseBase:
    """A file published with an item; none of an unpublished item's."""
    item = queries.item_public(item_id)
    found = item.attachments.filter(pk=attachment_id).first() if item else None
    if found is None or not found.file:
        raise Http404("该文件不存在或未公开")
    return download(found.file, filename=found.name)
