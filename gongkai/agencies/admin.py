"""Admin for the agency tree and each agency's yearly disclosure set-up.

Attested figures are saved through ``attested_figure_set`` so that the admin, like
every other way in, records who attested the figure and when.
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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
from .services import attested_figure_set, guide_update


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
        if not self.value():
            return queryset
        region = Agency.objects.filter(pk=self.value()).first()
        if region is None:
            return queryset.none()
        return queryset.filter(**{f"{self.path_field}__startswith": region.path})


class AgencyRegionListFilter(RegionListFilter):
    path_field = "path"


class AgencyYearInline(admin.TabularInline):
    model = AgencyYear
    extra = 0
    fields = [
        "year",
        "office_name",
        "dedicated_offices",
        "full_time_staff",
        "part_time_staff",
        "budget",
    ]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["tree_name", "level", "kind", "credit_code"]
    list_filter = [AgencyRegionListFilter, "level", "kind"]
    search_fields = ["name", "short_name", "credit_code"]
    autocomplete_fields = ["parent"]
    inlines = [AgencyYearInline]

    @admin.display(description=_("name"), ordering="path")
    def tree_name(self, agency: Agency) -> str:
        """The name indented by its depth, so the list (ordered by path) reads as a
        tree."""
        depth = agency.path.count("/") - 2
        return format_html("{}{}", "\u3000" * max(depth, 0), agency.name)


@admin.register(AgencyYear)
class AgencyYearAdmin(admin.ModelAdmin):
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


@admin.register(QueryPoint)
class QueryPointAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "address", "opened_on", "closed_on"]
    list_filter = [RegionListFilter]
    search_fields = ["name", "address", "agency__name"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]


class HeldOnAdmin(admin.ModelAdmin):
    """Meetings and trainings: dated, titled, with their attendees."""

    list_display = ["held_on", "title", "agency", "attendees"]
    list_filter = [RegionListFilter]
    search_fields = ["title", "agency__name"]
    autocomplete_fields = ["agency"]
    date_hierarchy = "held_on"
    list_select_related = ["agency"]


admin.site.register(Meeting, HeldOnAdmin)
admin.site.register(Training, HeldOnAdmin)


@admin.register(AttestedFigure)
class AttestedFigureAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "key", "value", "attested_by", "attested_at"]
    list_filter = ["year", "key", RegionListFilter]
    search_fields = ["agency__name", "key", "source_document"]
    autocomplete_fields = ["agency"]
    readonly_fields = ["attested_by", "attested_at"]
    list_select_related = ["agency", "attested_by"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: AttestedFigure | None = None
    ) -> list[str]:
        """Once attested, a figure's agency, year and key are fixed; only its value
        and source may be attested again."""
        fixed = ["agency", "year", "key"] if obj else []
        return [*fixed, *self.readonly_fields]

    def save_model(
        self, request: HttpRequest, obj: AttestedFigure, form: Any, change: bool
    ) -> None:
        """Attest through the service: the person saving answers for the figure."""
        saved = attested_figure_set(
            acting_user=request.user,
            agency=obj.agency,
            year=obj.year,
            key=obj.key,
            value=obj.value,
            source_document=obj.source_document,
        )
        obj.pk = saved.pk
        obj.attested_by = saved.attested_by
        obj.attested_at = saved.attested_at


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
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
        saved = guide_update(acting_user=request.user, agency=obj.agency, **fields)
        obj.pk = saved.pk
        obj._state.adding = False
