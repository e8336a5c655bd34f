"""What the privacy scan looks for beyond the built-in kinds, and what it found."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .items import Item


def validate_regex(value: str) -> None:
    try:
        re.compile(value)
    except re.error as error:
        raise ValidationError(f"不是有效的正则表达式：{error}") from error


class PrivacyPattern(models.Model):
    """A pattern an administrator adds to the privacy scan (a staff number, a
    case-file number...): text it matches blocks publication like an ID number."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    pattern = models.CharField(
        _("regular expression"), max_length=500, validators=[validate_regex]
    )
    active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("privacy pattern")
        verbose_name_plural = _("privacy patterns")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PrivacyScan(models.Model):
    """One scan of an item's text and attachments, for one version of its content.

    Findings are stored masked (``522301********1234``), never in clear. A scan
    with findings, or with attachments that could not be read, blocks publication
    until a reviewer overrides it with a reason.
    """

    item = models.ForeignKey(
        Item,
        verbose_name=_("catalogue item"),
        on_delete=models.CASCADE,
        related_name="privacy_scans",
    )
    scanned_at = models.DateTimeField(_("scanned at"), default=timezone.now)
    content_digest = models.CharField(_("content digest"), max_length=64)
    findings = models.JSONField(_("findings"), default=list, blank=True)
    unscannable = models.JSONField(_("files not scanned"), default=list, blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    overridden_at = models.DateTimeField(_("overridden at"), null=True, blank=True)
    override_reason = models.TextField(_("reason for the override"), blank=True)

    class Meta:
        verbose_name = _("privacy scan")
        verbose_name_plural = _("privacy scans")
        ordering = ["-scanned_at", "-id"]
        indexes = [models.Index(fields=["item", "content_digest"])]

    def __str__(self) -> str:
        return f"{self.item_id} {self.scanned_at:%Y-%m-%d %H:%M}"

    @property
    def found_nothing(self) -> bool:
        return not self.findings and not self.unscannable

    @property
    def blocks_publication(self) -> bool:
        return not self.found_nothing and self.overridden_at is None
