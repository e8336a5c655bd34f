"""The work lists of the dashboard and the applications page: what is due soon,
overdue, paused, waiting for confirmation, and what waits for the user's own
sign-off. A paused application is never overdue (its clock stands still:
《政府信息公开条例》第三十条、第三十三条第三款)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.permissions import Permission, role_allows
from gongkai.applications import selectors as applications
from gongkai.applications.models import (
    PAUSED_STATUSES,
    Application,
    ApplicationHelper,
    ApplicationStatus,
    PaymentReceipt,
)
from gongkai.applications.reminders import SOON
from gongkai.catalog.models import Item, ItemStatus
from gongkai.catalog.workflow import AWAITED
from gongkai.notices import selectors as notices
from gongkai.notices.models import Notice
from gongkai.reports.models import ReportReview
from gongkai.reports.selectors import reports_awaiting_sign_off
from gongkai.workdays.selectors import work_calendar

BUCKETS = {
    "open": _("Open"),
    "due_soon": _("Due within 5 working days"),
    "overdue": _("Overdue"),
    "paused": _("Paused"),
    "to_confirm": _("Awaiting confirmation"),
    "closed": _("Closed"),
    # issue 13: what the applicant sent on the tracking page
    "online_corrections": _("Online corrections to handle"),
    "receipts_to_confirm": _("Payment receipts to confirm"),
    # issue 14: the register of every application, and the user's own as helper
    "helping": "我协办的",
    "all": "全部申请",
}


def applications_in(
    bucket: str, *, agency_ids: Any, user: Any = None
) -> QuerySet[Application]:
    """The applications of one list, within ``agency_ids``; “我协办的” are those
    ``user`` helps with (none without a user)."""
    today = timezone.localdate()
    running = applications.applications_with_running_clock(agency_ids=agency_ids)
    found = {
        "open": lambda: applications.applications_open(agency_ids=agency_ids),
        "due_soon": lambda: running.filter(
            due_on__gte=today, due_on__lte=work_calendar().nth_after(today, SOON)
        ),
        "overdue": lambda: running.filter(due_on__lt=today),
        "paused": lambda: applications.applications_open(agency_ids=agency_ids).filter(
            status__in=PAUSED_STATUSES
        ),
        "to_confirm": lambda: Application.objects.filter(
            agency_id__in=agency_ids, status=ApplicationStatus.SUBMITTED
        ),
        "closed": lambda: Application.objects.filter(
            agency_id__in=agency_ids, closed_on__isnull=False
        ).order_by("-closed_on", "-pk"),
        "online_corrections": lambda: Application.objects.filter(
            agency_id__in=agency_ids,
            correction__online_answer__isnull=False,
            correction__online_answer__seen_at__isnull=True,
        ),
        "receipts_to_confirm": lambda: Application.objects.filter(
            agency_id__in=agency_ids,
            closed_on__isnull=True,
            fee_notice__paid_on__isnull=True,
            fee_notice__waived_on__isnull=True,
            pk__in=PaymentReceipt.objects.filter(confirmed_at__isnull=True).values(
                "fee_notice__application"
            ),
        ),
        "helping": lambda: Application.objects.filter(
            agency_id__in=agency_ids,
            closed_on__isnull=True,
            pk__in=ApplicationHelper.objects.filter(
                user_id=getattr(user, "pk", None) or 0
            ).values("application"),
        ),
        "all": lambda: Application.objects.filter(agency_id__in=agency_ids).order_by(
            "-received_on", "-submitted_on", "-pk"
        ),
    }[bucket]()
    if bucket not in ("closed", "all"):
        found = found.order_by("due_on", "submitted_on", "pk")
    return found.select_related("agency", "handler")


def items_awaiting(user: Any, *, agency_ids: Any) -> QuerySet[Item]:
    """Catalogue items in review whose awaited step the user's role may take."""
    statuses = [
        status
        for status, (_step, permission) in AWAITED.items()
        if role_allows(user, permission)
    ]
    return (
        Item.objects.filter(agency_id__in=agency_ids, status__in=statuses)
        .select_related("agency")
        .order_by("updated_at")
    )


def reports_awaiting(user: Any, *, agency_ids: Any) -> QuerySet[ReportReview]:
    """Reports submitted for the sign-off the user may give."""
    if not role_allows(user, Permission.REPORT_SIGN_OFF):
        return ReportReview.objects.none()
    return reports_awaiting_sign_off(agency_ids=agency_ids)


def notices_failed(*, agency_ids: Any) -> QuerySet[Notice]:
    """Notices to applicants not sent after their last try (gongkai.notices): a
    task for each application's handler."""
    return notices.notices_failed(agency_ids=agency_ids)


@dataclass(frozen=True)
class MadeProactive:
    """Of the applications answered in a year, how many were offered to the
    catalogue (第四十四条) and how many of those are published."""

    offered: int
    published: int


def applications_made_proactive(*, agency_ids: Any, year: int) -> MadeProactive:
    """The applications answered in ``year`` whose released information was
    offered to the catalogue, and those whose catalogue item is published."""
    counts = Application.objects.filter(
        agency_id__in=agency_ids,
        closed_on__year=year,
        catalogue_item__isnull=False,
    ).aggregate(
        offered=Count("pk"),
        published=Count("pk", filter=Q(catalogue_item__status=ItemStatus.PUBLISHED)),
    )
    return MadeProactive(offered=counts["offered"], published=counts["published"])
