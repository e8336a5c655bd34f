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
    exclude = ("file_kind",)
    readonly_fields = ("file_type",)

    @admin.display(description="文件类型")
    def file_type(self, report: ImportedReport) -> str:
        """The kind of file it was read from, as a reader calls it."""
        from .file_kinds import file_kind_label

        return file_kind_label(report.file_kind)
