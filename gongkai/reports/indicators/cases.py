"""Indicators of administrative review, litigation and complaints: table 四 and the
statistics tables' 行政复议 / 行政诉讼 / 举报投诉 rows.

A year counts the cases filed by 31 December and not concluded before 1 January:
those concluded in the year under their result, the rest as 尚未审结 (``pending``).
A case pending at the end of one year is counted again the next, where it ends.
"""

from django.db.models import Case, CharField, F, Value, When

from gongkai.cases import selectors
from gongkai.cases.models import Result
from gongkai.reports.scope import YearBounds

from .base import Family, Filter, Indicator

PENDING = "pending"
RESULTS = frozenset([*Result.values, PENDING])


def _result_at_year_end(bounds: YearBounds) -> Case:
    return Case(
        When(concluded_on__lte=bounds.end, then=F("result")),
        default=Value(PENDING),
        output_field=CharField(),
    )


def _family(name: str, model: str, selector, **dimensions) -> Family:
    return Family(
        name=name,
        model=model,
        source=lambda scope, b: selector(
            agency_ids=scope.agency_ids, start=b.start, end=b.end
        ),
        dimensions={"result_at_end": _result_at_year_end, **dimensions},
    )


REVIEWS = _family(
    "cases.reviews", "cases.administrativereview", selectors.reviews_open_during
)
LITIGATIONS = _family(
    "cases.litigations",
    "cases.litigation",
    selectors.litigations_open_during,
    after_review="after_review",
)
COMPLAINTS = _family(
    "cases.complaints", "cases.complaint", selectors.complaints_open_during
)

_RESULT = Filter("result", RESULTS, column="result_at_end")

INDICATORS = [
    Indicator(
        name="cases.review",
        label="行政复议",
        families=(REVIEWS,),
        filters=(_RESULT,),
    ),
    Indicator(
        name="cases.litigation",
        label="行政诉讼",
        families=(LITIGATIONS,),
        filters=(
            Filter(
                "route",
                frozenset({"direct", "after_review"}),
                column="after_review",
                to_db={"direct": False, "after_review": True},
            ),
            _RESULT,
        ),
    ),
    Indicator(
        name="cases.complaint",
        label="举报投诉",
        families=(COMPLAINTS,),
        filters=(_RESULT,),
    ),
]
