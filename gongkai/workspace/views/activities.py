"""Entering what the report counts but gongkai does not run: activities (press
conferences, responses, proposals …) and attested figures (licences, penalties,
fees … held in other systems, entered with their source document).

The services authorise (role and the chosen agency's scope) and apply the period
lock; these views parse the form, call the service and show its refusal. A user
refused for role or scope gets 403 (``NotPermitted`` passes through)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import (
    Permission,
    agencies_in_scope,
    requires,
    signed_in,
)
from gongkai.activities import selectors
from gongkai.activities.services import activity_record
from gongkai.agencies.attested import NATIONAL_KEYS
from gongkai.agencies.models import AttestedFigure
from gongkai.agencies.services import attested_figure_set
from gongkai.core.workflow import NotPermitted

from ..forms import ActivityForm, AttestedFigureForm
from .common import refusal

PER_PAGE = 30


@requires(Permission.ACTIVITY_RECORD)
def activity_list(request: HttpRequest) -> HttpResponse:
    agencies = agencies_in_scope(request.user)
    form = ActivityForm(request.POST or None)
    form.limit_agencies(agencies)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency = data.pop("agency")
        try:
            activity_record(acting_user=signed_in(request), agency=agency, **data)
        except NotPermitted:
            raise
        except ValidationError as error:
            refusal(request, error)
        else:
            messages.success(request, _("The activity was recorded."))
            return redirect("workspace:activities")
    activities = selectors.activities_of(agency_ids=agencies.values("pk"))
    page = Paginator(activities, PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page}
    return render(request, "workspace/activity_list.html", context)


@requires(Permission.ATTESTED_ENTER)
def attested_list(request: HttpRequest) -> HttpResponse:
    agencies = agencies_in_scope(request.user)
    keys = {key: spec.label for key, spec in NATIONAL_KEYS.items()}
    form = AttestedFigureForm(
        request.POST or None,
        keys=keys,
        initial={"year": timezone.localdate().year - 1},
    )
    form.limit_agencies(agencies)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency = data.pop("agency")
        try:
            attested_figure_set(acting_user=signed_in(request), agency=agency, **data)
        except NotPermitted:
            raise
        except ValidationError as error:
            refusal(request, error)
        else:
            messages.success(request, _("The figure was attested."))
            return redirect("workspace:attested")
    figures = (
        AttestedFigure.objects.filter(agency__in=agencies)
        .select_related("agency", "attested_by")
        .order_by("-year", "agency__path", "key")
    )
    page = Paginator(figures, PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page, "labels": keys}
    return render(request, "workspace/attested_list.html", context)
