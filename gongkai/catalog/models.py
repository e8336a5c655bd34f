"""Proactive disclosure (主动公开): catalogue items and where they were published."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel


class Channel(models.TextChoices):
    """Channels of publication named by the report formats (条例 第二十三条)."""

    GAZETTE = "gazette", "政府公报"
    WEBSITE = "website", "政府网站"
    WEIBO = "weibo", "政务微博"
    WEIXIN = "weixin", "政务微信"
    CLIENT = "client", "政务客户端"
    OTHER = "other", "其他"


class DocumentKind(models.TextChoices):
    NONE = "", "—"
    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"


class Origin(models.TextChoices):
    """How an item came to be published proactively (dynamic management)."""

    ORDINARY = "ordinary", "主动公开"
    FROM_APPLICATION = "from_application", "依申请公开转主动公开"  # 第四十四条
    DECLASSIFIED = "declassified", "解密公开"  # 第十八条


class Item(TimeStampedModel):
    """One catalogue item. It counts once in a year's total, however many channels
    carry it; its channels are counted separately (``ItemChannel``)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

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
    category = models.CharField(_("category"), max_length=32, blank=True)
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
    published_on = models.DateField(_("published on"), null=True, blank=True)
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    origin = models.CharField(
        _("origin"), max_length=20, choices=Origin.choices, default=Origin.ORDINARY
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")
        indexes = [
            models.Index(fields=["agency", "published_on"]),
            models.Index(fields=["agency", "document_kind", "formed_on"]),
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


class ItemChannel(models.Model):
    """An item carried by one channel, from a given date."""

    item = models.ForeignKey(
        Item,
        verbose_name=_("catalogue item"),
        on_delete=models.CASCADE,
        related_name="channels",
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
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


class Interpretation(TimeStampedModel):
    """A policy interpretation (政策解读) published with the document it explains."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    item = models.ForeignKey(
        Item,
        verbose_name=_("catalogue item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
    )
    title = models.CharField(_("title"), max_length=500)
    published_on = models.DateField(_("published on"), db_index=True)
    by_principal_leader = models.BooleanField(
        _("by the principal leader"), default=False
    )

    class Meta:
        verbose_name = _("policy interpretation")
        verbose_name_plural = _("policy interpretations")

    def __str__(self) -> str:
        return self.title


class ArchiveTransfer(TimeStampedModel):
    """A batch of published items sent to archives and libraries (第二十五条)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="archive_transfers",
    )
    sent_on = models.DateField(_("sent on"), db_index=True)
    recipient = models.CharField(_("recipient"), max_length=200)
    paper_items = models.PositiveIntegerField(_("paper items"), default=0)
    electronic_items = models.PositiveIntegerField(_("electronic items"), default=0)

    class Meta:
        verbose_name = _("transfer to archives")
        verbose_name_plural = _("transfers to archives")

    def __str__(self) -> str:
        return f"{self.recipient} {self.sent_on}"
