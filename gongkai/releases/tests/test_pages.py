"""The pages: staff attach, review, mark, redact and hand over a file; the
applicant downloads what was handed over, behind the tracking number and query
code, and never the original of a partly released file."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.portal.tracking import tracking_secret
from gongkai.releases import redaction
from gongkai.releases.models import ReleaseFile, ReviewStatus
from gongkai.testing import factories as f

from .conftest import ID_NUMBER, KEPT, PHONE, make_pdf, upload


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def track(client, application) -> None:
    """Sign out (the fixtures act as staff first), then give the tracking number
    and its query code as the applicant does."""
    client.logout()
    number = application.tracking_number
    client.post(
        reverse("portal:track"),
        {"tracking_number": number, "secret": tracking_secret(number)},
    )


@pytest.fixture
def staff(client, clerk):
    client.force_login(clerk)
    return client


@pytest.fixture
def partly_released(staff, application) -> ReleaseFile:
    """A PDF attached, reviewed 部分公开, its ID and phone numbers marked and
    redacted, and handed over: every step through the staff pages."""
    staff.post(
        reverse("releases:attach", args=[application.pk]),
        {"file": upload("答复材料.pdf", make_pdf())},
    )
    file = ReleaseFile.objects.get()
    staff.post(
        reverse("releases:review", args=[file.pk]), {"status": "partly_released"}
    )
    for finding in ("id_card", "mobile"):
        staff.post(
            reverse("releases:mark_add", args=[file.pk]),
            {
                "kind": "finding",
                "finding-finding": finding,
                "finding-ground": "privacy",
            },
        )
    staff.post(reverse("releases:redact", args=[file.pk]))
    staff.post(reverse("releases:release", args=[file.pk]))
    file.refresh_from_db()
    return file


def test_staff_see_the_file_on_the_application_and_its_page(staff, application):
    staff.post(
        reverse("releases:attach", args=[application.pk]),
        {"file": upload("答复材料.pdf", make_pdf())},
    )
    file = ReleaseFile.objects.get()
    page = staff.get(reverse("workspace:application", args=[application.pk]))
    assert "答复材料.pdf" in page.content.decode() and "待审查" in page.content.decode()
    staff.post(
        reverse("releases:review", args=[file.pk]), {"status": "partly_released"}
    )
    detail = staff.get(reverse("releases:file", args=[file.pk])).content.decode()
    assert "110101********7774" in detail  # the scan's finding, masked
    assert ID_NUMBER not in detail
    preview = staff.get(reverse("releases:preview", args=[file.pk, 1]))
    assert preview["Content-Type"] == "image/png"
    assert preview.content.startswith(b"\x89PNG")


def test_a_region_is_marked_from_the_page_form(staff, application):
    staff.post(
        reverse("releases:attach", args=[application.pk]),
        {"file": upload("答复材料.pdf", make_pdf())},
    )
    file = ReleaseFile.objects.get()
    staff.post(
        reverse("releases:review", args=[file.pk]), {"status": "partly_released"}
    )
    staff.post(
        reverse("releases:mark_add", args=[file.pk]),
        {
            "kind": "region",
            "region-page": "1",
            "region-x0": "60",
            "region-y0": "280",
            "region-x1": "320",
            "region-y1": "310",
            "region-ground": "internal",
        },
    )
    assert file.redactions.get().describe() == "第1页 (60,280)–(320,310)"


def test_the_applicant_downloads_the_redacted_copy(
    client, application, partly_released
):
    track(client, application)
    page = client.get(
        reverse("portal:track_detail", args=[application.tracking_number])
    )
    url = reverse(
        "portal:track_released_file",
        args=[application.tracking_number, partly_released.pk],
    )
    text = page.content.decode()
    assert (
        url in text
        and "答复材料（部分公开）.pdf" in text
        and "个人隐私（第十五条）" in text
    )
    response = client.get(url)
    assert response.status_code == 200
    pdf = content(response)
    assert ID_NUMBER not in redaction.page_text(pdf)
    assert PHONE not in redaction.page_text(pdf)
    assert KEPT in redaction.page_text(pdf)
    assert "attachment" in response["Content-Disposition"]


def test_the_original_is_not_reachable_by_the_public(
    client, application, partly_released
):
    """The applicant (who holds the code) gets the copy, never the original; the
    staff address of the original sends them to sign in."""
    track(client, application)
    original = client.get(reverse("releases:original", args=[partly_released.pk]))
    assert original.status_code == 302 and "/accounts/" in original["Location"]
    assert (
        client.get(reverse("releases:redacted", args=[partly_released.pk])).status_code
        == 302
    )
    # Nothing under /media/ serves it either.
    assert client.get("/media/" + partly_released.original.name).status_code == 404


def test_staff_download_the_original(staff, partly_released):
    response = staff.get(reverse("releases:original", args=[partly_released.pk]))
    assert response.status_code == 200
    assert ID_NUMBER in redaction.page_text(content(response))


def test_without_the_query_code_nothing_is_sent(client, application, partly_released):
    client.logout()
    url = reverse(
        "portal:track_released_file",
        args=[application.tracking_number, partly_released.pk],
    )
    assert client.get(url).status_code == 404


def test_a_file_not_handed_over_is_404(staff, client, application):
    staff.post(
        reverse("releases:attach", args=[application.pk]),
        {"file": upload("答复材料.pdf", make_pdf())},
    )
    file = ReleaseFile.objects.get()
    staff.post(reverse("releases:review", args=[file.pk]), {"status": "released"})
    staff.logout()
    track(client, application)
    url = reverse(
        "portal:track_released_file", args=[application.tracking_number, file.pk]
    )
    assert client.get(url).status_code == 404
    file.status = ReviewStatus.PARTLY_RELEASED  # reviewed, never redacted
    file.released_on = file.created_at.date()
    file.save()
    assert client.get(url).status_code == 404


def test_a_file_of_another_application_is_404(
    client, application, partly_released, agency
):
    other = f.ApplicationFactory(agency=agency, tracking_number="YSQ-20260002")
    track(client, other)
    url = reverse(
        "portal:track_released_file", args=[other.tracking_number, partly_released.pk]
    )
    assert client.get(url).status_code == 404


def test_staff_of_another_agency_are_refused(client, partly_released):
    stranger = f.UserFactory(username="other", agency=f.AgencyFactory(name="别的局"))
    client.force_login(stranger)
    assert (
        client.get(reverse("releases:original", args=[partly_released.pk])).status_code
        == 403
    )
    assert (
        client.get(reverse("releases:file", args=[partly_released.pk])).status_code
        == 403
    )


def test_the_released_files_say_when_the_reply_was_served(
    client, clerk, application, partly_released
):
    """The files are handed over with the reply: once the reply's service (送达)
    is recorded, the applicant's list says when and how."""
    from datetime import date

    from gongkai.applications import services as s

    application.refresh_from_db()
    application = s.application_decide(
        acting_user=clerk,
        application=application,
        outcome="partially_disclosed",
        closed_on=date.today(),
    )
    reply = s.letter_issue(
        acting_user=clerk, application=application, kind="reply", issued_on=date.today()
    )
    s.delivery_record(
        acting_user=clerk,
        letter=reply,
        method="collect",
        delivered_on=date.today(),
        proof="申请人本人签收",
    )
    track(client, application)
    page = client.get(
        reverse("portal:track_detail", args=[application.tracking_number])
    ).content.decode()
    assert (
        f"随答复书于 {date.today():%Y-%m-%d} 以当面领取方式送达（申请人本人签收）"
        in page
    )
