"""Admin for applications (依申请公开): the record of each and how it ended.

The workflow (intake, clock, letters) has its own pages; here staff correct and
look up records.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.admin import RegionListFilter

from .models import Application


class OpenListFilter(admin.SimpleListFilter):
    """Open applications carry over into the next year (结转下年度继续办理)."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("Open")), ("closed", _("Closed"))]

    def queryset(self, request, queryset):
        if self.value() in ("open", "closed"):
            return queryset.filter(closed_on__isnull=self.value() == "open")
        return queryset


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = [
        "tracking_number",
        "agency",
        "received_on",
        "channel",
        "applicant_type",
        "outcome",
        "closed_on",
    ]
    list_filter = [
        OpenListFilter,
        "outcome",
        "applicant_type",
        "channel",
        "extended",
        RegionListFilter,
    ]
    search_fields = ["tracking_number", "applicant_name", "description"]
    autocomplete_fields = ["agency"]
    date_hierarchy = "received_on"
    list_select_related = ["agency"]
