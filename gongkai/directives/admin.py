"""Admin for 督办: read only. Issuing, answering, sending back and closing are the
workspace's steps through the services (each authorised, each with its event), so
the admin lists directives and their answers but neither adds, changes nor
deletes them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Directive, DirectiveResponse


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ResponseInline(admin.StackedInline):
    model = DirectiveResponse
    extra = 0
    fields = ("created_at", "answered_by", "text")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Directive)
class DirectiveAdmin(ReadOnly):
    list_display = ("__str__", "agency", "kind", "state", "respond_by", "created_at")
    list_filter = ("state", "kind")
    search_fields = ("agency__name", "application__tracking_number", "text")
    inlines = [ResponseInline]
