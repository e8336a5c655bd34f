"""The steps of the procedure that move the reply clock: 补正, consultation, fees,
extension and delay. Together with the receipt date they are the application's
deadline ledger; ``selectors.clock_inputs`` reads them into ``clock.ClockInput``."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .application import Application


class CorrectionRequest(TimeStampedModel):
    """The one 补正 notice an application may get (第三十条: 一次性告知)."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="correction",
    )
    notified_on = models.DateField(_("notified on"))
    items = models.TextField(_("what to correct"))
    correct_by = models.DateField(_("correct by"))
    corrected_on = models.DateField(
        _("corrected application received on"), null=True, blank=True
    )
    notice_late = models.BooleanField(
        _("notice late"),
        default=False,
        help_text=_("Sent after the 7 working days of Article 30."),
    )

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        constraints = [
            models.CheckConstraint(
                name="correction_after_notice",
                condition=Q(corrected_on__isnull=True)
                | Q(corrected_on__gte=F("notified_on")),
            )
        ]

    def __str__(self) -> str:
        return f"补正 {self.application}"


class Consultation(TimeStampedModel):
    """A consultation of a third party (第三十二条) or another agency (第三十四条)."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", "征求第三方意见"
        OTHER_AGENCY = "other_agency", "征求其他机关意见"

    class Opinion(models.TextChoices):
        CONSENT = "consent", _("consents to disclosure")
        OBJECTION = "objection", _("objects to disclosure")
        NO_REPLY = "no_reply", _("no opinion in time")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    party = models.CharField(_("consulted party"), max_length=300)
    sent_on = models.DateField(_("sent on"))
    answer_due = models.DateField(_("answer due on"))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    opinion = models.CharField(
        _("opinion"), max_length=16, choices=Opinion.choices, blank=True
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["sent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="consultation_answered_after_sent",
                condition=Q(answered_on__isnull=True)
                | Q(answered_on__gte=F("sent_on")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.party}"


class FeeNotice(TimeStampedModel):
    """A fee notice (信息处理费, 国办函〔2020〕109号) and how it ended: paid, waived,
    or not paid in time (then the application is closed as 其他处理 2)."""

    class Basis(models.TextChoices):
        PER_ITEM = "per_item", "按件计收"
        PER_PAGE = "per_page", "按量计收"

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="fee_notice",
    )
    basis = models.CharField(_("basis"), max_length=16, choices=Basis.choices)
    quantity = models.PositiveIntegerField(
        _("quantity"),
        help_text=_("Requests in the month so far (per item), or pages (per page)."),
    )
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    reduction = models.DecimalField(
        _("reduction (yuan)"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    reduction_reason = models.CharField(
        _("reason for the reduction"), max_length=300, blank=True
    )
    notified_on = models.DateField(_("notified on"))
    pay_by = models.DateField(_("pay by"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    waived_on = models.DateField(_("waived on"), null=True, blank=True)

    class Meta:
        verbose_name = _("fee notice")
        verbose_name_plural = _("fee notices")
        constraints = [
            models.CheckConstraint(
                name="fee_reduction_within_amount",
                condition=Q(reduction__gte=0) & Q(reduction__lte=F("amount")),
            ),
            models.CheckConstraint(
                name="fee_paid_or_waived_not_both",
                condition=Q(paid_on__isnull=True) | Q(waived_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"收费通知 {self.application} {self.amount_due} 元"

    @property
    def amount_due(self) -> Decimal:
        return self.amount - self.reduction

    @property
    def settled_on(self):
        """The day the clock starts again: payment or waiver."""
        return self.paid_on or self.waived_on


class Extension(TimeStampedModel):
    """More time to reply: an extension (第三十三条第二款, once, at most 20 working
    days, approved by the office head) or a delay for excessive requests found
    reasonable (第三十五条)."""

    class Kind(models.TextChoices):
        EXTENSION = "extension", "延长答复期限"
        DELAY = "delay", "延迟答复"

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    days = models.PositiveSmallIntegerField(
        _("working days"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    reason = models.TextField(_("reason"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"))
    notified_on = models.DateField(_("applicant told on"))

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"], name="extension_once_per_kind"
            ),
            models.CheckConstraint(
                name="extension_at_most_20_days",
                condition=~Q(kind="extension") | Q(days__lte=20),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.days} 个工作日"
