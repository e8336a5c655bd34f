"""The enumerations of the catalogue, each with the article that names it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationChannel(models.TextChoices):
    """Channels of publication named by the report formats (条例 第二十三条)."""

    GAZETTE = "gazette", "政府公报"
    WEBSITE = "website", "政府网站"
    WEIBO = "weibo", "政务微博"
    WEIXIN = "weixin", "政务微信"
    CLIENT = "client", "政务客户端"
    OTHER = "other", "其他"


class DocumentKind(models.TextChoices):
    NONE = "", "—"
    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"


class Origin(models.TextChoices):
    """How an item came to be published proactively (dynamic management)."""

    ORDINARY = "ordinary", "主动公开"
    FROM_APPLICATION = "from_application", "依申请公开转主动公开"  # 第四十四条
    DECLASSIFIED = "declassified", "解密公开"  # 第十八条


class Disclosure(models.TextChoices):
    """The disclosure attribute (公开属性), decided when the information is made
    (条例 第十三条: 主动公开 or 依申请公开; 第十四条至第十六条: 不予公开)."""

    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class DisclosureBasis(models.TextChoices):
    """The article an attribute rests on; ``gongkai.catalog.disclosure`` says which
    articles each attribute may cite."""

    NONE = "", "—"
    ART19 = "art19", "第十九条"
    ART20 = "art20", "第二十条"
    ART21 = "art21", "第二十一条"
    ART14 = "art14", "第十四条"
    ART15 = "art15", "第十五条"
    ART16_1 = "art16_1", "第十六条第一款"
    ART16_2 = "art16_2", "第十六条第二款"
    OTHER_LAW = "other_law", "其他法律、法规"


class Validity(models.TextChoices):
    """有效性 of a document in the catalogue; 失效 and 废止 carry the date."""

    NONE = "", "—"
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class InterpretationForm(models.TextChoices):
    """How an interpretation explains its document: 文字解读, 图解 (a graphic) or
    视频解读 (a link to the video), as policy interpretation pages offer them."""

    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图文解读"
    VIDEO = "video", "视频解读"


class ItemStatus(models.TextChoices):
    """Where an item is in the publishing workflow (``gongkai.catalog.workflow``)."""

    DRAFT = "draft", _("Draft")
    SECRECY_REVIEW = "secrecy_review", _("Awaiting secrecy review")
    FIRST_REVIEW = "first_review", _("Awaiting first review")
    REVIEW = "review", _("Awaiting review")
    SIGN_OFF = "sign_off", _("Awaiting sign-off")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReviewStep(models.TextChoices):
    """The sign-offs before publication: 先审查、后公开, then the three reviews."""

    SECRECY_REVIEW = "secrecy_review", "保密审查"
    FIRST_REVIEW = "first_review", "初审"
    REVIEW = "review", "审核"
    SIGN_OFF = "sign_off", "审发"


class AttachmentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    IMAGE = "image", _("Image")
