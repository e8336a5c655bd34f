"""Admin for the activities the reports count (press conferences, responses, ...)."""

from django.contrib import admin

from gongkai.agencies.admin import RegionListFilter

from .models import Activity, ActivityChannel, Enquiry


class ActivityChannelInline(admin.TabularInline):
    """The ways a response to public concern was made; it counts once in the total."""

    model = ActivityChannel
    extra = 0


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["held_on", "kind", "title", "agency", "principal_leader"]
    list_filter = ["kind", "principal_leader", "result_published", RegionListFilter]
    search_fields = ["title", "agency__name"]
    autocomplete_fields = ["agency"]
    date_hierarchy = "held_on"
    list_select_related = ["agency"]
    inlines = [ActivityChannelInline]


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    """Questions from the public; answered and published in the workspace."""

    list_display = [
        "reference",
        "asked_at",
        "mailbox",
        "subject",
        "agency",
        "answered_on",
    ]
    list_filter = ["mailbox", RegionListFilter]
    search_fields = ["reference", "subject", "agency__name"]
    autocomplete_fields = ["agency"]
    date_hierarchy = "asked_at"
    list_select_related = ["agency"]
    readonly_fields = ["activity", "answered_by", "published_at"]
