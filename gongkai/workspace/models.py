"""The annual report's way from draft to publication inside an agency.

Staff compile the report (the figures come from the ledger, the narrative they
write), submit it, the disclosure office head signs it off (or returns it with a
reason), and only then is it published (``gongkai.reports.services.report_publish``
freezes it). The states and who moves between them are in ``review.py``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel


class ReportReview(TimeStampedModel):
    """Where an agency's report on a year stands before it is published."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Being compiled")
        SUBMITTED = "submitted", _("Submitted for sign-off")
        SIGNED_OFF = "signed_off", _("Signed off")

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="report_reviews",
    )
    year = models.PositiveSmallIntegerField(_("year"))
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
                fields=["agency", "year"], name="report_review_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.get_state_display()}"
