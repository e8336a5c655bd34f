"""The files gathered for an application, their review, their redaction marks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.privacy import LABELS
from gongkai.core.files import RandomName
from gongkai.core.models import TimeStampedModel

from .grounds import GROUND_CHOICES
from .grounds import label as ground_label

if TYPE_CHECKING:
    from gongkai.agencies.models import Agency


class ReviewStatus(models.TextChoices):
    """What is released of one file (《政府信息公开条例》第三十六条、第三十七条)."""

    PENDING = "pending", "待审查"
    RELEASED = "released", "公开"
    PARTLY_RELEASED = "partly_released", "部分公开"
    WITHHELD = "withheld", "不予公开"


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    OFFICE = "office", "Word / Excel"
    IMAGE = "image", "图片"


class MarkKind(models.TextChoices):
    TERM = "term", "文字"
    FINDING = "finding", "隐私检查发现的号码"
    REGION = "region", "页面区域"


class ReleaseFile(TimeStampedModel):
    """One record gathered to answer an application, as received from the office
    that holds it (the original, seen by staff only), with its review and, for a
    partial release, the redacted copy the applicant gets."""

    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="release_files",
    )
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=8, choices=FileKind.choices)
    # Both stored under random names (gongkai.core.files), sent only by the views
    # that check who asks: the original to staff, the release to the applicant.
    original = models.FileField(_("original"), upload_to=RandomName("releases"))
    digest = models.CharField(_("SHA-256"), max_length=64)
    # A Word, Excel or image file printed to PDF (``conversion``): what the
    # preview shows and the redaction starts from. Empty for a PDF (the original
    # is one) or before the conversion succeeded.
    as_pdf = models.FileField(_("as PDF"), upload_to=RandomName("releases"), blank=True)
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attached by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("review"),
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PENDING,
    )
    ground = models.CharField(
        _("ground"), max_length=16, choices=GROUND_CHOICES, blank=True
    )
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    redacted = models.FileField(
        _("redacted copy"), upload_to=RandomName("releases"), blank=True
    )
    redacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("redacted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    redacted_at = models.DateTimeField(_("redacted at"), null=True, blank=True)
    released_on = models.DateField(_("released on"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("released file")
        verbose_name_plural = _("released files")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def agency(self) -> Agency:
        """The agency whose records these are (for ``authorize``)."""
        return self.application.agency

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0] if "." in self.name else self.name

    @property
    def removed_grounds(self) -> list[str]:
        """Why the covered passages are withheld, each ground once (第三十七条:
        the applicant is told the reason)."""
        seen = dict.fromkeys(mark.ground for mark in self.redactions.all())
        return [ground_label(key) for key in seen]

    @property
    def release_name(self) -> str:
        """The name the applicant's download carries."""
        if self.status == ReviewStatus.PARTLY_RELEASED:
            return f"{self.stem}（部分公开）.pdf"
        return self.name


class Redaction(TimeStampedModel):
    """A passage to remove from a file before its partial release, and why.

    A term is kept as typed; a privacy finding only as the kind of number (the
    numbers themselves are found again in the file whenever it is redacted, and
    never written down here); a region as a page and a rectangle in PDF points,
    from the page's top-left corner."""

    file = models.ForeignKey(
        ReleaseFile,
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        related_name="redactions",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=MarkKind.choices)
    text = models.CharField(_("text"), max_length=200, blank=True)
    finding = models.CharField(_("kind of number"), max_length=16, blank=True)
    page = models.PositiveIntegerField(_("page"), null=True, blank=True)
    x0 = models.FloatField(null=True, blank=True)
    y0 = models.FloatField(null=True, blank=True)
    x1 = models.FloatField(null=True, blank=True)
    y1 = models.FloatField(null=True, blank=True)
    ground = models.CharField(_("ground"), max_length=16, choices=GROUND_CHOICES)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("redaction")
        verbose_name_plural = _("redactions")
        ordering = ["file", "pk"]

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        """How the mark reads: “张三”, 全部居民身份证号, 第2页 (72,100)–(300,140)."""
        if self.kind == MarkKind.TERM:
            return f"“{self.text}”"
        if self.kind == MarkKind.FINDING:
            return f"全部{LABELS.get(self.finding, self.finding)}"
        return f"第{self.page}页 ({self.x0:g},{self.y0:g})–({self.x1:g},{self.y1:g})"
