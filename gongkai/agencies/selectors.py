"""Read queries over agencies and their yearly set-up, used by views and ``reports``."""

import difflib
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from .models import (
    Agency,
    AgencyYear,
    AttestedFigure,
    Guide,
    Meeting,
    QueryPoint,
    Training,
)

AgencyIds = Iterable[int] | QuerySet[Any, Any]


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


class AgencyNotFound(LookupError):
    """No agency, or several, by that name; the message (in Chinese) says which
    names come close or which codes tell them apart."""


def agency_named(text: str) -> Agency:
    """The one agency ``text`` names (code, name or short name), for commands."""
    found = agencies_matching(text)
    if len(found) == 1:
        return found[0]
    if found:
        listed = "\n".join(f"  {a.name}（{a.credit_code or '无代码'}）" for a in found)
        raise AgencyNotFound(
            f"有多个机构名为「{text}」，请用统一社会信用代码指明：\n{listed}"
        )
    close = agency_names_like(text)
    hint = ("\n相近的机构：\n" + "\n".join(f"  {n}" for n in close)) if close else ""
    raise AgencyNotFound(f"找不到机构「{text}」。{hint}")


def guide_for(agency: Agency) -> Guide | None:
    """The agency's guide (指南) as it stands, for the portal; None when it has
    not been written yet."""
    return Guide.objects.filter(agency=agency).first()
