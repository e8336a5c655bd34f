"""Indicators of activities: press conferences, interviews, responses to public
concerns, proposals handled, consultations, open meetings, enquiries, visits."""

from django.db.models import QuerySet, Sum

from gongkai.activities import selectors
from gongkai.activities.models import Activity, ActivityKind, ResponseChannel

from .base import BOOLEANS, COUNT, Family, Filter, Indicator, Measure, Pick

SUMMED_FIELDS = (
    "participants",
    "feedback_count",
    "opinions_received",
    "opinions_not_adopted",
)

ACTIVITIES = Family(
    name="activities.activities",
    model="activities.activity",
    source=lambda scope, b: selectors.activities_held(
        agency_ids=scope.agency_ids, start=b.start, end=b.end
    ),
    dimensions={
        "kind": "kind",
        "principal_leader": "principal_leader",
        "result_published": "result_published",
    },
    measures={"count": COUNT, **{f: Measure(Sum, f) for f in SUMMED_FIELDS}},
)


def _activities_of(channel_rows: QuerySet) -> QuerySet:
    return Activity.objects.filter(pk__in=channel_rows.values("activity_id"))


ACTIVITY_CHANNELS = Family(
    name="activities.channels",
    model="activities.activity",
    source=lambda scope, b: selectors.activity_channels_used(
        agency_ids=scope.agency_ids, start=b.start, end=b.end
    ),
    dimensions={
        "kind": "activity__kind",
        "principal_leader": "activity__principal_leader",
        "result_published": "activity__result_published",
        "channel": "channel",
    },
    records=_activities_of,
    record_key="activity_id",
    fanout=frozenset({"channel"}),
)

_KIND = Filter("kind", frozenset(ActivityKind.values))

INDICATORS = [
    Indicator(
        name="activities.count",
        label="活动次数",
        families=(ACTIVITIES, ACTIVITY_CHANNELS),
        filters=(
            _KIND,
            Filter("principal_leader", BOOLEANS),
            Filter("channel", frozenset(ResponseChannel.values)),
            Filter("result_published", BOOLEANS),
        ),
    ),
    Indicator(
        name="activities.sum",
        label="活动中的人次或意见数",
        families=(ACTIVITIES,),
        filters=(_KIND,),
        pick=Pick("field", {f: f for f in SUMMED_FIELDS}),
    ),
]
