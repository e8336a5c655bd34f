"""Disclosure on application (依申请公开): the applications and how each ended.

An application's *outcome* (how it ended) is kept apart from its *status* (where it
is, which the workflow adds): an open application has no outcome and no closing
date; a closed one has exactly one of each.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "当面"
    FAX = "fax", "传真"
    ONLINE = "online", "网络"
    LETTER = "letter", "信函"
    EMAIL = "email", "电子邮件"
    OTHER = "other", "其他"


class ApplicantType(models.TextChoices):
    """The applicant columns of table 三 (2019 and 2021 formats)."""

    NATURAL_PERSON = "natural_person", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    NONPROFIT = "nonprofit", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORGANISATION = "other_organisation", "其他"


class Outcome(models.TextChoices):
    """The final outcomes of the 2021 format (国办公开办函〔2021〕30号), one per row.

    Partial disclosure counts only as 部分公开 (the format's own note). Which rows of
    the 2019 and legacy formats each outcome falls in is data, in the format files.
    """

    DISCLOSED = "disclosed", "予以公开"
    PARTIALLY_DISCLOSED = "partially_disclosed", "部分公开"
    WITHHELD_STATE_SECRET = "withheld_state_secret", "属于国家秘密"
    WITHHELD_PROHIBITED = "withheld_prohibited", "其他法律行政法规禁止公开"
    WITHHELD_SECURITY = "withheld_security", "危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withheld_third_party", "保护第三方合法权益"
    WITHHELD_INTERNAL = "withheld_internal", "属于三类内部事务信息"
    WITHHELD_PROCESS = "withheld_process", "属于四类过程性信息"
    WITHHELD_ENFORCEMENT = "withheld_enforcement", "属于行政执法案卷"
    WITHHELD_QUERY = "withheld_query", "属于行政查询事项"
    UNABLE_NOT_HELD = "unable_not_held", "本机关不掌握相关政府信息"
    UNABLE_NEEDS_CREATION = "unable_needs_creation", "没有现成信息需要另行制作"
    UNABLE_UNCLEAR = "unable_unclear", "补正后申请内容仍不明确"
    REFUSED_PETITION = "refused_petition", "信访举报投诉类申请"
    REFUSED_REPEAT = "refused_repeat", "重复申请"
    REFUSED_PUBLICATION = "refused_publication", "要求提供公开出版物"
    REFUSED_EXCESSIVE = "refused_excessive", "无正当理由大量反复申请"
    REFUSED_CONFIRMATION = (
        "refused_confirmation",
        "要求行政机关确认或重新出具已获取信息",
    )
    OTHER_NO_CORRECTION = (
        "other_no_correction",
        ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    )
    OTHER_UNPAID = (
        "other_unpaid",
        ("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    )
    OTHER = "other", "其他"


class Ground(models.TextChoices):
    """The refinement of an outcome that older formats count separately.

    - 已主动公开 (第三十六条第一项) within 予以公开;
    - 商业秘密 or 个人隐私 (第十五条) within 保护第三方合法权益;
    - 不属于本机关公开 (第三十六条第五项) within 本机关不掌握相关政府信息.
    """

    NONE = "", "—"
    ALREADY_PUBLIC = "already_public", "已主动公开（第三十六条第一项）"
    TRADE_SECRET = "trade_secret", "商业秘密（第十五条）"
    PRIVACY = "privacy", "个人隐私（第十五条）"
    NOT_THIS_AGENCY = "not_this_agency", "不属于本机关负责公开（第三十六条第五项）"


# Which refinements each outcome admits; an outcome not listed admits none.
GROUNDS_BY_OUTCOME: dict[str, frozenset[str]] = {
    Outcome.DISCLOSED: frozenset({Ground.ALREADY_PUBLIC}),
    Outcome.WITHHELD_THIRD_PARTY: frozenset({Ground.TRADE_SECRET, Ground.PRIVACY}),
    Outcome.UNABLE_NOT_HELD: frozenset({Ground.NOT_THIS_AGENCY}),
}


def ground_allowed(outcome: str, ground: str) -> bool:
    return not ground or ground in GROUNDS_BY_OUTCOME.get(outcome, frozenset())


class Application(TimeStampedModel):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    tracking_number = models.CharField(_("tracking number"), max_length=32, unique=True)
    received_on = models.DateField(
        _("received on"), help_text=_("收到申请之日, fixed by Article 31.")
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    applicant_type = models.CharField(
        _("applicant type"), max_length=20, choices=ApplicantType.choices
    )
    applicant_name = models.CharField(_("applicant"), max_length=200, blank=True)
    description = models.TextField(_("information requested"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=24, choices=Outcome.choices, blank=True
    )
    ground = models.CharField(
        _("ground"), max_length=20, choices=Ground.choices, blank=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    extended = models.BooleanField(
        _("reply period extended"), default=False, help_text=_("第三十三条第二款")
    )
    fee_amount = models.DecimalField(
        _("fee collected (yuan)"), max_digits=12, decimal_places=2, default=Decimal(0)
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["agency", "closed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="application_closed_has_one_outcome",
                condition=(
                    models.Q(closed_on__isnull=True, outcome="")
                    | (models.Q(closed_on__isnull=False) & ~models.Q(outcome=""))
                ),
                violation_error_message=_(
                    "A closed application has exactly one outcome, an open one none."
                ),
            ),
            models.CheckConstraint(
                name="application_closed_after_received",
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("received_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number
