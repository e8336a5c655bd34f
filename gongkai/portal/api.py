"""The public site for programs: a read-only JSON API (django-ninja).

What a person reads on the portal, a program reads here: the published catalogue
with its filters, each agency's published annual reports in the open schema
(``gongkai.annual-report/1``), and the corpus of imported reports with their
findings. Read-only, paginated, counted against ``GONGKAI_RATE_LIMITS["api"]``
requests an hour per address, and with no personal data: items, reports and
imported reports hold none (an application is never served). The OpenAPI
document is served at ``/api/v1/openapi.json`` and kept in
``docs/reference/openapi.json``, which a test compares with it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from gongkai.catalog.search import SearchFilters, SearchQuery, search
from gongkai.importer.selectors import current_reports
from gongkai.reports.selectors import report_versions

from . import queries
from .guard import rate_take

PER_PAGE = 50


class Limited(Exception):
    """The address used up its requests of the hour."""


def _counted(request: HttpRequest) -> bool:
    if not rate_take("api", request):
        raise Limited
    return True


api = NinjaAPI(
    title="gongkai 政府信息公开数据接口",
    version="1",
    description=(
        "只读接口：已发布的主动公开目录、各机关已发布的政府信息公开工作年度报告"
        "（开放格式）、已导入的年度报告及其检查结果。分页，按访问地址限流，"
        "不含个人信息。"
    ),
    docs_url=None,  # the interactive page runs inline scripts, which the CSP forbids
    urls_namespace="api",
    auth=_counted,
)


@api.exception_handler(Limited)
def _limited(request: HttpRequest, exc: Limited) -> Any:
    return api.create_response(
        request, {"detail": "访问过于频繁，请一小时后再试。"}, status=429
    )


class AgencyOut(Schema):
    id: int
    name: str
    credit_code: str
    parent_id: int | None


class ItemOut(Schema):
    id: int
    agency_id: int
    agency: str
    index_number: str
    title: str
    document_number: str
    category: str
    summary: str
    formed_on: date | None
    published_on: date | None
    url: str


class ItemFilters(Schema):
    q: str = ""
    agency: int | None = None
    category: str = ""
    year: int | None = None
    article20: int | None = None


class ReportOut(Schema):
    agency_id: int
    year: int
    version: int
    region: bool
    format: str
    published_at: str
    sha256: str


class ImportedOut(Schema):
    id: int
    agency: str
    region: str
    year: int
    format: str
    file: str
    published_on: date | None
    errors: int
    warnings: int

    @staticmethod
    def resolve_agency(report: Any) -> str:
        return str(report.agency_name)

    @staticmethod
    def resolve_file(report: Any) -> str:
        return str(report.file_name)

    @staticmethod
    def resolve_errors(report: Any) -> int:
        return sum(1 for f in _findings(report) if f.get("severity") == "error")

    @staticmethod
    def resolve_warnings(report: Any) -> int:
        return sum(1 for f in _findings(report) if f.get("severity") != "error")


def _findings(report: Any) -> list[dict[str, Any]]:
    return list(report.data.get("findings", []))


@api.get("/agencies", response=list[AgencyOut], summary="机关")
@paginate(PageNumberPagination, page_size=PER_PAGE)
def agencies(request: HttpRequest) -> Any:
    return queries.agencies_all()


@api.get("/catalog/items", response=list[ItemOut], summary="已发布的主动公开信息")
def catalog_items(
    request: HttpRequest, filters: Query[ItemFilters], page: int = 1
) -> Any:
    if page < 1:
        raise HttpError(400, "页码从 1 开始。")
    agency_ids = None
    if filters.agency is not None:
        agency = queries.agency(filters.agency)
        if agency is None:
            raise HttpError(404, "没有这个机关。")
        agency_ids = (agency.pk,)
    try:
        found = search(
            SearchQuery(
                text=filters.q,
                filters=SearchFilters(
                    agency_ids=agency_ids,
                    category=filters.category,
                    year=filters.year,
                    article20_item=filters.article20,
                ),
                page=page,
                per_page=PER_PAGE,
            )
        )
    except ValueError as error:
        raise HttpError(400, "查询参数不正确。") from error
    return [_item(hit.item) for hit in [*found.exact, *found.hits]]


def _item(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "agency_id": item.agency_id,
        "agency": item.agency.name,
        "index_number": item.index_number,
        "title": item.title,
        "document_number": item.document_number,
        "category": item.category,
        "summary": item.summary,
        "formed_on": item.formed_on,
        "published_on": item.published_on,
        "url": reverse("portal:item", args=[item.pk]),
    }


@api.get(
    "/agencies/{agency_id}/reports",
    response=list[ReportOut],
    summary="机关已发布的年度报告",
)
def agency_reports(request: HttpRequest, agency_id: int, region: bool = False) -> Any:
    agency = _agency(agency_id)
    return [_version(v) for v in queries.published_reports(agency, region=region)]


@api.get(
    "/agencies/{agency_id}/reports/{year}",
    summary="一份年度报告（开放格式，最新版本）",
)
def agency_report(
    request: HttpRequest, agency_id: int, year: int, region: bool = False
) -> Any:
    agency = _agency(agency_id)
    version = report_versions(agency=agency, year=year, region=region).first()
    if version is None:
        raise HttpError(404, "该年度报告尚未发布。")
    return {**_version(version), "report": version.snapshot}


def _agency(agency_id: int) -> Any:
    found = queries.agency(agency_id)
    if found is None:
        raise HttpError(404, "没有这个机关。")
    return found


def _version(version: Any) -> dict[str, Any]:
    return {
        "agency_id": version.agency_id,
        "year": version.year,
        "version": version.number,
        "region": version.region,
        "format": version.format,
        "published_at": version.published_at.isoformat(),
        "sha256": version.sha256,
    }


@api.get("/corpus/reports", response=list[ImportedOut], summary="已导入的年度报告")
@paginate(PageNumberPagination, page_size=PER_PAGE)
def corpus(
    request: HttpRequest, year: int | None = None, region: str | None = None
) -> Any:
    return current_reports(year=year, region=region)


@api.get("/corpus/reports/{report_id}", summary="一份已导入的年度报告及其检查结果")
def corpus_report(request: HttpRequest, report_id: int) -> Any:
    found = current_reports().filter(pk=report_id).first()
    if found is None:
        raise HttpError(404, "没有这份已导入的报告（或已被新版本替换）。")
    return {**ImportedOut.from_orm(found).dict(), "report": found.data}
