"""Admin for the activities the reports count (press conferences, responses, ...)
and the enquiries the public sends.

Every write goes through the services, so it is authorised, writes its event and
respects the period lock: an activity is added with ``activity_record`` and deleted
with ``activity_delete``; there is no service to change one, so a recorded activity
is shown read-only (delete it and record it again). Enquiries are asked on the
portal and answered and published in the workspace: here they are read-only. A
refusal (a locked year without an adjustment) is shown as a message and nothing is
saved.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.permissions import signed_in
from gongkai.agencies.admin import RegionListFilter
from gongkai.agencies.forms import adjustment_field
from gongkai.core.admin import RefusalShown

from .models import Activity, Enquiry, ResponseChannel
from .services import activity_delete, activity_record

# The activity's own facts, as ``activity_record`` takes them.
ACTIVITY_FIELDS = (
    "agency",
    "kind",
    "held_on",
    "title",
    "principal_leader",
    "participants",
    "feedback_count",
    "opinions_received",
    "opinions_not_adopted",
    "result_published",
)


class ActivityForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("Ways of responding (responses to public concern)"),
        choices=ResponseChannel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    adjustment = adjustment_field()

    class Meta:
        model = Activity
        fields = ACTIVITY_FIELDS


@admin.register(Activity)
class ActivityAdmin(RefusalShown):
    form = ActivityForm
    list_display = ["held_on", "kind", "title", "agency", "principal_leader"]
    list_filter = ["kind", "principal_leader", "result_published", RegionListFilter]
    search_fields = ["title", "agency__name"]
    autocomplete_fields = ["agency"]
    date_hierarchy = "held_on"
    list_select_related = ["agency"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return (*ACTIVITY_FIELDS, "channels", "adjustment")
        return (*ACTIVITY_FIELDS, "channels_display")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [] if obj is None else [*ACTIVITY_FIELDS, "channels_display"]

    @admin.display(description=_("Ways of responding (responses to public concern)"))
    def channels_display(self, obj: Activity) -> str:
        return "、".join(str(c) for c in obj.channels.all())

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # no service changes an activity: delete and record again

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one by one, each through the service
        return actions

    def save_model(
        self, request: HttpRequest, obj: Activity, form: forms.ModelForm, change: bool
    ) -> None:
        data = form.cleaned_data
        recorded = activity_record(
            acting_user=signed_in(request),
            agency=data["agency"],
            kind=data["kind"],
            held_on=data["held_on"],
            title=data.get("title", ""),
            principal_leader=bool(data.get("principal_leader")),
            participants=data.get("participants") or 0,
            feedback_count=data.get("feedback_count") or 0,
            opinions_received=data.get("opinions_received") or 0,
            opinions_not_adopted=data.get("opinions_not_adopted") or 0,
            result_published=bool(data.get("result_published")),
            channels=data.get("channels") or (),
            adjustment=data.get("adjustment", ""),
        )
        obj.pk = recorded.pk
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Activity) -> None:
        activity_delete(acting_user=signed_in(request), activity=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for activity in queryset:
            self.delete_model(request, activity)


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    """Questions from the public; asked on the portal, answered and published in
    the workspace (through the services): read-only here."""

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
    date_hierarchy = "asked_at"
    list_select_related = ["agency"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
