from django.contrib import admin
from django.http import HttpRequest

from .models import ImportedReport


@admin.register(ImportedReport)
class ImportedReportAdmin(admin.ModelAdmin):
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
    readonly_fields = [f.name for f in ImportedReport._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
