"""The dashboard: what waits for the user today."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.accounts.permissions import Permission, agencies_in_scope, can, requires
from gongkai.activities import selectors as activities
from gongkai.reports.selectors import report_state

from ..queues import (
    applications_in,
    items_awaiting,
    notices_failed,
    reports_awaiting,
)

WAITING_SHOWN = 10


@requires(Permission.WORKSPACE_VIEW)
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = agencies_in_scope(request.user)
    ids = scope.values("pk")
    last_year = timezone.localdate().year - 1
    home = getattr(request.user, "agency", None)
    counts = {
        bucket: applications_in(bucket, agency_ids=ids).count()
        for bucket in (
            "due_soon",
            "overdue",
            "paused",
            "to_confirm",
            "online_corrections",  # issue 13
            "receipts_to_confirm",  # issue 13
        )
    }
    context = {
        "counts": counts,
        "due_soon": applications_in("due_soon", agency_ids=ids)[:WAITING_SHOWN],
        "overdue": applications_in("overdue", agency_ids=ids)[:WAITING_SHOWN],
        "items_awaiting": items_awaiting(request.user, agency_ids=ids)[:WAITING_SHOWN],
        "reports_awaiting": reports_awaiting(request.user, agency_ids=ids),
        "notices_failed": notices_failed(agency_ids=ids)[:WAITING_SHOWN],
        "notices_failed_count": notices_failed(agency_ids=ids).count(),
        "enquiries_waiting": activities.enquiries_waiting(
            agency_ids=ids
        ).select_related("agency")[:WAITING_SHOWN],
        "enquiries_waiting_count": activities.enquiries_waiting(agency_ids=ids).count(),
        "last_year": last_year,
        "home": home,
        "home_report_state": report_state(agency=home, year=last_year)
        if home
        else None,
        "may_supervise": can(request.user, Permission.REGION_SUPERVISE),
    }
    return render(request, "workspace/dashboard.html", context)
