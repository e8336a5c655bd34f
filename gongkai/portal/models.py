"""What the public site keeps of its own: the one-time tokens of its forms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionToken(models.Model):
    """A public form's one-time token, used up by the record it created (an
    application's tracking number, an enquiry's reference): the same token sent
    again finds that record instead of making another (``guard.submit_once``)."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    form = models.CharField(_("form"), max_length=32)
    reference = models.CharField(_("reference"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submission token")
        verbose_name_plural = _("submission tokens")

    def __str__(self) -> str:
        return f"{self.form} {self.reference}"
