"""The enumerations of disclosure on application: channels, applicants, outcomes,
where an application is, and how it is answered and delivered."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationChannel(models.TextChoices):
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


class ApplicationStatus(models.TextChoices):
    """Where an application is (its outcome says how it ended). The workflow's
    transition table (``workflow.py``) says which step may follow which."""

    SUBMITTED = "submitted", _("awaiting confirmation")
    UNCONFIRMED = "unconfirmed", _("never confirmed")
    RECEIVED = "received", _("in progress")
    AWAITING_CORRECTION = "awaiting_correction", _("awaiting correction")
    CONSULTING = "consulting", _("in consultation")
    AWAITING_PAYMENT = "awaiting_payment", _("awaiting payment")
    CLOSED = "closed", _("closed")
    REOPENED = "reopened", _("corrected on review, handled again")


# The statuses an application can be *in* while open; ``closed`` follows from a
# closing date (see ``Application.status``).
OPEN_STAGES = [s for s in ApplicationStatus if s is not ApplicationStatus.CLOSED]

# Statuses in which the reply clock stands still: never overdue.
PAUSED_STATUSES = frozenset(
    {
        ApplicationStatus.AWAITING_CORRECTION,
        ApplicationStatus.CONSULTING,
        ApplicationStatus.AWAITING_PAYMENT,
    }
)


class RequestedForm(models.TextChoices):
    """The form the applicant asks for (第二十九条第二款第三项, 第四十条)."""

    PAPER = "paper", _("paper copy")
    ELECTRONIC = "electronic", _("electronic data")
    INSPECTION = "inspection", _("inspection and copying on site")
    OTHER = "other", _("other")


class DeliveryMethod(models.TextChoices):
    POST = "post", _("by post")
    EMAIL = "email", _("by e-mail")
    ONLINE = "online", _("online")
    COLLECT = "collect", _("collected in person")
    FAX = "fax", _("by fax")
