"""Where a record opens in the workspace: its own page when it has one, else its
audit trail. Used wherever records are listed (a cell's records, the audit)."""

from __future__ import annotations

from django.db.models import Model
from django.urls import NoReverseMatch, reverse

# app_label.model → the workspace page showing one such record.
RECORD_PAGES: dict[str, str] = {
    "activities.enquiry": "workspace:enquiry",
    "applications.application": "workspace:application",
    "catalog.item": "workspace:item",
    "cases.administrativereview": "workspace:case_review",  # issue 14
    "cases.litigation": "workspace:case_litigation",  # issue 14
}


def record_key(record: Model) -> str:
    return f"{record._meta.app_label}.{record._meta.model_name}"


def record_link(record: Model) -> str | None:
    page = RECORD_PAGES.get(record_key(record))
    try:
        if page:
            return reverse(page, args=[record.pk])
        return reverse("workspace:audit", args=[record_key(record), record.pk])
    except NoReverseMatch:
        return None
