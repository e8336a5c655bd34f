"""The supervisor's view of a region: its units' reports (compiled, published, on
time), their open work and publishing, and a circular (通报) listing what falls
short, as a DOCX."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.accounts.permissions import Permission, Role, effective_role, requires
from gongkai.agencies.models import Agency
from gongkai.core.params import id_param, year_param
from gongkai.reports.views import attachment

from .. import oversight
from ..circular import DOCX_TYPE, circular_docx
from ..queues import applications_made_proactive
from ..region_reports import region_compilation_table
from ..selectors import region_overview
from .common import agency_for
from .directives import supervision_findings


def _region(request: HttpRequest) -> Agency:
    """The region asked for (``?region=ID``), else the supervisor's own."""
    asked = id_param(request.GET, "region")
    if asked is not None:
        return agency_for(request, asked, Permission.REGION_SUPERVISE)
    home = getattr(request.user, "agency", None)
    if home is None:
        if effective_role(request.user) == Role.ADMINISTRATOR:
            top = Agency.objects.filter(parent__isnull=True).order_by("path").first()
            if top is not None:
                return top
        raise Http404("您的账号没有关联地区，请联系系统管理员。")
    return agency_for(request, home.pk, Permission.REGION_SUPERVISE)


def _year(request: HttpRequest) -> int:
    last_year = timezone.localdate().year - 1
    return year_param(request.GET, default=last_year) or last_year


def _findings(region: Agency, year: int) -> dict:
    today = timezone.localdate()
    units = region_overview(region=region, year=year, today=today)
    months = oversight.months_elapsed(year, today)
    quota = settings.GONGKAI_PUBLISHING_QUOTA_PER_MONTH
    return {
        "region": region,
        "year": year,
        "today": today,
        "units": units,
        "months": months,
        "quota": quota,
        "late_reports": [u for u in units if u.report.on_time(today) is False],
        "below_quota": [u for u in units if u.below_quota(quota, months)],
        "stale": [u for u in units if u.stale_categories],
        "overdue": [u for u in units if u.overdue_applications or u.late_items],
        # 督办: the late work to direct, and the directives open and closed
        **supervision_findings(region, today, year, units),
    }


@requires(Permission.REGION_SUPERVISE)
def supervision(request: HttpRequest) -> HttpResponse:
    findings = _findings(_region(request), _year(request))
    units = findings["units"]
    most = max((u.items_published for u in units), default=0) or 1
    bars = [(u.name, u.items_published, 100 * u.items_published / most) for u in units]
    this_year = timezone.localdate().year
    context = {
        **findings,
        "bars": bars,
        "years": range(this_year, this_year - 6, -1),
        # issue 14: applications that led to proactive publication (第四十四条)
        "made_proactive": applications_made_proactive(
            agency_ids=findings["region"].subtree().values("pk"),
            year=findings["year"],
        ),
        # issue 14: the compile-and-publish status of the region's reports (附件2)
        "compilation": region_compilation_table(
            region=findings["region"],
            year=findings["year"],
            overview=units,
            today=findings["today"],
        ),
    }
    return render(request, "workspace/supervision.html", context)


@requires(Permission.REGION_SUPERVISE)
def circular(request: HttpRequest) -> HttpResponse:
    findings = _findings(_region(request), _year(request))
    body = circular_docx(**findings)
    name = (
        f"{findings['region'].name}{findings['year']}年度政府信息公开工作情况通报.docx"
    )
    return attachment(HttpResponse(body, content_type=DOCX_TYPE), name)
