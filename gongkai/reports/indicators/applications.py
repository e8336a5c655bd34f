"""Indicators of disclosure on application (依申请公开): table 三 and the statistics
tables' "三、依申请公开情况".

Four families, one per set of applications a year's report counts. Because an
application is open from its receipt to its closing, the sets balance by
construction: received + carried in = closed + carried out, for every applicant
type (the table's own 勾稽关系).
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Q, Sum

from gongkai.applications import selectors
from gongkai.applications.models import (
    ApplicantType,
    ApplicationChannel,
    Ground,
    Outcome,
)

from .base import BOOLEANS, COUNT, Family, Filter, Indicator, Measure

MODEL = "applications.application"
TEN_THOUSAND_YUAN = Decimal("0.0001")  # fees are kept in 元 and reported in 万元

RECEIVED = Family(
    name="applications.received",
    model=MODEL,
    source=lambda scope, b: selectors.applications_received(
        agency_ids=scope.agency_ids, start=b.start, end=b.end
    ),
    dimensions={"applicant_type": "applicant_type", "channel": "channel"},
)

CARRIED_IN = Family(
    name="applications.carried_in",
    model=MODEL,
    source=lambda scope, b: selectors.applications_pending_at(
        agency_ids=scope.agency_ids, day=b.start - timedelta(days=1)
    ),
    dimensions={"applicant_type": "applicant_type"},
)

CLOSED = Family(
    name="applications.closed",
    model=MODEL,
    source=lambda scope, b: selectors.applications_closed(
        agency_ids=scope.agency_ids, start=b.start, end=b.end
    ),
    dimensions={
        "applicant_type": "applicant_type",
        "outcome": "outcome",
        "ground": "ground",
        "extended": "extended",
    },
    measures={
        "count": COUNT,
        "fees": Measure(Sum, "fee_amount", where=lambda b: Q(fee_amount__gt=0)),
    },
)

CARRIED_OUT = Family(
    name="applications.carried_out",
    model=MODEL,
    source=lambda scope, b: selectors.applications_pending_at(
        agency_ids=scope.agency_ids, day=b.end
    ),
    dimensions={"applicant_type": "applicant_type"},
)

_APPLICANT_TYPE = Filter("applicant_type", frozenset(ApplicantType.values))

INDICATORS = [
    Indicator(
        name="applications.received",
        label="本年新收政府信息公开申请数量",
        families=(RECEIVED,),
        filters=(
            _APPLICANT_TYPE,
            Filter("channel", frozenset(ApplicationChannel.values)),
        ),
    ),
    Indicator(
        name="applications.carried_in",
        label="上年结转政府信息公开申请数量",
        families=(CARRIED_IN,),
        filters=(_APPLICANT_TYPE,),
    ),
    Indicator(
        name="applications.closed",
        label="本年度办理结果",
        families=(CLOSED,),
        filters=(
            _APPLICANT_TYPE,
            Filter("outcome", frozenset(Outcome.values)),
            Filter("ground", frozenset(Ground.values)),
            Filter("extended", BOOLEANS),
        ),
    ),
    Indicator(
        name="applications.carried_out",
        label="结转下年度继续办理",
        families=(CARRIED_OUT,),
        filters=(_APPLICANT_TYPE,),
    ),
    Indicator(
        name="applications.fees",
        label="依申请公开信息收取的费用（万元）",
        families=(CLOSED,),
        measure="fees",
        scale=TEN_THOUSAND_YUAN,
    ),
]
