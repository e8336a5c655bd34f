"""Admin for proactive disclosure: catalogue items (read through their workflow),
interpretations, transfers to archives, privacy patterns and scans.

The admin writes ledger records only through the services, so that an item gets its
索引号, its deadline, its checks and its events as anywhere else: it records and
edits drafts (``item_record``, ``item_update``) and records interpretations
(``interpretation_record``). What no service writes is shown, not edited: an item
past its draft, an item's deletion (a published item is withdrawn in the
workspace), transfers to archives (``gongkai catalog archive``), scans and index
builds. The workflow's steps are taken where the reviewers work (the
workspace), not here. Privacy patterns are reference data, edited here.
"""

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.permissions import signed_in
from gongkai.agencies.admin import RegionListFilter
from gongkai.core.admin import RefusalShown, ViewOnlyAdmin, ViewOnlyInline

from . import services
from .models import (
    ArchiveTransfer,
    Attachment,
    Category,
    Interpretation,
    Item,
    ItemChannel,
    ItemCorrection,
    ItemReview,
    PrivacyPattern,
    PrivacyScan,
    SearchIndexBuild,
)
from .services.items import EDITABLE


class ItemChannelInline(ViewOnlyInline):
    """The channels carrying an item: the item still counts once in the total."""

    model = ItemChannel


class AttachmentInline(ViewOnlyInline):
    model = Attachment
    fields = ["name", "kind", "size", "scannable", "problem"]


class ItemReviewInline(ViewOnlyInline):
    model = ItemReview
    fields = ["round", "step", "decision", "reviewer", "decided_at", "opinion"]


class ItemCorrectionInline(ViewOnlyInline):
    model = ItemCorrection
    fields = ["corrected_at", "corrected_by", "reason", "changes"]


@admin.register(Item)
class ItemAdmin(RefusalShown):
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

    def get_fields(
        self, request: HttpRequest, obj: Item | None = None
    ) -> tuple[str, ...]:
        fields = ("agency", *sorted(EDITABLE, key=_field_order))
        return fields if obj is None else ("index_number", "status", *fields)

    def get_readonly_fields(
        self, request: HttpRequest, obj: Item | None = None
    ) -> tuple[str, ...]:
        """A recorded item is edited by its agency's staff in the workspace (the
        draft is theirs, ``item.draft``); here it is shown."""
        return () if obj is None else self.get_fields(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Never here: no service deletes an item, and a published one stays on the
        record (it is withdrawn in the workspace)."""
        return False

    def save_model(
        self, request: HttpRequest, obj: Item, form: Any, change: bool
    ) -> None:
        """Record the item through the service (checks, 索引号, event)."""
        fields = {n: form.cleaned_data[n] for n in EDITABLE if n in form.cleaned_data}
        created = services.item_record(
            acting_user=signed_in(request),
            agency=form.cleaned_data["agency"],
            **fields,
        )
        obj.pk = created.pk
        obj._state.adding = False


def _field_order(name: str) -> int:
    return [f.name for f in Item._meta.fields].index(name)


@admin.register(Interpretation)
class InterpretationAdmin(admin.ModelAdmin):
    """Interpretations are recorded here through ``interpretation_record`` (it is
    published with its document); once recorded, one is shown, not edited."""

    list_display = ["title", "agency", "item", "published_on", "by_principal_leader"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_filter = ["by_principal_leader", RegionListFilter]
    search_fields = ["title"]
    autocomplete_fields = ["agency", "item"]
    date_hierarchy = "published_on"
    list_select_related = ["agency", "item"]
    fields = RECORDED = (
        "agency",
        "item",
        "title",
        "form",
        "body",
        "graphic",
        "video_url",
        "by_principal_leader",
    )

    def get_readonly_fields(
        self, request: HttpRequest, obj: Interpretation | None = None
    ) -> tuple[str, ...]:
        return () if obj is None else (*self.RECORDED, "published_on")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: Interpretation, form: Any, change: bool
    ) -> None:
        data = form.cleaned_data
        recorded = services.interpretation_record(
            acting_user=signed_in(request),
            title=data["title"],
            item=data["item"],
            agency=data["agency"],
            body=data["body"],
            by_principal_leader=data["by_principal_leader"],
            form=data["form"],
            graphic=data["graphic"] or None,
            video_url=data["video_url"],
        )
        obj.pk = recorded.pk
        obj._state.adding = False


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    """The 主动公开基本目录 (``gongkai.catalog.categories``): the 通用目录 (no
    agency) and each agency's own categories; reference data, edited here."""

    list_display = ["name", "agency", "article20_item", "position"]
    list_filter = [("agency", admin.EmptyFieldListFilter), "article20_item"]
    search_fields = ["name", "agency__name"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]


@admin.register(ArchiveTransfer)
class ArchiveTransferAdmin(ViewOnlyAdmin):
    """Recorded with ``gongkai catalog archive`` (``archive_transfer_record``)."""

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
class PrivacyScanAdmin(ViewOnlyAdmin):
    """What each scan found (masked) and who let it through, and why."""

    list_display = ["item", "scanned_at", "overridden_by", "override_reason"]
    list_select_related = ["item", "overridden_by"]
    date_hierarchy = "scanned_at"


# The search engines by the names their index builds record.
SEARCH_BACKENDS = {
    "postgresql-tsvector": "PostgreSQL 全文检索",
    "sqlite-fts5": "SQLite 全文检索",
}


@admin.register(SearchIndexBuild)
class SearchIndexBuildAdmin(ViewOnlyAdmin):
    list_display = ["started_at", "engine", "items", "seconds", "built_by"]
    list_select_related = ["built_by"]
    fields = ["started_at", "engine", "items", "seconds", "built_by"]
    readonly_fields = ["engine"]

    @admin.display(description="检索引擎", ordering="backend")
    def engine(self, build: SearchIndexBuild) -> str:
        return SEARCH_BACKENDS.get(build.backend, build.backend)
