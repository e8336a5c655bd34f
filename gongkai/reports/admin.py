"""Admin for stored reports, read-only: narratives are written in the workspace,
and a published version is frozen (a correction is a new version, never an edit)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.admin import RegionListFilter
from gongkai.core.admin import ViewOnlyAdmin, labelled_filter

from .models import Narrative, ReportReview, ReportVersion


def _format_names() -> dict[str, str]:
    from .formats import all_formats

    return {fmt.id: fmt.name for fmt in all_formats().values()}


@admin.register(Narrative)
class NarrativeAdmin(ViewOnlyAdmin):
    list_display = [
        "agency",
        "year",
        "region",
        "section",
        "updated_by",
        "updated_at",
    ]
    list_filter = ["year", "region", RegionListFilter]
    search_fields = ["agency__name", "text"]
    list_select_related = ["agency", "updated_by"]

    fields = ["agency", "year", "region", "section", "text", "updated_by"]
    readonly_fields = ["section"]

    @admin.display(description=_("section"), ordering="key")
    def section(self, narrative: Narrative) -> str:
        return narrative.heading


@admin.register(ReportReview)
class ReportReviewAdmin(ViewOnlyAdmin):
    """Where each year's report is in its review; it moves in the workspace."""

    list_display = [
        "agency",
        "year",
        "region",
        "state",
        "submitted_by",
        "signed_off_by",
    ]
    list_filter = ["year", "region", "state", RegionListFilter]
    search_fields = ["agency__name"]
    list_select_related = ["agency", "submitted_by", "signed_off_by"]


@admin.register(ReportVersion)
class ReportVersionAdmin(ViewOnlyAdmin):
    list_display = [
        "agency",
        "year",
        "region",
        "format_name",
        "number",
        "published_at",
        "published_by",
        "short_hash",
        "overrides",
    ]

    @admin.display(description=_("format"), ordering="format")
    def format_name(self, version: ReportVersion) -> str:
        from .formats import FormatError, get_format

        try:
            return get_format(version.format).name
        except FormatError:
            return version.format

    list_filter = [
        "year",
        "region",
        labelled_filter("format", "格式", _format_names),
        RegionListFilter,
    ]
    search_fields = ["agency__name", "sha256"]
    date_hierarchy = "published_at"
    list_select_related = ["agency", "published_by"]

    @admin.display(description=_("SHA-256"))
    def short_hash(self, version: ReportVersion) -> str:
        return version.sha256[:12]
