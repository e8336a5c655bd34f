"""Admin for stored reports, read-only: narratives are written in the workspace,
and a published version is frozen (a correction is a new version, never an edit)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.admin import RegionListFilter
from gongkai.core.admin import ViewOnlyAdmin

from .models import Narrative, ReportReview, ReportVersion


@admin.register(Narrative)
class NarrativeAdmin(ViewOnlyAdmin):
    list_display = ["agency", "year", "key", "updated_by", "updated_at"]
    list_filter = ["year", "key", RegionListFilter]
    search_fields = ["agency__name", "text"]
    list_select_related = ["agency", "updated_by"]


@admin.register(ReportReview)
class ReportReviewAdmin(ViewOnlyAdmin):
    """Where each year's report is in its review; it moves in the workspace."""

    list_display = ["agency", "year", "state", "submitted_by", "signed_off_by"]
    list_filter = ["year", "state", RegionListFilter]
    search_fields = ["agency__name"]
    list_select_related = ["agency", "submitted_by", "signed_off_by"]


@admin.register(ReportVersion)
class ReportVersionAdmin(ViewOnlyAdmin):
    list_display = [
        "agency",
        "year",
        "format",
        "number",
        "published_at",
        "published_by",
        "short_hash",
        "overrides",
    ]
    list_filter = ["year", "format", RegionListFilter]
    search_fields = ["agency__name", "sha256"]
    date_hierarchy = "published_at"
    list_select_related = ["agency", "published_by"]

    @admin.display(description=_("SHA-256"))
    def short_hash(self, version: ReportVersion) -> str:
        return version.sha256[:12]
