"""Agency pages: the list of agencies, and each agency's page."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .. import queries
from ..caching import public_page

LATEST_ITEMS = 8


@public_page
def agency_list(request: HttpRequest) -> HttpResponse:
    # The tree in path order, each agency indented by its depth.
    context = {
        "agencies": queries.agencies_listed(),
        "whole": queries.whole_tree_listed(),
    }
    return render(request, "portal/agency_list.html", context)


@public_page
def agency_detail(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = queries.agency(agency_id, with_parent=True)  # in the breadcrumbs
    if agency is None:
        raise Http404("没有这个机关")
    context = {
        "agency": agency,
        "units": agency.children.order_by("path"),
        "items": queries.items_listed(agency)[:LATEST_ITEMS],
        "reports": queries.published_reports(agency),
        "answers": queries.answers_listed(agency)[:5],
    }
    return render(request, "portal/agency_detail.html", context)
