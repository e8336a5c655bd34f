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
from .cases import dashboard_cases
from .directives import dashboard_directives
from .transfers import transfers_waiting

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
        # issue 14: the open applications the user helps with (“我协办的”)
        "helping_count": applications_in(
            "helping", agency_ids=ids, user=request.user
        ).count(),
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
        **dashboard_directives(ids),  # issue 14: 督办 not yet closed
        "transfers_waiting_count": transfers_waiting(ids).count(),  # issue 14
        **dashboard_cases(ids),  # issue 14: answers to reviews and lawsuits
    }
    return render(request, "workspace/dashboard.html", context)
