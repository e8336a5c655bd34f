"""Administrative review (行政复议), litigation (行政诉讼) and complaints (举报投诉)
about the agency's disclosure work.

A case's stage (where it is) follows from its dates, so it is right for records
written without the workflow too: filed → served on the agency (the respondent
receives the petition or complaint) → answered (the agency's written answer or
defence) → concluded, with its result (维持 / 纠正 / 其他; none yet: 尚未审结).
``workflow.py`` says which step may follow which."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel


class Result(models.TextChoices):
    """How a case ended. A case with no result yet is 尚未审结."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"


class Stage(models.TextChoices):
    FILED = "filed", _("filed")
    SERVED = "served", _("served on the agency")
    ANSWERED = "answered", _("answered")
    CONCLUDED = "concluded", _("concluded")


class Case(TimeStampedModel):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("respondent agency"),
        on_delete=models.PROTECT,
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    number = models.CharField(_("case number"), max_length=100, blank=True)
    body = models.CharField(
        _("review body or court"),
        max_length=200,
        blank=True,
        help_text=_("The review body (复议机关) or the court (人民法院)."),
    )
    filed_on = models.DateField(_("filed on"))
    served_on = models.DateField(
        _("served on"),
        null=True,
        blank=True,
        help_text=_("The day the agency received the petition or the complaint."),
    )
    answer_due = models.DateField(_("answer due on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    hearing_on = models.DateField(_("hearing on"), null=True, blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    result = models.CharField(
        _("result"), max_length=16, choices=Result.choices, blank=True
    )
    decision_summary = models.TextField(_("decision"), blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                name="%(class)s_concluded_has_result",
                condition=models.Q(concluded_on__isnull=True, result="")
                | (models.Q(concluded_on__isnull=False) & ~models.Q(result="")),
            )
        ]
        indexes = [models.Index(fields=["agency", "filed_on"])]

    @property
    def stage(self) -> str:
        """Where the case is, read from its dates."""
        if self.concluded_on:
            return Stage.CONCLUDED
        if self.answered_on:
            return Stage.ANSWERED
        if self.served_on:
            return Stage.SERVED
        return Stage.FILED


class AdministrativeReview(Case):
    class Meta(Case.Meta):
        verbose_name = _("administrative review")
        verbose_name_plural = _("administrative reviews")

    def __str__(self) -> str:
        return f"行政复议 {self.filed_on}"


class Litigation(Case):
    """A lawsuit, brought directly or after an administrative review."""

    after_review = models.BooleanField(
        _("brought after administrative review"), default=False
    )
    review = models.ForeignKey(
        AdministrativeReview,
        verbose_name=_("administrative review"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="litigations",
    )

    class Meta(Case.Meta):
        verbose_name = _("litigation")
        verbose_name_plural = _("litigations")
        constraints = [
            *Case.Meta.constraints,
            models.CheckConstraint(
                name="litigation_review_implies_after_review",
                condition=models.Q(review__isnull=True) | models.Q(after_review=True),
            ),
        ]

    def __str__(self) -> str:
        return f"行政诉讼 {self.filed_on}"


class Complaint(Case):
    """A complaint or report about the agency's disclosure work (举报投诉)."""

    subject = models.CharField(_("subject"), max_length=300, blank=True)

    class Meta(Case.Meta):
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return f"举报投诉 {self.filed_on}"
