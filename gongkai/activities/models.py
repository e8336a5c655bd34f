"""Activities the reports count: press conferences, interviews, responses to public
concerns, proposals handled, consultations, open meetings, enquiries and visits."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel


class Kind(models.TextChoices):
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
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
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
