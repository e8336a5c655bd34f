"""The guide (政府信息公开指南) of an agency: one per agency, updated in place.

《政府信息公开条例》第十二条: "政府信息公开指南包括政府信息的分类、编排体系、获取方式
和政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式等
内容", and the guide "应当及时更新" (a stale guide is a violation under 第五十三条).
The fields below are that list, in its order; ``sections`` lays them out under the
headings a published guide uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

# (field, heading) in the order of 第十二条; the headings are how guides print them.
GUIDE_FIELDS: tuple[tuple[str, str], ...] = (
    ("classification", "政府信息的分类"),
    ("arrangement", "编排体系"),
    ("obtaining", "获取方式"),
    ("office_name", "政府信息公开工作机构名称"),
    ("address", "办公地址"),
    ("office_hours", "办公时间"),
    ("phone", "联系电话"),
    ("fax", "传真号码"),
    ("website", "互联网联系方式"),
    ("email", "电子邮箱"),
    ("postcode", "邮政编码"),
    ("other", "其他事项"),
)


@dataclass(frozen=True)
class GuideSection:
    heading: str
    text: str


class Guide(TimeStampedModel):
    """An agency's 政府信息公开指南, as 第十二条 lists it."""

    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="guide",
    )
    classification = models.TextField(_("classification of information"), blank=True)
    arrangement = models.TextField(_("arrangement"), blank=True)
    obtaining = models.TextField(_("how to obtain information"), blank=True)
    office_name = models.CharField(_("disclosure office"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=100, blank=True)
    fax = models.CharField(_("fax"), max_length=100, blank=True)
    website = models.CharField(_("internet contact"), max_length=300, blank=True)
    email = models.EmailField(_("email"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    other = models.TextField(_("other matters"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("disclosure guide")
        verbose_name_plural = _("disclosure guides")

    def __str__(self) -> str:
        return f"{self.agency}政府信息公开指南"

    def sections(self) -> list[GuideSection]:
        """The filled-in parts, in the order of 第十二条, for the portal."""
        return [
            GuideSection(heading, value)
            for field, heading in GUIDE_FIELDS
            if (value := getattr(self, field))
        ]

    def missing(self) -> list[str]:
        """The headings 第十二条 requires that are still empty."""
        required = GUIDE_FIELDS[:9]
        return [heading for field, heading in required if not getattr(self, field)]
