"""What the applicant sends on the tracking page: the answer to a 补正 notice (text
and files) and a payment receipt for a fee notice; and the PDF of a letter, kept
beside its DOCX once rendered.

The public never writes to shared records (ARCHITECTURE.md): these rows hang off the
application's own notices. The answer to a 补正 records the correction in the same
ledger as a paper one (``CorrectionRequest.corrected_on``); a receipt only becomes a
payment when staff confirm it (``FeeNotice.paid_on``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.files import RandomName
from gongkai.core.models import TimeStampedModel

from .letters import Letter
from .procedure import CorrectionRequest, FeeNotice


class OnlineCorrection(TimeStampedModel):
    """The applicant's answer to the 补正 notice, sent on the tracking page: one per
    notice (第三十条: the notice is given once, and answered once)."""

    correction = models.OneToOneField(
        CorrectionRequest,
        verbose_name=_("correction request"),
        on_delete=models.CASCADE,
        related_name="online_answer",
    )
    text = models.TextField(_("corrected application"), blank=True)
    received_on = models.DateField(_("received on"))
    # The privacy scan of the text and of the files' text (gongkai.catalog.privacy):
    # [{"kind", "label", "where", "masked"}], shown to staff only.
    findings = models.JSONField(_("privacy findings"), default=list, blank=True)
    unscannable = models.JSONField(_("files not scanned"), default=list, blank=True)
    seen_at = models.DateTimeField(_("seen by staff at"), null=True, blank=True)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("seen by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("online correction")
        verbose_name_plural = _("online corrections")

    def __str__(self) -> str:
        return f"网上补正 {self.correction.application}"


class OnlineCorrectionFile(models.Model):
    """A file sent with an online correction, stored under a random name."""

    answer = models.ForeignKey(
        OnlineCorrection,
        verbose_name=_("online correction"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    file = models.FileField(_("file"), upload_to=RandomName("corrections"))
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        verbose_name = _("online correction file")
        verbose_name_plural = _("online correction files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class PaymentReceipt(TimeStampedModel):
    """A payment receipt the applicant uploaded for a fee notice. Staff confirm it,
    which records the payment (``services.fee_pay``) on the day it was paid."""

    fee_notice = models.ForeignKey(
        FeeNotice,
        verbose_name=_("fee notice"),
        on_delete=models.CASCADE,
        related_name="receipts",
    )
    file = models.FileField(_("file"), upload_to=RandomName("receipts"))
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    uploaded_on = models.DateField(_("uploaded on"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("payment receipt")
        verbose_name_plural = _("payment receipts")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"缴费凭证 {self.name}"


class LetterPdf(models.Model):
    """A letter's PDF, rendered once from its stored text (``letters.pdf``)."""

    letter = models.OneToOneField(
        Letter,
        verbose_name=_("letter"),
        on_delete=models.CASCADE,
        related_name="pdf",
    )
    file = models.FileField(_("file"), upload_to=RandomName("letters"))

    class Meta:
        verbose_name = _("letter PDF")
        verbose_name_plural = _("letter PDFs")

    def __str__(self) -> str:
        return f"{self.letter} PDF"
