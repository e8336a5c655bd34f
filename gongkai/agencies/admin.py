"""Admin for the agency tree and each agency's yearly disclosure set-up.

What a report counts (a year's office and staff, meetings and trainings, attested
figures) is saved through the services, like every other way in: the acting
administrator is authorised, the period lock holds (a published year changes only
with an adjustment reason) and one event is written. A refusal is shown as a
message and nothing is saved. Query points and the names of agencies are reference
data, edited here directly.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.permissions import signed_in
from gongkai.core.admin import RefusalShown, ViewOnlyInline

from .forms import adjustment_field
from .guide import GUIDE_FIELDS
from .models import (
    Agency,
    AgencyYear,
    AttestedFigure,
    Guide,
    Meeting,
    QueryPoint,
    Training,
)
from .services import (
    agency_create,
    agency_year_set,
    attested_figure_set,
    gathering_delete,
    gathering_record,
    guide_update,
)


class RegionListFilter(admin.SimpleListFilter):
    """Keep the records of one government and every agency under it.

    Uses the materialised path, so a region is one indexed prefix match.
    """

    title = _("region")
    parameter_name = "region"
    path_field = "agency__path"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        governments = Agency.objects.filter(kind=Agency.Kind.GOVERNMENT)
        return [(str(agency.pk), agency.name) for agency in governments]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if not value:
            return queryset
        region = Agency.objects.filter(pk=value).first()
        if region is None:
            return queryset.none()
        return queryset.filter(**{f"{self.path_field}__startswith": region.path})


class AgencyRegionListFilter(RegionListFilter):
    path_field = "path"


class AdjustableForm(forms.ModelForm):
    """A record counted in a year, with the reason when that year is published."""

    adjustment = adjustment_field()


class AgencyYearInline(ViewOnlyInline):
    """Shown under the agency; a year is recorded on its own page (the service)."""

    model = AgencyYear
    fields = [
        "year",
        "office_name",
        "dedicated_offices",
        "full_time_staff",
        "part_time_staff",
        "budget",
    ]


@admin.register(Agency)
class AgencyAdmin(RefusalShown):
    list_display = ["tree_name", "level", "kind", "credit_code"]
    list_filter = [AgencyRegionListFilter, "level", "kind"]
    search_fields = ["name", "short_name", "credit_code"]
    autocomplete_fields = ["parent"]
    inlines = [AgencyYearInline]

    @admin.display(description=_("name"), ordering="path")
    def tree_name(self, agency: Agency) -> str:
        """The name indented by its depth, so the list (ordered by path) reads as a
        tree."""
        return format_html("{}{}", "\u3000" * max(agency.depth, 0), agency.name)

    def save_model(
        self, request: HttpRequest, obj: Agency, form: Any, change: bool
    ) -> None:
        """A new agency joins the tree through ``agency_create`` (its path, its
        event); a rename is reference data."""
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        created = agency_create(
            acting_user=signed_in(request),
            name=data["name"],
            level=data["level"],
            kind=data["kind"],
            parent=data.get("parent"),
            credit_code=data.get("credit_code") or None,
            short_name=data.get("short_name", ""),
        )
        obj.pk = created.pk
        obj.path = created.path
        obj._state.adding = False


@admin.register(AgencyYear)
class AgencyYearAdmin(RefusalShown):
    form = AdjustableForm
    list_display = [
        "agency",
        "year",
        "office_name",
        "full_time_staff",
        "part_time_staff",
        "budget",
    ]
    list_filter = ["year", RegionListFilter]
    search_fields = ["agency__name", "office_name"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]
    fields = [
        "agency",
        "year",
        "office_name",
        "dedicated_offices",
        "full_time_staff",
        "part_time_staff",
        "budget",
        "adjustment",
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["agency", "year"] if obj else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a year's set-up is counted in its report; no service

    def save_model(
        self, request: HttpRequest, obj: AgencyYear, form: Any, change: bool
    ) -> None:
        data = form.cleaned_data
        saved = agency_year_set(
            acting_user=signed_in(request),
            agency=obj.agency,
            year=obj.year,
            office_name=data.get("office_name"),
            dedicated_offices=data.get("dedicated_offices"),
            full_time_staff=data.get("full_time_staff"),
            part_time_staff=data.get("part_time_staff"),
            budget=data.get("budget"),
            adjustment=data.get("adjustment", ""),
        )
        obj.pk = saved.pk
        obj._state.adding = False


@admin.register(QueryPoint)
class QueryPointAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "address", "opened_on", "closed_on"]
    list_filter = [RegionListFilter]
    search_fields = ["name", "address", "agency__name"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]


class HeldOnAdmin(RefusalShown):
    """Meetings and trainings: dated, titled, with their attendees. Recorded and
    deleted through the services; a recorded one is not edited (delete it and
    record it again)."""

    form = AdjustableForm
    fields = ["agency", "held_on", "title", "attendees", "adjustment"]
    kind = ""

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The adjustment reason is asked when recording; a page that only shows
        # a meeting has no reason to show.
        fields = super().get_fields(request, obj)
        if self.has_change_permission(request, obj) or obj is None:
            return fields
        return [f for f in fields if f != "adjustment"]

    list_display = ["held_on", "title", "agency", "attendees"]
    list_filter = [RegionListFilter]
    search_fields = ["title", "agency__name"]
    autocomplete_fields = ["agency"]
    date_hierarchy = "held_on"
    list_select_related = ["agency"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: bool
    ) -> None:
        data = form.cleaned_data
        saved = gathering_record(
            acting_user=signed_in(request),
            kind=self.kind,
            agency=data["agency"],
            held_on=data["held_on"],
            title=data["title"],
            attendees=data.get("attendees") or 0,
            adjustment=data.get("adjustment", ""),
        )
        obj.pk = saved.pk
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        gathering_delete(acting_user=signed_in(request), record=obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, through the service
        return actions


@admin.register(Meeting)
class MeetingAdmin(HeldOnAdmin):
    kind = "meeting"


@admin.register(Training)
class TrainingAdmin(HeldOnAdmin):
    kind = "training"


@admin.register(AttestedFigure)
class AttestedFigureAdmin(RefusalShown):
    form = AdjustableForm
    list_display = [
        "agency",
        "year",
        "key_label",
        "value",
        "attested_by",
        "attested_at",
    ]

    @admin.display(description=_("figure"), ordering="key")
    def key_label(self, figure: AttestedFigure) -> str:
        from .attested import NATIONAL_KEYS

        known = NATIONAL_KEYS.get(figure.key)
        return known.label if known else "省级格式规定的数字"

    list_filter = ["year", RegionListFilter]
    search_fields = ["agency__name", "key", "source_document"]
    autocomplete_fields = ["agency"]
    readonly_fields = ["attested_by", "attested_at"]
    list_select_related = ["agency", "attested_by"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: AttestedFigure | None = None
    ) -> list[str]:
        """Once attested, a figure's agency, year and key are fixed; only its value
        and source may be attested again."""
        fixed = ["agency", "year", "key_label"] if obj else []
        return [*fixed, *self.readonly_fields]

    def get_exclude(
        self, request: HttpRequest, obj: AttestedFigure | None = None
    ) -> list[str]:
        # Once attested, the key is shown by its label (key_label), not edited.
        return ["key"] if obj else []

    def save_model(
        self, request: HttpRequest, obj: AttestedFigure, form: Any, change: bool
    ) -> None:
        """Attest through the service: the person saving answers for the figure."""
        saved = attested_figure_set(
            acting_user=signed_in(request),
            agency=obj.agency,
            year=obj.year,
            key=obj.key,
            value=obj.value,
            source_document=obj.source_document,
            adjustment=form.cleaned_data.get("adjustment", ""),
        )
        obj.pk = saved.pk
        obj.attested_by = saved.attested_by
        obj.attested_at = saved.attested_at


@admin.register(Guide)
class GuideAdmin(RefusalShown):
    """Each agency's guide (指南), saved through ``guide_update`` so that every
    change is recorded with who made it."""

    list_display = ["agency", "office_name", "phone", "updated_at", "updated_by"]
    list_filter = [RegionListFilter]
    search_fields = ["agency__name", "office_name"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency", "updated_by"]
    fields = ["agency", *(name for name, _ in GUIDE_FIELDS)]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["agency"] if obj else []

    def save_model(
        self, request: HttpRequest, obj: Guide, form: Any, change: bool
    ) -> None:
        fields = {name: form.cleaned_data[name] for name, _ in GUIDE_FIELDS}
        saved = guide_update(
            acting_user=signed_in(request), agency=obj.agency, **fields
        )
        obj.pk = saved.pk
        obj._state.adding = False
