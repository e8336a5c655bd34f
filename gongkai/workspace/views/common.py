"""What every workspace view does first: find the record and authorise the user.

A record outside the user's scope answers 403, not 404: staff learn that the page
exists but is not theirs, as the permission test expects; a record that does not
exist answers 404.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.models import Agency

M = TypeVar("M", bound=Model)


def agency_for(request: HttpRequest, agency_id: int, action: Permission) -> Agency:
    agency = get_object_or_404(Agency, pk=agency_id)
    authorize(request.user, action, agency)
    return agency


def record_for(
    request: HttpRequest, model: type[M], pk: Any, action: Permission, **related: Any
) -> M:
    """The record ``pk`` of ``model`` (which has an ``agency``), if the user may
    take ``action`` on its agency's records."""
    queryset = model._default_manager.select_related("agency", *related.get("also", ()))
    record = get_object_or_404(queryset, pk=pk)
    authorize(request.user, action, record.agency)  # type: ignore[attr-defined]
    return record


def refusal(request: HttpRequest, error: ValidationError) -> None:
    """Show a service's refusal (its Chinese messages) on the next page."""
    for message in error.messages:
        messages.error(request, message)


def home_agency(request: HttpRequest) -> Agency | None:
    return getattr(request.user, "agency", None)
