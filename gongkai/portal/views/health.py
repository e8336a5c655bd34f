"""A health check for load balancers and monitoring: answers without touching the
database, so it is also the bare Django view ``gongkai bench web`` compares the
pages with."""

from django.http import HttpRequest, HttpResponse


def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
