"""The demo catalogue says something: bodies, summaries, the one category scheme
(every category a filter offers finds items), attachments that open, 解读 in
every form, and a second load that changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Attachment, Interpretation, Item
from gongkai.catalog.selectors import categories_in_use
from gongkai.demo.catalog_content import catalog_content_ensure
from gongkai.demo.loader import demo_load
from gongkai.demo.region import region_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load(parts=["seed-003", "seed-002"])


def test_every_category_offered_for_a_demo_agency_finds_its_items(demo, client):
    offered = 0
    for agency in Agency.objects.filter(items__isnull=False).distinct():
        for category in categories_in_use(agency_ids=[agency.pk]):
            response = client.get(
                reverse("portal:catalog"),
                {"agency": agency.pk, "category": category},
            )
            assert response.context["found"].total > 0, (agency.name, category)
            offered += 1
    assert offered >= 20


def test_demo_items_have_text_and_some_attachments_open(demo, client):
    published = Item.objects.filter(status="published")
    assert not published.filter(body="").exists()
    assert not published.filter(summary="").exists()
    attachment = Attachment.objects.select_related("item").first()
    assert attachment is not None and attachment.text
    response = client.get(
        reverse("portal:attachment", args=[attachment.item_id, attachment.pk])
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_demo_interpretations_and_a_second_pass_that_changes_nothing(demo):
    forms = set(Interpretation.objects.values_list("form", flat=True))
    assert "graphic" in forms  # 兴义's 一图读懂
    assert not Interpretation.objects.filter(body="").exists()
    assert catalog_content_ensure(region_ensure()) == 0
