"""The event log and the base model every ledger record builds on."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Event(models.Model):
    """Who did what, when, to which record: one row per state change.

    Verbs are past tense (``item_published``, ``application_closed``); ``data`` holds
    what a reader of the audit needs (before and after, the reason).
    """

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verb = models.CharField(_("verb"), max_length=64, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.PROTECT
    )
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        from .labels import verb_label

        return f"{self.at:%Y-%m-%d %H:%M} {verb_label(self.verb)} {self.object_id}"
