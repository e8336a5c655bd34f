"""The audit log in the admin, read only, and the view-only bases every room's
admin uses for its ledger records.

The event log is append-only (docs/explanation/architecture.md, "Guards of the
truth"): events are written by the services, one per state change, and nobody adds,
changes or deletes one by hand, an administrator included. A ledger record the
admin cannot save through a service is shown, not edited, for the same reason: a
plain save would skip the checks, the period lock and the event.
"""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from .models import Event

# ModelAdmin is generic for the type checker only (django-stubs); at run time it
# cannot be subscripted.
if TYPE_CHECKING:
    AnyModelAdmin = admin.ModelAdmin[Any]
    AnyInline = admin.TabularInline[Any, Any]
else:
    AnyModelAdmin = admin.ModelAdmin
    AnyInline = admin.TabularInline


class ViewOnlyAdmin(AnyModelAdmin):
    """A record the admin shows but never writes: it changes through its services
    (with their checks and their event), in the workspace or a command."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RefusalShown(AnyModelAdmin):
    """An admin whose saves and deletes call services: a service's refusal (a locked
    year, a step the table forbids) undoes the whole request, which Django runs in one
    transaction, and is shown as a message instead of an error page."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refusal:
            return _shown(request, refusal, request.get_full_path())

    def delete_view(
        self,
        request: HttpRequest,
        object_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as refusal:
            return _shown(request, refusal, "../change/")


def _shown(request: HttpRequest, refusal: ValidationError, to: str) -> HttpResponse:
    for message in refusal.messages:
        messages.error(request, message)
    return HttpResponseRedirect(to)


class ViewOnlyInline(AnyInline):
    """Rows shown under their record, never added, changed or deleted here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(ViewOnlyAdmin):
    """The audit log: nobody adds, changes or deletes an event here."""

    list_display = ["at", "actor", "verb", "content_type", "object_id"]
    list_filter = ["verb", "content_type"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "at"
