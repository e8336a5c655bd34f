"""Admin for proactive disclosure: catalogue items (read through their workflow),
interpretations, transfers to archives, privacy patterns and scans.

The admin records and edits drafts through the services, so that an item gets its
索引号, its deadline and its events as anywhere else; the workflow's steps are
taken where the reviewers work (the workspace), not here.
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.admin import RegionListFilter

from . import services
from .models import (
    ArchiveTransfer,
    Attachment,
    Interpretation,
    Item,
    ItemChannel,
    ItemCorrection,
    ItemReview,
    ItemStatus,
    PrivacyPattern,
    PrivacyScan,
    SearchIndexBuild,
)
from .services.items import EDITABLE


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ItemChannelInline(ReadOnlyInline):
    """The channels carrying an item: the item still counts once in the total."""

    model = ItemChannel


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["name", "kind", "size", "scannable", "problem"]


class ItemReviewInline(ReadOnlyInline):
    model = ItemReview
    fields = ["round", "step", "decision", "reviewer", "decided_at", "opinion"]


class ItemCorrectionInline(ReadOnlyInline):
    model = ItemCorrection
    fields = ["corrected_at", "corrected_by", "reason", "changes"]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "index_number",
        "agency",
        "status",
        "published_on",
        "publish_due_on",
        "channel_names",
    ]
    list_filter = [
        "status",
        "disclosure",
        "document_kind",
        "origin",
        "channels__channel",
        RegionListFilter,
    ]
    search_fields = ["title", "index_number", "document_number"]
    autocomplete_fields = ["agency"]
    date_hierarchy = "published_on"
    list_select_related = ["agency"]
    inlines = [
        ItemChannelInline,
        AttachmentInline,
        ItemReviewInline,
        ItemCorrectionInline,
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Item]:
        return super().get_queryset(request).prefetch_related("channels")

    @admin.display(description=_("channels"))
    def channel_names(self, item: Item) -> str:
        return "、".join(
            channel.get_channel_display() for channel in item.channels.all()
        )

    def get_fields(self, request: HttpRequest, obj: Item | None = None) -> list[str]:
        fields = ["agency", *sorted(EDITABLE, key=_field_order)]
        return fields if obj is None else ["index_number", "status", *fields]

    def get_readonly_fields(
        self, request: HttpRequest, obj: Item | None = None
    ) -> list[str]:
        if obj is None:
            return []
        if obj.status != ItemStatus.DRAFT:
            return self.get_fields(request, obj)
        return ["index_number", "status", "agency"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Only drafts: what was published stays on the record (withdraw it)."""
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status == ItemStatus.DRAFT)

    def save_model(
        self, request: HttpRequest, obj: Item, form: Any, change: bool
    ) -> None:
        fields = {n: form.cleaned_data[n] for n in EDITABLE if n in form.cleaned_data}
        if change:
            services.item_update(acting_user=request.user, item=obj, **fields)
            return
        created = services.item_record(
            acting_user=request.user, agency=form.cleaned_data["agency"], **fields
        )
        obj.pk = created.pk
        obj._state.adding = False


def _field_order(name: str) -> int:
    return [f.name for f in Item._meta.fields].index(name)


@admin.register(Interpretation)
class InterpretationAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "item", "published_on", "by_principal_leader"]
    list_filter = ["by_principal_leader", RegionListFilter]
    search_fields = ["title"]
    autocomplete_fields = ["agency", "item"]
    date_hierarchy = "published_on"
    list_select_related = ["agency", "item"]


@admin.register(ArchiveTransfer)
class ArchiveTransferAdmin(admin.ModelAdmin):
    list_display = [
        "sent_on",
        "recipient",
        "agency",
        "paper_items",
        "electronic_items",
    ]
    list_filter = [RegionListFilter]
    search_fields = ["recipient", "agency__name"]
    autocomplete_fields = ["agency", "items"]
    date_hierarchy = "sent_on"
    list_select_related = ["agency"]


@admin.register(PrivacyPattern)
class PrivacyPatternAdmin(admin.ModelAdmin):
    """Patterns the privacy scan looks for besides ID, phone and card numbers."""

    list_display = ["name", "pattern", "active"]
    list_filter = ["active"]
    search_fields = ["name", "note"]


@admin.register(PrivacyScan)
class PrivacyScanAdmin(admin.ModelAdmin):
    """What each scan found (masked) and who let it through, and why."""

    list_display = ["item", "scanned_at", "overridden_by", "override_reason"]
    list_select_related = ["item", "overridden_by"]
    date_hierarchy = "scanned_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SearchIndexBuild)
class SearchIndexBuildAdmin(admin.ModelAdmin):
    list_display = ["started_at", "backend", "items", "seconds", "built_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
