"""Stored reports: the narrative staff write, where each report stands in its review,
and published versions frozen."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.files import RandomName
from gongkai.core.models import TimeStampedModel


class Narrative(TimeStampedModel):
    """A narrative section of an agency's report for a year (总体情况, ...)."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # A section of the government's report of its region, or of its own.
    region = models.BooleanField(_("region report"), default=False)
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
                fields=["agency", "year", "region", "key"], name="narrative_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.heading}"

    @property
    def heading(self) -> str:
        """The section's heading in the formats (一、总体情况), not its key."""
        from .formats import all_formats

        for fmt in all_formats().values():
            for spec in fmt.sections:
                if spec.narrative == self.key:
                    return f"{spec.number}、{spec.heading}"
        return "其他部分"


class ReportReview(TimeStampedModel):
    """Where an agency's report on a year stands: its state in ``REPORT_WORKFLOW``
    (``workflow.py``), who submitted and who signed it off, and why it was last
    returned. Moved here from ``workspace`` (issue 10): the report's life is a rule
    of the domain, not of a page."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Being compiled")
        SUBMITTED = "submitted", _("Submitted for sign-off")
        SIGNED_OFF = "signed_off", _("Signed off")
        RETURNED = "returned", _("Returned for changes")
        PUBLISHED = "published", _("Published")
        CORRECTED = "corrected", _("Corrected")

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="report_reviews",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # The government's report of its whole region (its own ledger and every unit
    # under it), reviewed and published apart from its own report.
    region = models.BooleanField(_("region report"), default=False)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    returned_reason = models.TextField(_("reason for returning"), blank=True)

    class Meta:
        verbose_name = _("report review")
        verbose_name_plural = _("report reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "region"], name="report_review_unique"
            )
        ]

    def __str__(self) -> str:
        region = "（汇总）" if self.region else ""
        return f"{self.agency}{region} {self.year} {self.get_state_display()}"


class ReportVersion(TimeStampedModel):
    """A published report, frozen: the JSON snapshot and its SHA-256.

    Version 1 is the first publication; each correction adds the next version with
    its reason. Earlier versions are never changed.
    """

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # A government's report of its whole region, or else the agency's own.
    region = models.BooleanField(_("region report"), default=False)
    format = models.CharField(_("format"), max_length=32)
    number = models.PositiveSmallIntegerField(_("version"))
    snapshot = models.JSONField(_("snapshot"))
    sha256 = models.CharField("SHA-256", max_length=64)
    reason = models.TextField(_("reason for correction"), blank=True)
    # Findings published despite themselves, each named with its reason: a
    # narrative figure that contradicts a table ([{"rule", "reason", "findings"}]).
    overrides = models.JSONField(_("overridden findings"), default=list, blank=True)
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
        ordering = ["agency", "year", "region", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "region", "number"],
                name="report_version_unique",
            )
        ]

    def __str__(self) -> str:
        region = "（汇总）" if self.region else ""
        return f"{self.agency}{region} {self.year} v{self.number}"


class ReportFile(TimeStampedModel):
    """A published version's printed form (DOCX, PDF, XLSX, text), rendered once
    and stored (``gongkai.reports.published``).

    A renderer stamps the time into a DOCX or PDF, so rendering the same snapshot
    twice gives different bytes; the file stored first is the version's file for
    good, and its SHA-256 is kept beside it, as the snapshot's is. Never changed
    nor replaced: a correction is a new version with files of its own."""

    version = models.ForeignKey(
        ReportVersion,
        verbose_name=_("published report version"),
        on_delete=models.PROTECT,
        related_name="files",
    )
    extension = models.CharField(_("file type"), max_length=8)
    file = models.FileField(_("file"), upload_to=RandomName("reports"))
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("published report file")
        verbose_name_plural = _("published report files")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "extension"], name="report_file_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} .{self.extension}"
