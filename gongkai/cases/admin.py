"""Admin for administrative reviews, lawsuits and complaints about disclosure.

Every write goes through the services, so an edit here is authorised, writes its
event, respects the period lock and gets its answer deadline like one made in the
workspace: adding files the case (and serves it, when the day of service is
given); changing records the next steps the table allows (service, answer,
hearing, conclusion), one field each. What no service changes (the parties, the
numbers, the day of filing, a date already recorded) is read-only, and a case is
never deleted. A refusal (a locked year without an adjustment, a date out of
order) is shown as a message and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.permissions import signed_in
from gongkai.agencies.admin import RegionListFilter
from gongkai.agencies.forms import adjustment_field
from gongkai.core.admin import RefusalShown

from . import services
from .models import (
    AdministrativeReview,
    Case,
    Complaint,
    Litigation,
    ReviewBody,
    Stage,
)
from .workflow import CASE_WORKFLOW, CaseStep

# The field each step records, in the order the steps are taken.
STEP_FIELDS: tuple[tuple[CaseStep, tuple[str, ...]], ...] = (
    (CaseStep.SERVE, ("served_on",)),
    (CaseStep.ANSWER, ("answered_on",)),
    (CaseStep.SCHEDULE_HEARING, ("hearing_on",)),
    (CaseStep.CONCLUDE, ("concluded_on", "result", "decision_summary")),
)
# Set when the case is filed, never changed afterwards.
FILED_FIELDS = ("agency", "application", "number", "body", "filed_on")


class CaseForm(forms.ModelForm):
    adjustment = adjustment_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        concluding = [data.get(f) for f in ("concluded_on", "result") if f in data]
        if concluding and any(concluding) and not all(concluding):
            raise ValidationError(_("A conclusion needs both its date and its result."))
        return data


class CaseAdmin(RefusalShown):
    """What every kind of case shares: a respondent, dates and a result.

    A case without a result is 尚未审结.
    """

    form = CaseForm
    list_display = [
        "filed_on",
        "number",
        "agency",
        "application",
        "stage_display",
        "answer_due",
        "result",
        "concluded_on",
    ]
    list_filter = ["result", RegionListFilter]
    search_fields = ["agency__name", "application__tracking_number", "number"]
    autocomplete_fields = ["agency", "application"]
    date_hierarchy = "filed_on"
    list_select_related = ["agency", "application"]
    filing_fields: tuple[str, ...] = FILED_FIELDS

    @admin.display(description=_("stage"))
    def stage_display(self, obj: Case) -> str:
        return str(Stage(obj.stage).label)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        steps = [name for _, names in STEP_FIELDS for name in names]
        return (*self.filing_fields, *steps, "answer_due", "adjustment")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        """On a new case, what filing and serving record; on a case, only the
        fields of the steps the table allows from its stage and not yet taken
        (a hearing may be moved)."""
        if obj is None:
            later = [n for s, ns in STEP_FIELDS if s != CaseStep.SERVE for n in ns]
            return ["answer_due", *later]
        open_ = {
            "adjustment",
            *(
                name
                for step, names in STEP_FIELDS
                if CASE_WORKFLOW.allows(obj.stage, step)
                for name in names
            ),
        }
        return [n for n in self.get_fields(request, obj) if n not in open_]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a case is a record of the year it counts in; no service

    def save_model(
        self, request: HttpRequest, obj: Case, form: forms.ModelForm, change: bool
    ) -> None:
        data = form.cleaned_data
        adjustment = data.get("adjustment", "")
        if not change:
            filed = self.file(request, data, adjustment)
            obj.pk = filed.pk
        else:
            filed = obj
        if data.get("served_on") and (not change or "served_on" in form.changed_data):
            served_on = data["served_on"]
            services.case_serve(
                acting_user=signed_in(request), case=filed, served_on=served_on
            )
        if change:
            self.take_steps(request, filed, form, adjustment)
        filed.refresh_from_db()
        obj.__dict__.update(
            {f.attname: getattr(filed, f.attname) for f in filed._meta.concrete_fields}
        )
        obj._state.adding = False

    def take_steps(
        self, request: HttpRequest, case: Case, form: forms.ModelForm, adjustment: str
    ) -> None:
        data, changed = form.cleaned_data, set(form.changed_data)
        user = signed_in(request)
        if "answered_on" in changed and data.get("answered_on"):
            services.case_answer(
                acting_user=user, case=case, answered_on=data["answered_on"]
            )
        if "hearing_on" in changed and data.get("hearing_on"):
            services.case_schedule_hearing(
                acting_user=user, case=case, hearing_on=data["hearing_on"]
            )
        if changed & {"concluded_on", "result"} and data.get("concluded_on"):
            services.case_conclude(
                acting_user=user,
                case=case,
                result=data["result"],
                concluded_on=data["concluded_on"],
                summary=data.get("decision_summary", ""),
                adjustment=adjustment,
            )

    def file(self, request: HttpRequest, data: dict[str, Any], adjustment: str) -> Case:
        raise NotImplementedError


@admin.register(AdministrativeReview)
class AdministrativeReviewAdmin(CaseAdmin):
    filing_fields = (*FILED_FIELDS, "simplified")

    def file(self, request: HttpRequest, data: dict[str, Any], adjustment: str) -> Case:
        return services.review_file(
            acting_user=signed_in(request),
            agency=data["agency"],
            filed_on=data["filed_on"],
            application=data.get("application"),
            number=data.get("number", ""),
            body=data.get("body", ""),
            simplified=bool(data.get("simplified")),
            adjustment=adjustment,
        )


@admin.register(Litigation)
class LitigationAdmin(CaseAdmin):
    list_display = [*CaseAdmin.list_display, "after_review"]
    list_filter = ["after_review", *CaseAdmin.list_filter]
    autocomplete_fields = [*CaseAdmin.autocomplete_fields, "review"]
    filing_fields = (*FILED_FIELDS, "instance", "review", "after_review")

    def file(self, request: HttpRequest, data: dict[str, Any], adjustment: str) -> Case:
        return services.litigation_file(
            acting_user=signed_in(request),
            agency=data["agency"],
            filed_on=data["filed_on"],
            application=data.get("application"),
            review=data.get("review"),
            after_review=bool(data.get("after_review")),
            number=data.get("number", ""),
            body=data.get("body", ""),
            instance=data.get("instance") or "first",
            adjustment=adjustment,
        )


@admin.register(Complaint)
class ComplaintAdmin(CaseAdmin):
    list_display = ["filed_on", "agency", "subject", "result", "concluded_on"]
    search_fields = [*CaseAdmin.search_fields, "subject"]
    filing_fields = ("agency", "filed_on", "subject")

    def file(self, request: HttpRequest, data: dict[str, Any], adjustment: str) -> Case:
        return services.complaint_file(
            acting_user=signed_in(request),
            agency=data["agency"],
            filed_on=data["filed_on"],
            subject=data.get("subject", ""),
            adjustment=adjustment,
        )


class BodyRegionListFilter(RegionListFilter):
    path_field = "region__path"


@admin.register(ReviewBody)
class ReviewBodyAdmin(admin.ModelAdmin):
    """The directory of review bodies and courts staff pick from, per region."""

    list_display = ["name", "kind", "region"]
    list_filter = ["kind", BodyRegionListFilter]
    search_fields = ["name", "region__name"]
    autocomplete_fields = ["region"]
