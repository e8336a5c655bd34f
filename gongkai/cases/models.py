"""Administrative review (行政复议), litigation (行政诉讼) and complaints (举报投诉)
about the agency's disclosure work.

A case's stage (where it is) follows from its dates, so it is right for records
written without the workflow too: filed → served on the agency (the respondent
receives the petition or complaint) → answered (the agency's written answer or
defence) → concluded, with its result (维持 / 纠正 / 其他; none yet: 尚未审结).
``workflow.py`` says which step may follow which."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.files import RandomName
from gongkai.core.models import TimeStampedModel


def _named(kind: str, case: "Case") -> str:
    """How lists and drill-downs name a case: by its number when it has one."""
    if case.number:
        return f"{kind} {case.number}（{case.filed_on:%Y-%m-%d} 立案）"
    return f"{kind} {case.filed_on:%Y-%m-%d}"


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
    simplified = models.BooleanField(
        _("simplified procedure"),
        default=False,
        help_text=_(
            "Under the simplified procedure the respondent answers within 5 working "
            "days of receiving the copy (Administrative Review Law, Article 54)."
        ),
    )

    class Meta(Case.Meta):
        verbose_name = _("administrative review")
        verbose_name_plural = _("administrative reviews")

    def __str__(self) -> str:
        return _named("行政复议", self)


class Instance(models.TextChoices):
    """The trial a lawsuit is at (审级)."""

    FIRST = "first", "一审"
    SECOND = "second", "二审"


class Litigation(Case):
    """A lawsuit, brought directly or after an administrative review."""

    instance = models.CharField(
        _("instance"), max_length=8, choices=Instance.choices, default=Instance.FIRST
    )
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
        return _named("行政诉讼", self)


class Complaint(Case):
    """A complaint or report about the agency's disclosure work (举报投诉)."""

    subject = models.CharField(_("subject"), max_length=300, blank=True)

    class Meta(Case.Meta):
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return _named("举报投诉", self)


class ReviewBody(TimeStampedModel):
    """A review body (复议机关) or a court (人民法院) a region's cases go to: the
    directory staff pick from when they register a case."""

    class Kind(models.TextChoices):
        REVIEW = "review", "行政复议机关"
        COURT = "court", "人民法院"

    region = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="review_bodies",
        help_text=_("The government whose region (and units) the body serves."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)

    class Meta:
        verbose_name = _("review body or court")
        verbose_name_plural = _("review bodies and courts")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind", "name"], name="reviewbody_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CaseDocument(TimeStampedModel):
    """A document of a review or lawsuit (申请书副本、答复书、答辩状、决定书、判决书…),
    served only through a view that checks the reader may see the case."""

    review = models.ForeignKey(
        AdministrativeReview,
        verbose_name=_("administrative review"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    litigation = models.ForeignKey(
        Litigation,
        verbose_name=_("litigation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=200)
    name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=RandomName("cases"))
    uploaded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="casedocument_one_case",
                condition=models.Q(review__isnull=False, litigation__isnull=True)
                | models.Q(review__isnull=True, litigation__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.title
