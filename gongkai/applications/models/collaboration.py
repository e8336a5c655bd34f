"""Working together on an application: the helpers (协办人) beside its handler, and
the internal notes staff leave for each other.

Both are staff-only records. An internal note is never shown to the applicant: no
letter, notice, tracking page or public file reads this model (the letters'
context, ``gongkai.applications.letters.context``, and the portal read the
application's own fields only)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .application import Application


class ApplicationHelper(TimeStampedModel):
    """A colleague of the same agency who helps the handler with one application;
    it appears in their list “我协办的”."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="helpers",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("helper"),
        on_delete=models.PROTECT,
        related_name="applications_helped",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("helper")
        verbose_name_plural = _("helpers")
        ordering = ["application", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "user"], name="application_helper_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.user}"


class InternalNote(TimeStampedModel):
    """A note for the agency's staff only, with who wrote it and when. Notes are
    kept as written: a later note corrects an earlier one."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="internal_notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("note"))

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["application", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application} · {self.created_at:%Y-%m-%d %H:%M}"
