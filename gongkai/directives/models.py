"""A 督办 notice, the unit's answers and their files.

A directive concerns one thing that ran late, named by its ``kind`` and one
explicit foreign key (or, for an annual report, the year): queryable from either
side (the application's directives, the unit's open ones) without a generic key.
Its ``state`` moves by the table in ``workflow.py``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.files import RandomName
from gongkai.core.models import TimeStampedModel


class DirectiveKind(models.TextChoices):
    """What a directive is about."""

    APPLICATION = "application", "逾期未答复的申请"
    REVIEW = "review", "逾期未提交的行政复议答复"
    LITIGATION = "litigation", "逾期未提交的行政诉讼答辩"
    ITEM = "item", "逾期公开的信息"
    REPORT = "report", "未按时公布的年度报告"


class DirectiveState(models.TextChoices):
    OPEN = "open", "待答复"
    ANSWERED = "answered", "已答复"
    CLOSED = "closed", "已办结"


# The foreign key (or field) each kind names; the others stay empty.
TARGET_FIELDS: dict[str, str] = {
    DirectiveKind.APPLICATION: "application",
    DirectiveKind.REVIEW: "review",
    DirectiveKind.LITIGATION: "litigation",
    DirectiveKind.ITEM: "item",
    DirectiveKind.REPORT: "report_year",
}


def _one_target() -> Q:
    """Exactly the field of the directive's kind is set."""
    either = Q()
    for kind, name in TARGET_FIELDS.items():
        rule = Q(kind=kind, **{f"{name}__isnull": False})
        for other in TARGET_FIELDS.values():
            if other != name:
                rule &= Q(**{f"{other}__isnull": True})
        either |= rule
    return either


class Directive(TimeStampedModel):
    """One 督办 notice from a supervisor to a unit."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="directives",
    )
    kind = models.CharField(_("about"), max_length=16, choices=DirectiveKind.choices)
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directives",
    )
    review = models.ForeignKey(
        "cases.AdministrativeReview",
        verbose_name=_("administrative review"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directives",
    )
    litigation = models.ForeignKey(
        "cases.Litigation",
        verbose_name=_("litigation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directives",
    )
    item = models.ForeignKey(
        "catalog.Item",
        verbose_name=_("catalogue item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directives",
    )
    report_year = models.PositiveSmallIntegerField(
        _("annual report of"), null=True, blank=True
    )
    text = models.TextField(_("text"))
    respond_by = models.DateField(_("answer by"))
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=DirectiveState.choices,
        default=DirectiveState.OPEN,
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directives_issued",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(name="directive_one_target", condition=_one_target())
        ]
        indexes = [models.Index(fields=["agency", "state"])]

    def __str__(self) -> str:
        return f"督办：{self.target_label}"

    @property
    def target_label(self) -> str:
        """What the directive is about, as the unit reads it."""
        if self.kind == DirectiveKind.APPLICATION and self.application is not None:
            return f"申请 {self.application.tracking_number}"
        if self.kind == DirectiveKind.REVIEW and self.review is not None:
            return f"行政复议 {self.review.number or self.review.filed_on}"
        if self.kind == DirectiveKind.LITIGATION and self.litigation is not None:
            return f"行政诉讼 {self.litigation.number or self.litigation.filed_on}"
        if self.kind == DirectiveKind.ITEM and self.item is not None:
            return f"信息“{self.item.title}”"
        return f"{self.report_year}年度政府信息公开工作年度报告"

    @property
    def is_closed(self) -> bool:
        return self.state == DirectiveState.CLOSED


class DirectiveResponse(TimeStampedModel):
    """The unit's answer to a directive (a second one adds to the first)."""

    directive = models.ForeignKey(
        Directive,
        verbose_name=_("directive"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    text = models.TextField(_("answer"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("answer to a directive")
        verbose_name_plural = _("answers to directives")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.directive} · {self.created_at:%Y-%m-%d}"


class DirectiveFile(TimeStampedModel):
    """A file sent with an answer; stored under a random name, sent under the
    name it was given (``gongkai.core.files``)."""

    response = models.ForeignKey(
        DirectiveResponse,
        verbose_name=_("answer"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    file = models.FileField(_("file"), upload_to=RandomName("directives"))
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))

    class Meta:
        verbose_name = _("file of an answer")
        verbose_name_plural = _("files of answers")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
