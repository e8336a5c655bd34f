"""Admin for the working-day calendar. Every change goes through the services, so
that open due dates are recomputed (and the recomputation recorded)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import CalendarDay, CalendarYear
from .selectors import calendar_days_in
from .services import NORMAL, calendar_day_set


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "source", "notice", "updated_at"]
    fields = ["year", "source", "notice", "days"]
    readonly_fields = ["year", "source", "notice", "days"]

    def has_add_permission(self, request):
        return False  # a year appears when its first day is entered

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("days"))
    def days(self, obj: CalendarYear) -> str:
        return "; ".join(
            f"{d.day:%m-%d} {d.get_kind_display()} {d.name}"
            for d in calendar_days_in(obj.year)
        )


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Adding, changing or deleting a day recomputes every open due date."""

    list_display = ["day", "kind", "name", "source"]
    list_filter = ["kind", "source"]
    date_hierarchy = "day"
    fields = ["day", "kind", "name"]
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        if change and "day" in form.changed_data:
            calendar_day_set(
                acting_user=request.user, day=form.initial["day"], kind=NORMAL
            )
        calendar_day_set(
            acting_user=request.user, day=obj.day, kind=obj.kind, name=obj.name
        )
        obj.pk = CalendarDay.objects.get(day=obj.day).pk
        messages.info(
            request,
            _("Open applications' due dates are being recomputed in the background."),
        )

    def delete_model(self, request, obj):
        calendar_day_set(acting_user=request.user, day=obj.day, kind=NORMAL)

    def delete_queryset(self, request, queryset):
        for day in queryset:
            self.delete_model(request, day)
