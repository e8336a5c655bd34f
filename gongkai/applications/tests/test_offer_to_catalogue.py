"""第四十四条: released information offered to the catalogue from the application's
page becomes a draft item, origin 依申请公开转主动公开, prefilled with the title and
the files the applicant was given (the redacted copy of a partial release, never
its original), linked to the application, in the catalogue's own review. Refused
for an outcome that disclosed nothing, and a second time."""

from __future__ import annotations

from datetime import date

import pymupdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications import services as s
from gongkai.catalog.models import Item
from gongkai.core.workflow import Refused
from gongkai.releases import services as releases

from .helpers import registered

pytestmark = pytest.mark.django_db

KEPT = "2024 budget tables"
REMOVED = "PRIVATE-NAME-XYZ"


def _pdf(*lines: str) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    for number, line in enumerate(lines):
        page.insert_text((72, 100 + 20 * number), line, fontsize=11)
    data: bytes = doc.tobytes()
    return data


def _file(head, application, name: str, *lines: str):
    return releases.release_file_attach(
        acting_user=head,
        application=application,
        upload=SimpleUploadedFile(name, _pdf(*lines), "application/pdf"),
    )


@pytest.fixture
def decided(agency, head):
    """A disclosed application with one file released whole, one released in
    part (a name removed), one withheld and one never handed over."""
    application = s.application_decide(
        acting_user=head,
        application=registered(agency, head, description="2024年度部门预算\n及说明"),
        outcome="partially_disclosed",
        closed_on=date(2025, 3, 20),
    )
    whole = _file(head, application, "预算表.pdf", KEPT)
    releases.release_file_review(acting_user=head, file=whole, status="released")
    releases.release_file_release(acting_user=head, file=whole)
    part = _file(head, application, "说明.pdf", "Explanation", REMOVED)
    releases.release_file_review(acting_user=head, file=part, status="partly_released")
    releases.redaction_add(
        acting_user=head, file=part, kind="term", ground="privacy", text=REMOVED
    )
    releases.release_file_redact(acting_user=head, file=part)
    releases.release_file_release(acting_user=head, file=part)
    withheld = _file(head, application, "内部请示.pdf", "internal")
    releases.release_file_review(
        acting_user=head, file=withheld, status="withheld", ground="state_secret"
    )
    _file(head, application, "未审查.pdf", "pending")
    return application


def _offer(client, application, title="2024年度部门预算"):
    return client.post(
        reverse("workspace:application_offer", args=[application.pk]),
        {"offer-title": title, "offer-summary": "多名申请人申请的预算信息"},
    )


def test_the_page_offers_a_draft_with_the_released_files(client, decided, head):
    client.force_login(head)
    page = client.get(reverse("workspace:application", args=[decided.pk]))
    assert "转为主动公开（第四十四条）" in page.content.decode()
    assert 'value="2024年度部门预算"' in page.content.decode()  # the title prefilled

    response = _offer(client, decided)
    decided.refresh_from_db()
    item = decided.catalogue_item
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:item", args=[item.pk])
    assert (item.status, item.origin) == ("draft", "from_application")
    assert item.title == "2024年度部门预算"
    assert item.formed_on == date(2025, 3, 20)
    names = sorted(item.attachments.values_list("name", flat=True))
    assert names == ["说明（部分公开）.pdf", "预算表.pdf"]
    attachments = {a.name: a for a in item.attachments.all()}
    assert KEPT in attachments["预算表.pdf"].text
    assert "Explanation" in attachments["说明（部分公开）.pdf"].text
    assert REMOVED not in attachments["说明（部分公开）.pdf"].text
    # the origin link, both ways
    assert list(item.applications.all()) == [decided]
    page = client.get(reverse("workspace:application", args=[decided.pk]))
    assert reverse("workspace:item", args=[item.pk]) in page.content.decode()
    item_page = client.get(reverse("workspace:item", args=[item.pk])).content.decode()
    assert reverse("workspace:application", args=[decided.pk]) in item_page


def test_the_offer_is_refused_a_second_time(client, decided, head):
    client.force_login(head)
    _offer(client, decided)
    _offer(client, decided, title="再次")
    assert Item.objects.count() == 1
    with pytest.raises(Refused, match="已提交主动公开目录"):
        s.application_offer_to_catalogue(
            acting_user=head, application=decided, title="再次"
        )


def test_a_refusal_discloses_nothing_to_offer(client, agency, head):
    application = s.application_decide(
        acting_user=head,
        application=registered(agency, head),
        outcome="withheld_internal",
        closed_on=date(2025, 3, 20),
    )
    client.force_login(head)
    page = client.get(reverse("workspace:application", args=[application.pk]))
    assert "转为主动公开（第四十四条）" not in page.content.decode()
    response = _offer(client, application)
    assert response.status_code == 302
    assert not Item.objects.exists()
    follow = client.get(response["Location"]).content.decode()
    assert "只有予以公开或部分公开的信息可以转为主动公开" in follow


def test_another_agencys_staff_cannot_offer(client, decided, db):
    from gongkai.testing import factories as f

    stranger = f.UserFactory(username="stranger", agency=f.AgencyFactory(name="乙局"))
    client.force_login(stranger)
    assert _offer(client, decided).status_code == 403
    assert not Item.objects.exists()


def test_the_service_offers_given_files_and_names_what_it_left_out(decided, head):
    from io import BytesIO

    from gongkai.core.events import events_for

    offered = s.application_offer_to_catalogue(
        acting_user=head,
        application=decided,
        title="预算",
        files=[("表.pdf", BytesIO(_pdf(KEPT))), ("坏.pdf", BytesIO(b"not a pdf"))],
    )
    assert list(offered.catalogue_item.attachments.values_list("name", flat=True)) == [
        "表.pdf"
    ]
    event = events_for(decided).get(verb="application_offered_to_catalogue")
    assert (event.data["files"], event.data["left_out"]) == (["表.pdf"], ["坏.pdf"])
