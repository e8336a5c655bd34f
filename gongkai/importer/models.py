"""Imported reports: published annual reports read into gongkai, kept per agency
and year, with the history of every re-import."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel


class ImportedReport(TimeStampedModel):
    """One import of one agency's report on one year.

    The agency is named as the report names itself, since most agencies whose
    reports are read (a region's units, or any agency a researcher studies) are not
    in gongkai's ledger; ``agency`` links the ones that are. Importing the same
    agency and year again replaces the current report: the old row stays, with
    ``replaced_at`` set and ``replaced_by`` pointing at its successor, so that
    exactly one row per agency and year is current.
    """

    agency_name = models.CharField(_("agency name"), max_length=200, db_index=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_reports",
    )
    region = models.CharField(
        _("region"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("The places the agency's name starts with, e.g. 兴义市."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    format = models.CharField(_("format"), max_length=32)
    data = models.JSONField(_("report data"))
    tables_found = models.JSONField(
        _("tables found"),
        default=dict,
        blank=True,
        help_text=_("For each table of the format, whether the document printed it."),
    )
    narrative = models.TextField(_("narrative"), blank=True)
    sketch = models.JSONField(_("wording sketch"), default=list, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file_kind = models.CharField(_("file kind"), max_length=8)
    file_sha256 = models.CharField("SHA-256", max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("imported report")
        verbose_name_plural = _("imported reports")
        ordering = ["region", "agency_name", "-year", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency_name", "year"],
                condition=Q(replaced_at__isnull=True),
                name="imported_report_one_current",
            )
        ]
        indexes = [models.Index(fields=["year", "region"])]

    def __str__(self) -> str:
        return f"{self.agency_name} {self.year}"

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None


class ImportUpload(TimeStampedModel):
    """One file uploaded on the import page, read in the background.

    The upload is stored (Django's storage, under a random name) and one task reads
    it; ``status`` says where the file is (waiting, being read, finished) and
    ``result`` how it ended (stored, already imported, failed). A finished upload is
    never read again, so a task that runs twice changes nothing twice.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting to be read")
        READING = "reading", _("Being read")
        FINISHED = "finished", _("Finished")

    class Result(models.TextChoices):
        NONE = "", _("Not yet")
        STORED = "stored", _("Stored")
        UNCHANGED = "unchanged", _("Already imported")
        FAILED = "failed", _("Failed")

    batch = models.UUIDField(_("batch"), db_index=True)
    name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(
        _("stored as"),
        max_length=255,
        blank=True,
        help_text=_("The file in storage until it has been read."),
    )
    size = models.PositiveBigIntegerField(_("size"), default=0)
    options = models.JSONField(_("options"), default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.WAITING
    )
    result = models.CharField(
        _("result"), max_length=16, choices=Result.choices, default="", blank=True
    )
    error = models.TextField(_("error"), blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    report = models.ForeignKey(
        ImportedReport,
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("uploaded report file")
        verbose_name_plural = _("uploaded report files")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.name
