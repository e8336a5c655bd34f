"""Activities the reports count: press conferences, interviews, responses to public
concerns, proposals handled, consultations, open meetings, enquiries and visits;
and the enquiries the public sends (咨询, 领导信箱), which count once answered."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel


class ActivityKind(models.TextChoices):
    PRESS_CONFERENCE = "press_conference", "新闻发布会"
    ONLINE_INTERVIEW = "online_interview", "政府网站在线访谈"
    RESPONSE = "response", "回应公众关注热点或重大舆情"
    NPC_SUGGESTION = "npc_suggestion", "人大代表建议"
    CPPCC_PROPOSAL = "cppcc_proposal", "政协提案"
    CONSULTATION = "consultation", "重大决策征集公众意见"
    OPEN_MEETING = "open_meeting", "面向公众开放会议"
    ENQUIRY = "enquiry", "咨询答复"
    QUERY_VISIT = "query_visit", "查阅点接待"


class ResponseChannel(models.TextChoices):
    PRESS_CONFERENCE = "press_conference", "新闻发布会"
    ONLINE_INTERVIEW = "online_interview", "在线访谈"
    WEBSITE = "website", "政府网站"
    WEIBO_WEIXIN = "weibo_weixin", "微博微信"
    OTHER = "other", "其他方式"


class Activity(TimeStampedModel):
    """One activity. Counts that belong to it (attendees, opinions) are its fields."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    principal_leader = models.BooleanField(
        _("principal leader took part"), default=False
    )
    participants = models.PositiveIntegerField(
        _("participants"),
        default=0,
        help_text=_(
            "Public representatives at an open meeting; visitors at a query point."
        ),
    )
    feedback_count = models.PositiveIntegerField(
        _("feedback received"),
        default=0,
        help_text=_("公众反馈意见次数 (consultations)."),
    )
    opinions_received = models.PositiveIntegerField(_("opinions received"), default=0)
    opinions_not_adopted = models.PositiveIntegerField(
        _("opinions not adopted"), default=0
    )
    result_published = models.BooleanField(
        _("result published"), default=False, help_text=_("建议提案办理结果已公开.")
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["agency", "kind", "held_on"])]
        constraints = [
            models.CheckConstraint(
                name="activity_not_adopted_within_received",
                condition=models.Q(
                    opinions_not_adopted__lte=models.F("opinions_received")
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class ActivityChannel(models.Model):
    """A way a response to public concern was made: one response counts once in the
    total however many ways it took, and once in each way (as items and channels)."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="channels",
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=ResponseChannel.choices
    )

    class Meta:
        verbose_name = _("response channel")
        verbose_name_plural = _("response channels")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "channel"], name="activity_channel_unique"
            )
        ]

    def __str__(self) -> str:
        return self.get_channel_display()


class Mailbox(models.TextChoices):
    """Where a question from the public was sent."""

    ENQUIRY = "enquiry", "咨询"
    LEADER = "leader", "领导信箱"


class Enquiry(TimeStampedModel):
    """A question from the public to an agency, and the agency's answer.

    Answered, it is counted as an activity of kind 咨询答复 on the day of the answer
    (``activity``), so the report counts what was answered, not what was asked. The
    answer is shown on the portal only when the asker allowed it and staff
    published it; the asker's name and contact are never shown.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="enquiries",
    )
    mailbox = models.CharField(
        _("mailbox"), max_length=16, choices=Mailbox.choices, default=Mailbox.ENQUIRY
    )
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    asker_name = models.CharField(_("name"), max_length=100)
    asker_contact = models.CharField(_("phone or e-mail"), max_length=200)
    subject = models.CharField(_("subject"), max_length=200)
    question = models.TextField(_("question"))
    publication_allowed = models.BooleanField(
        _("the asker allows publication"), default=False
    )
    asked_at = models.DateTimeField(_("asked at"), db_index=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity counted"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enquiry",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-asked_at"]
        indexes = [models.Index(fields=["agency", "answered_on"])]
        constraints = [
            models.CheckConstraint(
                name="enquiry_published_only_when_answered_and_allowed",
                condition=models.Q(published_at__isnull=True)
                | models.Q(answered_on__isnull=False, publication_allowed=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    @property
    def is_answered(self) -> bool:
        return self.answered_on is not None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
