"""Read queries over agencies and their yearly set-up, used by views and ``reports``."""

import difflib
from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from .models import Agency, AgencyYear, AttestedFigure, Meeting, QueryPoint, Training

AgencyIds = Iterable[int] | QuerySet


def agency_years(*, agency_ids: AgencyIds, year: int) -> QuerySet[AgencyYear]:
    return AgencyYear.objects.filter(agency_id__in=agency_ids, year=year)


def query_points_open_on(*, agency_ids: AgencyIds, day: date) -> QuerySet[QueryPoint]:
    """Query points (查阅点, 第二十五条) opened by ``day`` and not closed by then."""
    return QueryPoint.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=day),
        agency_id__in=agency_ids,
        opened_on__lte=day,
    )


def meetings_held(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[Meeting]:
    return Meeting.objects.filter(agency_id__in=agency_ids, held_on__range=(start, end))


def trainings_held(
    *, agency_ids: AgencyIds, start: date, end: date
) -> QuerySet[Training]:
    return Training.objects.filter(
        agency_id__in=agency_ids, held_on__range=(start, end)
    )


def attested_figures(*, agency_ids: AgencyIds, year: int) -> QuerySet[AttestedFigure]:
    return AttestedFigure.objects.filter(agency_id__in=agency_ids, year=year)


def agencies_matching(text: str) -> list[Agency]:
    """The agencies ``text`` names: by 统一社会信用代码, else by full name, else by
    short name (exact matches; several when names repeat across regions)."""
    text = text.strip()
    if not text:
        return []
    by_code = list(Agency.objects.filter(credit_code=text.upper()))
    if by_code:
        return by_code
    by_name = list(Agency.objects.filter(name=text))
    return by_name or list(Agency.objects.filter(short_name=text))


def agency_names_like(text: str, limit: int = 8) -> list[str]:
    """Names close to ``text``, for "did you mean": those containing it, then the
    most similar by spelling."""
    names = list(Agency.objects.values_list("name", flat=True))
    containing = [n for n in names if text and text in n]
    similar = difflib.get_close_matches(text, names, n=limit, cutoff=0.3)
    return list(dict.fromkeys([*containing, *similar]))[:limit]
