"""Admin for proactive disclosure: catalogue items with their channels,
interpretations and transfers to archives."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.admin import RegionListFilter

from .models import ArchiveTransfer, Interpretation, Item, ItemChannel


class ItemChannelInline(admin.TabularInline):
    """The channels carrying an item: the item still counts once in the total."""

    model = ItemChannel
    extra = 0


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "agency",
        "document_kind",
        "published_on",
        "status",
        "channel_names",
    ]
    list_filter = [
        "status",
        "document_kind",
        "origin",
        "channels__channel",
        RegionListFilter,
    ]
    search_fields = ["title", "index_number", "document_number"]
    autocomplete_fields = ["agency"]
    date_hierarchy = "published_on"
    list_select_related = ["agency"]
    inlines = [ItemChannelInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Item]:
        return super().get_queryset(request).prefetch_related("channels")

    @admin.display(description=_("channels"))
    def channel_names(self, item: Item) -> str:
        return "、".join(
            channel.get_channel_display() for channel in item.channels.all()
        )


@admin.register(Interpretation)
class InterpretationAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "published_on", "by_principal_leader"]
    list_filter = ["by_principal_leader", RegionListFilter]
    search_fields = ["title"]
    autocomplete_fields = ["agency", "item"]
    date_hierarchy = "published_on"
    list_select_related = ["agency"]


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
    autocomplete_fields = ["agency"]
    date_hierarchy = "sent_on"
    list_select_related = ["agency"]
