"""The record of full rebuilds of the search index."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchIndexBuild(models.Model):
    """One full rebuild of the search index: how many items, on which backend, and
    how long it took (``gongkai bench search`` reports the last one)."""

    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    seconds = models.FloatField(_("seconds"))
    items = models.PositiveIntegerField(_("items indexed"))
    backend = models.CharField(_("backend"), max_length=32)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("built by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("search index build")
        verbose_name_plural = _("search index builds")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"检索索引 {self.started_at:%Y-%m-%d %H:%M}（{self.items} 条）"
