"""Notices to applicants: the texts staff edit, each notice as sent, and each try.

A notice is one message on one channel (e-mail or SMS) about one step of one
application. It is created in the transaction of the step and sent by a task once
that transaction commits (``tasks.notice_send``); each try is kept
(``NoticeAttempt``). A notice that could not be sent after
``GONGKAI_NOTICE_ATTEMPTS`` tries is *failed*: its handler sees it on the dashboard.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel


class NoticeKind(models.TextChoices):
    """The steps the applicant is told of (labels as the applicant reads them)."""

    SUBMITTED = "submitted", "申请已提交"
    RECEIVED = "received", "申请已收到"
    CORRECTION = "correction", "补正告知"
    CONSULTATION = "consultation", "征求意见"
    FEE = "fee", "收费通知"
    EXTENSION = "extension", "延长答复期限"
    DELAY = "delay", "延迟答复"
    CLOSED = "closed", "申请已办结"
    DELIVERED = "delivered", "信函送达"
    CORRECTION_REMINDER = "correction_reminder", "补正期限提醒"
    PAYMENT_REMINDER = "payment_reminder", "缴费期限提醒"


class Channel(models.TextChoices):
    EMAIL = "email", "电子邮件"
    SMS = "sms", "短信"


class NoticeStatus(models.TextChoices):
    PENDING = "pending", "待发送"
    SENDING = "sending", "发送中"
    RETRYING = "retrying", "发送失败，待重试"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"
    CANCELLED = "cancelled", "未发送"


class NoticeTemplate(TimeStampedModel):
    """The text of one kind of notice on one channel, in Django's template language
    (as the letters). A template without an agency is everyone's default; an
    agency's own overrides it. Texts not stored come from ``defaults.yaml``."""

    kind = models.CharField(_("notice"), max_length=32, choices=NoticeKind.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notice_templates",
        help_text=_("Empty: the default for every agency."),
    )
    subject = models.CharField(
        _("subject"), max_length=200, blank=True, help_text=_("E-mail only.")
    )
    body = models.TextField(_("body"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("notice template")
        verbose_name_plural = _("notice templates")
        ordering = ["kind", "channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "channel", "agency"],
                name="notice_template_unique_per_agency",
            ),
            models.UniqueConstraint(
                fields=["kind", "channel"],
                condition=Q(agency__isnull=True),
                name="notice_template_one_default",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_channel_display()}）"


class Notice(TimeStampedModel):
    """One message to the applicant, kept as sent, with where its sending stands."""

    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("notice"), max_length=32, choices=NoticeKind.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    # What makes the notice once-only: the event it tells of (or the deadline a
    # reminder is about) and the channel. A step recorded twice is told once.
    key = models.CharField(_("key"), max_length=120, unique=True)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=NoticeStatus.choices,
        default=NoticeStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        kind, channel = self.get_kind_display(), self.get_channel_display()
        return f"{self.application} {kind}（{channel}）"


class NoticeAttempt(models.Model):
    """One try at sending a notice: when, and what the mail server or the SMS
    gateway answered."""

    notice = models.ForeignKey(
        Notice,
        verbose_name=_("notice"),
        on_delete=models.CASCADE,
        related_name="tries",
    )
    at = models.DateTimeField(_("at"))
    succeeded = models.BooleanField(_("succeeded"))
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("notice attempt")
        verbose_name_plural = _("notice attempts")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.notice} {self.at:%Y-%m-%d %H:%M}"
