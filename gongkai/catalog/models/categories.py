"""The categories of an agency's 主动公开基本目录 (``gongkai.catalog.categories``)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """One category (信息类别) of the catalogue. Without an agency it belongs to the
    通用目录 every agency shares; with one, to that agency's own 专项目录. An item's
    ``category`` is the name of one of its agency's categories."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="categories",
        help_text="留空：通用目录，所有机关共用。",
    )
    name = models.CharField("类别名称", max_length=32)
    article20_item = models.PositiveSmallIntegerField(
        "对应第二十条事项",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(15)],
    )
    position = models.PositiveSmallIntegerField("排序", default=0)
    description = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "信息类别"
        verbose_name_plural = "信息类别"
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"], name="category_agency_name_unique"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(agency__isnull=True),
                name="category_common_name_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name
