from django.contrib import admin

from gongkai.core.admin import ViewOnlyAdmin

from .models import ImportedReport


@admin.register(ImportedReport)
class ImportedReportAdmin(ViewOnlyAdmin):
    """Imported reports are read-only here: they change only by importing again."""

    list_display = (
        "agency_name",
        "region",
        "year",
        "format",
        "file_name",
        "created_at",
    )
    list_filter = ("year", "format", "region")
    search_fields = ("agency_name", "file_name")
