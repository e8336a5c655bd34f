"""The audit log in the admin, read only, and the view-only bases every room's
admin uses for its ledger records.

The event log is append-only (docs/explanation/architecture.md, "Guards of the
truth"): events are written by the services, one per state change, and nobody adds,
changes or deletes one by hand, an administrator included. A ledger record the
admin cannot save through a service is shown, not edited, for the same reason: a
plain save would skip the checks, the period lock and the event.
"""

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from .labels import verb_label
from .models import Event

# The admin's name in its header and the browser's tab (Django's is "Django 管理").
admin.site.site_header = "政府信息公开工作平台"
admin.site.site_title = "政府信息公开工作平台"
admin.site.index_title = "管理后台"

# Background tasks: the workspace's 后台任务 page (workspace:tasks) shows them, in
# Chinese, with why each failed; django-tasks' own admin lists them in English.
try:
    from django_tasks_db.models import DBTaskResult

    admin.site.unregister(DBTaskResult)
except (ImportError, NotRegistered):
    pass

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


def labelled_filter(
    field: str, title: str, labels: Callable[[], Mapping[str, str]]
) -> type[admin.SimpleListFilter]:
    """A list filter on ``field`` whose values are shown by their Chinese labels
    (a workflow's state names, a format's name), not as stored."""

    class Labelled(admin.SimpleListFilter):
        parameter_name = field

        def lookups(self, request: HttpRequest, model_admin: Any) -> list[Any]:
            named = labels()
            values = model_admin.model._default_manager.values_list(field, flat=True)
            return [(v, named.get(v, v)) for v in sorted(set(values))]

        def queryset(self, request: HttpRequest, queryset: Any) -> Any:
            value = self.value()
            return queryset.filter(**{field: value}) if value else queryset

    Labelled.title = title
    return Labelled


class VerbFilter(admin.SimpleListFilter):
    """The events of one kind, each kind by its Chinese label."""

    title = _("action")
    parameter_name = "verb"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        written = Event.objects.values_list("verb", flat=True).distinct()
        return sorted(((v, verb_label(v)) for v in written), key=lambda x: x[1])

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        return queryset.filter(verb=self.value()) if self.value() else queryset


@admin.register(Event)
class EventAdmin(ViewOnlyAdmin):
    """The audit log: nobody adds, changes or deletes an event here."""

    list_display = ["at", "actor", "action", "content_type", "record_id"]
    list_filter = [VerbFilter, "content_type"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "at"
    fields = ["at", "actor", "action", "content_type", "record_id", "data"]
    readonly_fields = ["action", "record_id"]

    @admin.display(description=_("action"), ordering="verb")
    def action(self, event: Event) -> str:
        return verb_label(event.verb)

    @admin.display(description="记录编号", ordering="object_id")
    def record_id(self, event: Event) -> str:
        return event.object_id
