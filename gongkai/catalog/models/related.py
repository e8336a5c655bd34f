"""Records that hang on catalogue items: interpretations and transfers to archives."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.files import RandomName
from gongkai.core.models import TimeStampedModel

from .choices import InterpretationForm
from .items import Item


class Interpretation(TimeStampedModel):
    """A policy interpretation (政策解读) of a document. Drafted with the document,
    it is published together with it (``item_publish`` sets its date)."""

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
    form = models.CharField(
        "解读形式",
        max_length=16,
        choices=InterpretationForm.choices,
        default=InterpretationForm.TEXT,
    )
    body = models.TextField(_("body text"), blank=True)
    # 图文解读: the graphic (PNG, JPEG or SVG), shown on the page.
    graphic = models.FileField(
        "解读图", upload_to=RandomName("catalog/interpretations"), blank=True
    )
    # 视频解读: where the video is published (the portal links to it).
    video_url = models.URLField("视频地址", blank=True)
    published_on = models.DateField(
        _("published on"), null=True, blank=True, db_index=True
    )
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
    items = models.ManyToManyField(
        Item,
        verbose_name=_("catalogue items"),
        blank=True,
        related_name="archive_transfers",
    )

    class Meta:
        verbose_name = _("transfer to archives")
        verbose_name_plural = _("transfers to archives")

    def __str__(self) -> str:
        return f"{self.recipient} {self.sent_on}"
