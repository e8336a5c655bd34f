"""Catalogue items (主动公开目录), the channels that carry them, their attachments,
their review sign-offs and their corrections."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.files import RandomName
from gongkai.core.models import TimeStampedModel

from ..timeliness import is_late
from .choices import (
    AttachmentKind,
    Disclosure,
    DisclosureBasis,
    DocumentKind,
    ItemStatus,
    Origin,
    PublicationChannel,
    ReviewStep,
    Validity,
)


class IndexNumberChanged(ValueError):
    """An attempt to change an item's 索引号, which never changes once assigned."""


class Item(TimeStampedModel):
    """One catalogue item. It counts once in a year's total, however many channels
    carry it; its channels are counted separately (``ItemChannel``).

    The core metadata follow 《政府信息公开目录系统实施指引（试行）》 and 条例
    第十二条 (索引、名称、内容概述、生成日期). The 索引号 is "每条信息唯一不变的
    标识": once set it is never changed (``save`` refuses).
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    index_number = models.CharField(
        _("index number"), max_length=64, unique=True, null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body text"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=32, blank=True)
    subject = models.CharField(_("subject classification"), max_length=100, blank=True)
    genre = models.CharField(_("genre"), max_length=50, blank=True)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    article20_item = models.PositiveSmallIntegerField(
        _("item of Article 20"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(15)],
        help_text=_("Which item (一)–(十五) of Article 20 this publication fulfils."),
    )
    document_kind = models.CharField(
        _("document kind"), max_length=16, choices=DocumentKind.choices, blank=True
    )
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    formed_on = models.DateField(
        _("formed on"),
        help_text=_("成文日期: for a rule or normative document, its issue date."),
    )
    changed_on = models.DateField(
        _("changed on"),
        null=True,
        blank=True,
        help_text=_("The day the information changed, when it did (Article 26)."),
    )
    publish_due_on = models.DateField(
        _("due for publication on"), null=True, blank=True, editable=False
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    validity = models.CharField(
        _("validity"), max_length=16, choices=Validity.choices, blank=True
    )
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    origin = models.CharField(
        _("origin"), max_length=20, choices=Origin.choices, default=Origin.ORDINARY
    )
    disclosure = models.CharField(
        _("disclosure attribute"),
        max_length=16,
        choices=Disclosure.choices,
        default=Disclosure.PROACTIVE,
    )
    disclosure_basis = models.CharField(
        _("legal basis of the attribute"),
        max_length=16,
        choices=DisclosureBasis.choices,
        blank=True,
    )
    disclosure_reason = models.TextField(_("reason for the attribute"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    review_round = models.PositiveSmallIntegerField(
        _("review round"), default=0, editable=False
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")
        indexes = [
            models.Index(fields=["agency", "published_on"]),
            models.Index(fields=["agency", "document_kind", "formed_on"]),
            models.Index(fields=["status", "published_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(published_on__isnull=False),
                name="item_published_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def from_db(
        cls,
        db: str | None,
        field_names: Collection[str],
        values: Collection[Any],
        **kwargs: Any,
    ) -> Item:
        item = super().from_db(db, field_names, values, **kwargs)
        item._stored_index_number = item.__dict__.get("index_number")
        return item

    def save(self, *args: Any, **kwargs: Any) -> None:
        stored = getattr(self, "_stored_index_number", None)
        if stored and self.index_number != stored:
            raise IndexNumberChanged(f"索引号 {stored} 一经生成不得更改。")
        super().save(*args, **kwargs)
        self._stored_index_number = self.index_number

    @property
    def interpretations_published(self) -> list[Any]:
        """Its published interpretations (三同步: shown beside the document), from
        a prefetch when the list was prefetched."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "interpretations" in cache:
            found = list(cache["interpretations"])
        else:
            found = list(self.interpretations.order_by("published_on", "pk"))
        return [i for i in found if i.published_on is not None]

    @property
    def is_late(self) -> bool:
        """Published, or still unpublished, after its Art. 26 deadline."""
        return is_late(
            due_on=self.publish_due_on,
            published_on=self.published_on,
            today=timezone.localdate(),
        )


class ItemChannel(models.Model):
    """An item carried by one channel, from a given date."""

    item = models.ForeignKey(
        Item,
        verbose_name=_("catalogue item"),
        on_delete=models.CASCADE,
        related_name="channels",
    )
    channel = models.CharField(
        _("channel"), max_length=16, choices=PublicationChannel.choices
    )
    published_on = models.DateField(_("published on"))

    class Meta:
        verbose_name = _("publication channel")
        verbose_name_plural = _("publication channels")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "channel"], name="item_channel_unique"
            )
        ]
        indexes = [models.Index(fields=["channel", "published_on"])]

    def __str__(self) -> str:
        return f"{self.item_id} {self.get_channel_display()}"


class Attachment(TimeStampedModel):
    """A file published with an item. Its text is extracted once, when it is
    attached, for the privacy scan and for search; an image has no text to scan."""

    item = models.ForeignKey(
        Item,
        verbose_name=_("catalogue item"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    # Stored under a random name (gongkai.core.files); ``name`` is the one given.
    file = models.FileField(_("file"), upload_to=RandomName("catalog/attachments"))
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=8, choices=AttachmentKind.choices)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    digest = models.CharField(_("SHA-256"), max_length=64)
    segments = models.JSONField(_("extracted text"), default=list, blank=True)
    scannable = models.BooleanField(_("text could be read"), default=True)
    problem = models.CharField(
        _("why it cannot be scanned"), max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["item", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def text(self) -> str:
        return "\n".join(segment["text"] for segment in self.segments)


class ItemReview(models.Model):
    """One sign-off of the workflow: who decided which step, when, and what."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    item = models.ForeignKey(
        Item,
        verbose_name=_("catalogue item"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    round = models.PositiveSmallIntegerField(_("review round"))
    step = models.CharField(_("step"), max_length=16, choices=ReviewStep.choices)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    opinion = models.TextField(_("opinion"), blank=True)

    class Meta:
        verbose_name = _("review sign-off")
        verbose_name_plural = _("review sign-offs")
        ordering = ["item", "decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_step_display()} {self.get_decision_display()}"


class ItemCorrection(models.Model):
    """A correction of a published item (更正), with its reason and what changed."""

    item = models.ForeignKey(
        Item,
        verbose_name=_("catalogue item"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    corrected_at = models.DateTimeField(_("corrected at"), default=timezone.now)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["item", "corrected_at", "id"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.corrected_at:%Y-%m-%d}"


class IndexCounter(models.Model):
    """The last serial given out under one 索引号 prefix (all of the pattern but
    the serial: an agency and a year, by default)."""

    key = models.CharField(_("prefix"), max_length=200, unique=True)
    last = models.PositiveIntegerField(_("last serial"), default=0)

    class Meta:
        verbose_name = _("index number counter")
        verbose_name_plural = _("index number counters")

    def __str__(self) -> str:
        return f"{self.key} {self.last}"


__all__ = [
    "Attachment",
    "IndexCounter",
    "IndexNumberChanged",
    "Item",
    "ItemChannel",
    "ItemCorrection",
    "ItemReview",
]
