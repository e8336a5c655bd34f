"""Admin for stored reports, read-only: narratives are written in the workspace,
and a published version is frozen (a correction is a new version, never an edit)."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.admin import RegionListFilter

from .models import Narrative, ReportVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Narrative)
class NarrativeAdmin(ReadOnlyAdmin):
    list_display = ["agency", "year", "key", "updated_by", "updated_at"]
    list_filter = ["year", "key", RegionListFilter]
    search_fields = ["agency__name", "text"]
    list_select_related = ["agency", "updated_by"]


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    list_display = [
        "agency",
        "year",
        "format",
        "number",
        "published_at",
        "published_by",
        "short_hash",
    ]
    list_filter = ["year", "format", RegionListFilter]
    search_fields = ["agency__name", "sha256"]
    date_hierarchy = "published_at"
    list_select_related = ["agency", "published_by"]

    @admin.display(description=_("SHA-256"))
    def short_hash(self, version: ReportVersion) -> str:
        return version.sha256[:12]
