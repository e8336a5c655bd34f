"""Stored reports: the narrative staff write, and published versions frozen."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel


class Narrative(TimeStampedModel):
    """A narrative section of an agency's report for a year (总体情况, ...)."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField(_("year"))
    key = models.CharField(_("section"), max_length=32)
    text = models.TextField(_("text"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("narrative section")
        verbose_name_plural = _("narrative sections")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "key"], name="narrative_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.key}"


class ReportVersion(TimeStampedModel):
    """A published report, frozen: the JSON snapshot and its SHA-256.

    Version 1 is the first publication; each correction adds the next version with
    its reason. Earlier versions are never changed.
    """

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("year"))
    format = models.CharField(_("format"), max_length=32)
    number = models.PositiveSmallIntegerField(_("version"))
    snapshot = models.JSONField(_("snapshot"))
    sha256 = models.CharField("SHA-256", max_length=64)
    reason = models.TextField(_("reason for correction"), blank=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("published report version")
        verbose_name_plural = _("published report versions")
        ordering = ["agency", "year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"], name="report_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} v{self.number}"
