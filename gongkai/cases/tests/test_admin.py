"""The admin records cases through the services: a case added there gets the same
answer deadline and events as one filed in the workspace, and the period lock holds."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.agencies.models import Adjustment, Agency
from gongkai.agencies.periods import year_close
from gongkai.cases.models import AdministrativeReview, Litigation, ReviewBody, Stage
from gongkai.core.events import events_for
from gongkai.testing import factories

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def home() -> Agency:
    return factories.AgencyFactory(name="测试县甲局")


def _form(home: Agency, **values: str) -> dict[str, str]:
    return {
        "agency": str(home.pk),
        "application": "",
        "number": "黔复〔2025〕1号",
        "body": "测试县人民政府",
        "filed_on": "2025-03-01",
        "served_on": "",
        "adjustment": "",
        **values,
    }


def test_a_review_added_in_the_admin_is_filed_and_served_by_the_services(
    admin_client, home
):
    response = admin_client.post(
        reverse("admin:cases_administrativereview_add"),
        _form(home, served_on="2025-03-03"),
    )
    assert response.status_code == 302
    review = AdministrativeReview.objects.get()
    # 10 working days (行政复议法第四十八条、第八十八条): 3/4–3/7, 3/10–3/14, 3/17
    assert (review.stage, review.answer_due) == (Stage.SERVED, D(2025, 3, 17))
    verbs = list(events_for(review).values_list("verb", flat=True))
    assert verbs == ["case_served", "review_filed"]


def test_changing_a_case_in_the_admin_takes_the_steps_of_the_table(admin_client, home):
    """Serving it and concluding it are the services' steps, with their events;
    the day of filing, set by filing, cannot be changed there."""
    review = factories.AdministrativeReviewFactory(agency=home, filed_on=D(2025, 3, 1))
    url = reverse("admin:cases_administrativereview_change", args=[review.pk])
    page = admin_client.get(url)
    assert b'name="filed_on"' not in page.content
    assert b'name="answered_on"' not in page.content  # not served yet
    response = admin_client.post(
        url,
        {
            "served_on": "2025-03-03",
            "concluded_on": "2025-05-01",
            "result": "upheld",
            "decision_summary": "维持。",
            "adjustment": "",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.stage, review.answer_due, review.filed_on) == (
        Stage.CONCLUDED,
        D(2025, 3, 17),
        D(2025, 3, 1),
    )
    assert list(events_for(review).values_list("verb", flat=True)) == [
        "case_concluded",
        "case_served",
    ]


def test_the_admin_cannot_delete_a_case(admin_client, home):
    review = factories.AdministrativeReviewFactory(agency=home)
    url = reverse("admin:cases_administrativereview_delete", args=[review.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert AdministrativeReview.objects.filter(pk=review.pk).exists()


def test_the_admin_respects_the_period_lock(admin_client, home):
    year_close(agency=home, year=2024, acting_user=None)
    url = reverse("admin:cases_administrativereview_add")
    refused = admin_client.post(url, _form(home, filed_on="2024-11-04"), follow=True)
    assert "2024年年度报告已经发布" in refused.content.decode()
    assert not AdministrativeReview.objects.exists()

    admin_client.post(
        url, _form(home, filed_on="2024-11-04", adjustment="复议机关迟送达，补录。")
    )
    review = AdministrativeReview.objects.get()
    assert Adjustment.objects.get().year == 2024
    assert events_for(review).get().data["adjustment"] == "复议机关迟送达，补录。"


def test_a_lawsuit_added_in_the_admin_keeps_its_instance_and_gets_its_due_date(
    admin_client, home
):
    """15 calendar days from Mon 2025-03-03: Tue 3/18."""
    response = admin_client.post(
        reverse("admin:cases_litigation_add"),
        _form(
            home,
            served_on="2025-03-03",
            instance="second",
            review="",
            after_review="",
            body="测试市中级人民法院",
        ),
    )
    assert response.status_code == 302
    lawsuit = Litigation.objects.get()
    assert (lawsuit.instance, lawsuit.answer_due) == ("second", D(2025, 3, 18))
    assert events_for(lawsuit).count() == 2


def test_the_directory_of_review_bodies_is_kept_in_the_admin(admin_client, home):
    response = admin_client.post(
        reverse("admin:cases_reviewbody_add"),
        {"region": str(home.pk), "name": "测试县人民政府", "kind": "review"},
    )
    assert response.status_code == 302
    assert str(ReviewBody.objects.get()) == "测试县人民政府"
    listing = admin_client.get(reverse("admin:cases_reviewbody_changelist"))
    assert "测试县人民政府" in listing.content.decode()
