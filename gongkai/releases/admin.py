"""Admin for released files: look them up, never change them here.

Gathered files change only through their services (the workspace's pages, each
authorised and recorded); the stored files themselves are not linked here (their
downloads are the workspace's, which check who asks)."""

from django.contrib import admin

from gongkai.core.admin import ViewOnlyAdmin, ViewOnlyInline

from .models import Redaction, ReleaseFile


class RedactionInline(ViewOnlyInline):
    model = Redaction
    fields = ["kind", "text", "finding", "page", "x0", "y0", "x1", "y1", "ground"]


@admin.register(ReleaseFile)
class ReleaseFileAdmin(ViewOnlyAdmin):
    list_display = ["name", "application", "status", "released_on"]
    list_filter = ["status"]
    search_fields = ["name", "application__tracking_number"]
    list_select_related = ["application"]
    fields = [
        "application",
        "name",
        "kind",
        "digest",
        "attached_by",
        "status",
        "ground",
        "legal_basis",
        "reviewed_by",
        "reviewed_at",
        "redacted_by",
        "redacted_at",
        "released_on",
        "released_by",
    ]
    inlines = [RedactionInline]
