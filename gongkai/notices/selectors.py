"""Reading notices: an application's, and those that failed for good."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongkai.applications.models import Application

from .models import Notice, NoticeStatus


def notices_of(application: Application) -> QuerySet[Notice]:
    """An application's notices, oldest first (each with its count of tries)."""
    return Notice.objects.filter(application=application).order_by("created_at", "pk")


def notices_failed(*, agency_ids: Any) -> QuerySet[Notice]:
    """Notices that could not be sent after their last try, in the agencies of
    ``agency_ids``: each is a task for the application's handler."""
    return (
        Notice.objects.filter(
            status=NoticeStatus.FAILED, application__agency_id__in=agency_ids
        )
        .select_related("application", "application__agency", "application__handler")
        .order_by("updated_at", "pk")
    )
