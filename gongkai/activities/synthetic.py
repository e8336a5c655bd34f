"""Synthetic activities: press conferences, interviews, responses, suggestions and
proposals handled, consultations, open meetings, enquiries and visits.

The activities' generator (each ledger app has its ``synthetic`` module; the
conventions are in ``gongkai.agencies.synthetic``):

- ``random_activities``: any kind on any day with any figures the models allow,
  responses on one to three channels; written in bulk;
- ``county_activities``: a county office's year of them, on working days, unsaved
  and without the agency, for the demo.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from gongkai.agencies.models import Agency
from gongkai.agencies.synthetic import bulk_save, day_in
from gongkai.workdays.synthetic import workday_in

from .models import Activity, ActivityChannel, ActivityKind, ResponseChannel

# -- every combination the models allow ------------------------------------------


def random_activities(
    agency: Agency, *, years: Sequence[int], rng: random.Random, count: int
) -> None:
    """``count`` activities a year, each response on one to three channels."""
    rows = []
    for year in years:
        for _ in range(count):
            received = rng.randint(0, 50)
            rows.append(
                Activity(
                    agency=agency,
                    kind=rng.choice(ActivityKind.values),
                    held_on=day_in(rng, year),
                    principal_leader=rng.random() < 0.3,
                    participants=rng.randint(0, 80),
                    feedback_count=rng.randint(0, 40),
                    opinions_received=received,
                    opinions_not_adopted=rng.randint(0, received),
                    result_published=rng.random() < 0.6,
                )
            )
    bulk_save(Activity, rows)
    bulk_save(ActivityChannel, _random_channels(rows, rng))


def _random_channels(
    activities: list[Activity], rng: random.Random
) -> Iterator[ActivityChannel]:
    for activity in activities:
        if activity.kind != ActivityKind.RESPONSE:
            continue
        for channel in rng.sample(ResponseChannel.values, rng.randint(1, 3)):
            yield ActivityChannel(activity=activity, channel=channel)


# -- a county office ---------------------------------------------------------------

Placed = tuple[Activity, list[str]]  # an activity and the channels of a response

# How many of each kind a year, at least and at most (the maximum times three for a
# county government).
COUNTY_RANGES = (
    (ActivityKind.PRESS_CONFERENCE, 0, 3),
    (ActivityKind.ONLINE_INTERVIEW, 0, 2),
    (ActivityKind.RESPONSE, 2, 6),
    (ActivityKind.NPC_SUGGESTION, 2, 12),
    (ActivityKind.CPPCC_PROPOSAL, 2, 10),
    (ActivityKind.CONSULTATION, 0, 2),
    (ActivityKind.OPEN_MEETING, 0, 2),
    (ActivityKind.ENQUIRY, 20, 60),
    (ActivityKind.QUERY_VISIT, 5, 30),
)


def county_activities(
    rng: random.Random, *, year: int, government: bool
) -> list[Placed]:
    """A year of every kind of activity; responses on one or two channels."""
    scale = 3 if government else 1
    placed = []
    for kind, low, high in COUNTY_RANGES:
        for n in range(rng.randint(low, high * scale)):
            activity = _county_activity(rng, kind, year, n + 1)
            channels = (
                rng.sample(list(ResponseChannel.values), rng.randint(1, 2))
                if kind == ActivityKind.RESPONSE
                else []
            )
            placed.append((activity, channels))
    return placed


def _county_activity(rng: random.Random, kind: str, year: int, number: int) -> Activity:
    activity = Activity(
        kind=kind,
        held_on=workday_in(rng, year),
        title=f"{year}年{ActivityKind(kind).label}（第{number}号）",
        principal_leader=kind
        in {ActivityKind.PRESS_CONFERENCE, ActivityKind.ONLINE_INTERVIEW}
        and rng.random() < 0.4,
        result_published=kind
        in {ActivityKind.NPC_SUGGESTION, ActivityKind.CPPCC_PROPOSAL}
        and rng.random() < 0.85,
    )
    if kind == ActivityKind.CONSULTATION:
        activity.feedback_count = rng.randint(3, 120)
        activity.opinions_received = rng.randint(
            activity.feedback_count, activity.feedback_count * 2
        )
        activity.opinions_not_adopted = rng.randint(0, activity.opinions_received // 3)
    elif kind == ActivityKind.OPEN_MEETING:
        activity.participants = rng.randint(3, 20)
    elif kind == ActivityKind.QUERY_VISIT:
        activity.participants = rng.randint(1, 3)
    return activity
