from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.cases.services import case_conclude, litigation_file, review_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return Agency.objects.create(
        name="兴义市应急管理局", level="county", kind="department"
    )


def test_a_lawsuit_after_a_review_is_marked_so(agency):
    review = review_file(acting_user=None, agency=agency, filed_on=date(2021, 5, 1))
    lawsuit = litigation_file(
        acting_user=None, agency=agency, filed_on=date(2021, 8, 1), review=review
    )
    direct = litigation_file(acting_user=None, agency=agency, filed_on=date(2021, 8, 1))
    assert lawsuit.after_review and not direct.after_review


def test_a_case_is_pending_until_concluded_once(agency):
    review = review_file(acting_user=None, agency=agency, filed_on=date(2021, 5, 1))
    assert review.result == ""
    case_conclude(
        acting_user=None, case=review, result="corrected", concluded_on=date(2021, 7, 1)
    )
    review.refresh_from_db()
    assert review.result == "corrected"
    with pytest.raises(ValidationError, match="已审结"):
        case_conclude(
            acting_user=None,
            case=review,
            result="upheld",
            concluded_on=date(2021, 7, 2),
        )
