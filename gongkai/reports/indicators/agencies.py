"""Indicators of the agency's set-up: office, staff, budget, query points, meetings
and trainings (the statistics tables' 机构建设 and 会议培训 rows)."""

from django.db.models import F, Sum

from gongkai.agencies import selectors

from .base import COUNT, Family, Indicator, Measure, Pick

PROFILE_FIELDS = ("dedicated_offices", "full_time_staff", "part_time_staff", "budget")

PROFILE = Family(
    name="agencies.profile",
    model="agencies.agencyyear",
    source=lambda scope, b: selectors.agency_years(
        agency_ids=scope.agency_ids, year=b.year
    ),
    measures={
        "count": COUNT,
        **{f: Measure(Sum, f) for f in PROFILE_FIELDS},
        "staff_total": Measure(Sum, F("full_time_staff") + F("part_time_staff")),
    },
)

QUERY_POINTS = Family(
    name="agencies.query_points",
    model="agencies.querypoint",
    source=lambda scope, b: selectors.query_points_open_on(
        agency_ids=scope.agency_ids, day=b.end
    ),
)

MEETINGS = Family(
    name="agencies.meetings",
    model="agencies.meeting",
    source=lambda scope, b: selectors.meetings_held(
        agency_ids=scope.agency_ids, start=b.start, end=b.end
    ),
)

TRAININGS = Family(
    name="agencies.trainings",
    model="agencies.training",
    source=lambda scope, b: selectors.trainings_held(
        agency_ids=scope.agency_ids, start=b.start, end=b.end
    ),
    measures={"count": COUNT, "attendees": Measure(Sum, "attendees")},
)

INDICATORS = [
    Indicator(
        name="agencies.profile",
        label="机构建设和保障经费情况",
        families=(PROFILE,),
        pick=Pick("field", {f: f for f in (*PROFILE_FIELDS, "staff_total")}),
        # Nobody entered the year's set-up: the figure is unknown, not zero.
        blank_when_empty=True,
    ),
    Indicator(
        name="agencies.query_points",
        label="政府信息公开查阅点数",
        families=(QUERY_POINTS,),
    ),
    Indicator(
        name="agencies.meetings",
        label="召开政府信息公开工作会议或专题会议数",
        families=(MEETINGS,),
    ),
    Indicator(
        name="agencies.trainings",
        label="举办培训班数或接受培训人员数",
        families=(TRAININGS,),
        pick=Pick(
            "field", {"count": "count", "attendees": "attendees"}, default="count"
        ),
    ),
]
