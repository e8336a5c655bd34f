"""factory_boy factories for every ledger model.

Defaults make a valid record in 2021 with as little said as possible; a test says
what it is about (``ApplicationFactory(received_on=..., closed=True)``) and nothing
else. No value is computed at import time: dates and codes are made per record.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from gongkai.accounts.models import User
from gongkai.activities.models import (
    Activity,
    ActivityChannel,
    ActivityKind,
    ResponseChannel,
)
from gongkai.agencies.codes import credit_code_check_char
from gongkai.agencies.models import (
    Agency,
    AgencyYear,
    AttestedFigure,
    Meeting,
    QueryPoint,
    Training,
)
from gongkai.applications.models import (
    ApplicantType,
    Application,
    ApplicationChannel,
    Outcome,
)
from gongkai.cases.models import AdministrativeReview, Complaint, Litigation, Result
from gongkai.catalog.models import (
    ArchiveTransfer,
    Interpretation,
    Item,
    ItemChannel,
    ItemStatus,
    PublicationChannel,
)
from gongkai.reports.models import Narrative

DEFAULT_DAY = date(2021, 3, 15)


def credit_code(n: int) -> str:
    """A valid 统一社会信用代码 for a government organ (登记管理部门 1, 机关 1)."""
    first17 = f"11520000{n:09d}"
    return first17 + credit_code_check_char(first17)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "小明"
    last_name = "王"
    role = User.Role.STAFF


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试市第{n}局")
    credit_code = factory.Sequence(credit_code)
    level = Agency.Level.CITY
    kind = Agency.Kind.DEPARTMENT
    parent = None

    class Params:
        government = factory.Trait(
            kind=Agency.Kind.GOVERNMENT,
            name=factory.Sequence(lambda n: f"测试第{n}市人民政府"),
        )


class AgencyYearFactory(DjangoModelFactory):
    class Meta:
        model = AgencyYear

    agency = factory.SubFactory(AgencyFactory)
    year = 2021
    office_name = "办公室"
    dedicated_offices = 1
    full_time_staff = 1
    part_time_staff = 2
    budget = Decimal("1.5")


class QueryPointFactory(DjangoModelFactory):
    class Meta:
        model = QueryPoint

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"政府信息查阅点{n}")
    opened_on = date(2015, 1, 1)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    agency = factory.SubFactory(AgencyFactory)
    held_on = DEFAULT_DAY
    title = "政务公开工作会议"
    attendees = 20


class TrainingFactory(DjangoModelFactory):
    class Meta:
        model = Training

    agency = factory.SubFactory(AgencyFactory)
    held_on = DEFAULT_DAY
    title = "政府信息公开条例培训"
    attendees = 30


class AttestedFigureFactory(DjangoModelFactory):
    class Meta:
        model = AttestedFigure

    agency = factory.SubFactory(AgencyFactory)
    year = 2021
    key = "licensing.decisions"
    value = Decimal(10)
    source_document = "行政审批系统年度统计表"
    attested_by = factory.SubFactory(UserFactory)
    attested_at = factory.LazyFunction(timezone.now)


class ItemFactory(DjangoModelFactory):
    """A published catalogue item (a draft with ``status="draft"``)."""

    class Meta:
        model = Item

    agency = factory.SubFactory(AgencyFactory)
    index_number = factory.Sequence(lambda n: f"TEST-{n:08d}")
    title = factory.Sequence(lambda n: f"关于做好第{n}项工作的通知")
    formed_on = DEFAULT_DAY
    published_on = factory.LazyAttribute(lambda o: o.formed_on + timedelta(days=3))
    status = ItemStatus.PUBLISHED

    class Params:
        rule = factory.Trait(document_kind="rule")
        normative = factory.Trait(document_kind="normative")
        draft = factory.Trait(status=ItemStatus.DRAFT, published_on=None)


class ItemChannelFactory(DjangoModelFactory):
    class Meta:
        model = ItemChannel

    item = factory.SubFactory(ItemFactory)
    channel = PublicationChannel.WEBSITE
    published_on = factory.LazyAttribute(lambda o: o.item.published_on)


class InterpretationFactory(DjangoModelFactory):
    class Meta:
        model = Interpretation

    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"政策解读{n}")
    published_on = DEFAULT_DAY


class ArchiveTransferFactory(DjangoModelFactory):
    class Meta:
        model = ArchiveTransfer

    agency = factory.SubFactory(AgencyFactory)
    sent_on = DEFAULT_DAY
    recipient = "市档案馆"
    paper_items = 10
    electronic_items = 20


class ApplicationFactory(DjangoModelFactory):
    """An open application; ``closed=True`` closes it 10 days later, disclosed."""

    class Meta:
        model = Application

    agency = factory.SubFactory(AgencyFactory)
    tracking_number = factory.Sequence(lambda n: f"YSQ-{n:08d}")
    received_on = DEFAULT_DAY
    channel = ApplicationChannel.ONLINE
    applicant_type = ApplicantType.NATURAL_PERSON
    applicant_name = "张三"

    class Params:
        closed = factory.Trait(
            outcome=Outcome.DISCLOSED,
            closed_on=factory.LazyAttribute(
                lambda o: o.received_on + timedelta(days=10)
            ),
        )


class _CaseFactory(DjangoModelFactory):
    """A case still pending; ``concluded=True`` ends it upheld 30 days later."""

    agency = factory.SubFactory(AgencyFactory)
    filed_on = DEFAULT_DAY

    class Params:
        concluded = factory.Trait(
            result=Result.UPHELD,
            concluded_on=factory.LazyAttribute(
                lambda o: o.filed_on + timedelta(days=30)
            ),
        )


class AdministrativeReviewFactory(_CaseFactory):
    class Meta:
        model = AdministrativeReview


class LitigationFactory(_CaseFactory):
    class Meta:
        model = Litigation


class ComplaintFactory(_CaseFactory):
    class Meta:
        model = Complaint

    subject = "未按时答复"


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    agency = factory.SubFactory(AgencyFactory)
    kind = ActivityKind.PRESS_CONFERENCE
    held_on = DEFAULT_DAY
    title = factory.Sequence(lambda n: f"活动{n}")


class ActivityChannelFactory(DjangoModelFactory):
    class Meta:
        model = ActivityChannel

    activity = factory.SubFactory(ActivityFactory, kind=ActivityKind.RESPONSE)
    channel = ResponseChannel.WEBSITE


class NarrativeFactory(DjangoModelFactory):
    class Meta:
        model = Narrative

    agency = factory.SubFactory(AgencyFactory)
    year = 2021
    key = "overview"
    text = "本年度政府信息公开工作有序开展。"
