"""The home page: the latest published items, the agencies, and what to do next."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import queries
from ..caching import public_page

LATEST_ITEMS = 10
LATEST_ANSWERS = 5


@public_page
def home(request: HttpRequest) -> HttpResponse:
    items, answers, governments = queries.home_lists(LATEST_ITEMS, LATEST_ANSWERS)
    context = {"items": items, "answers": answers, "governments": governments}
    return render(request, "portal/home.html", context)
