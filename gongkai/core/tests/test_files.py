"""Stored files: random names on disk, and downloads only through the views that
check who may have the file (issue 12, finding 2)."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from gongkai.accounts.models import User
from gongkai.applications.models import Letter
from gongkai.catalog.models import Attachment
from gongkai.portal.tracking import tracking_secret
from gongkai.testing import factories

DRAFT_BYTES = b"PK\x03\x04 draft attachment"
LETTER_BYTES = b"PK\x03\x04 reply letter"
RANDOM = r"[0-9a-f]{32}"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_FILES_X_ACCEL_PREFIX = ""
    return settings.MEDIA_ROOT


@pytest.fixture
def agency(db):
    return factories.AgencyFactory(name="青溪县财政局")


def _attachment(item, name="关于2021年预算的说明（草稿）.docx", content=DRAFT_BYTES):
    attachment = Attachment(
        item=item, name=name, kind="docx", size=len(content), digest="0" * 64
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


def _letter(application):
    letter = Letter(
        application=application,
        key="reply",
        number="青财依申请公开〔2021〕1号",
        recipient="张三",
        title="政府信息公开申请答复书",
        body="……",
        issued_on=date(2021, 3, 1),
    )
    letter.file.save(
        f"{application.tracking_number}-reply.docx",
        ContentFile(LETTER_BYTES),
        save=False,
    )
    letter.save()
    return letter


def _bytes(response) -> bytes:
    return b"".join(response.streaming_content)


def _staff(agency, username="staff"):
    return factories.UserFactory(username=username, role=User.Role.STAFF, agency=agency)


def test_stored_names_are_random_and_dated(agency):
    """On disk a file is a random name in a month's folder: neither the name it
    was given nor the tracking number can be read from (or guessed into) its path."""
    item = factories.ItemFactory(agency=agency, draft=True)
    attachment = _attachment(item)
    application = factories.ApplicationFactory(
        agency=agency, tracking_number="YSQ20210301-ABC123"
    )
    letter = _letter(application)
    assert re.fullmatch(
        rf"catalog/attachments/\d{{4}}/\d{{2}}/{RANDOM}\.docx", (attachment.file.name)
    )
    assert re.fullmatch(rf"letters/\d{{4}}/\d{{2}}/{RANDOM}\.docx", letter.file.name)
    assert "ABC123" not in letter.file.name
    assert attachment.name == "关于2021年预算的说明（草稿）.docx"
    second = _attachment(item)
    assert second.file.name != attachment.file.name


def test_a_draft_attachment_reaches_only_its_agencys_staff(client, agency):
    """The public and another agency's staff get nothing of a draft's file (404
    on the public site, 403 in the workspace); the agency's own staff download it
    under the name it was given."""
    item = factories.ItemFactory(agency=agency, draft=True)
    attachment = _attachment(item)
    public_url = reverse("portal:attachment", args=[item.pk, attachment.pk])
    staff_url = reverse("workspace:item_attachment", args=[item.pk, attachment.pk])

    assert client.get(public_url).status_code == 404
    assert client.get(staff_url).status_code == 302  # to the sign-in page
    assert client.get("/media/" + attachment.file.name).status_code == 404

    client.force_login(_staff(factories.AgencyFactory(), username="other"))
    assert client.get(public_url).status_code == 404
    assert client.get(staff_url).status_code == 403

    client.force_login(_staff(agency))
    response = client.get(staff_url)
    assert response.status_code == 200
    assert _bytes(response) == DRAFT_BYTES
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    given = quote("关于2021年预算的说明（草稿）.docx")
    assert f"filename*=utf-8''{given}" in disposition


def test_a_published_attachment_is_anyones(client, agency):
    """Once the item is published its file is on the public site, under its name."""
    item = factories.ItemFactory(agency=agency)
    attachment = _attachment(item, name="预算公开.docx")
    response = client.get(reverse("portal:attachment", args=[item.pk, attachment.pk]))
    assert response.status_code == 200
    assert _bytes(response) == DRAFT_BYTES
    assert quote("预算公开.docx") in response["Content-Disposition"]


def test_a_letter_needs_the_tracking_number_and_its_code(client, agency):
    """The public tracking page hands out a letter only to a visitor who gave the
    tracking number with its query code; a wrong code gets nothing."""
    application = factories.ApplicationFactory(
        agency=agency, tracking_number="YSQ20210301-ABC123"
    )
    letter = _letter(application)
    url = reverse("portal:track_letter", args=[application.tracking_number, letter.pk])
    number = application.tracking_number

    assert client.get(url).status_code == 404
    wrong = {"tracking_number": number, "secret": "X" * 10}
    client.post(reverse("portal:track"), wrong)
    assert client.get(url).status_code == 404

    client.post(
        reverse("portal:track"),
        {"tracking_number": number, "secret": tracking_secret(number)},
    )
    response = client.get(url)
    assert response.status_code == 200
    assert _bytes(response) == LETTER_BYTES
    assert quote("政府信息公开申请答复书") in response["Content-Disposition"]


def test_staff_download_letters_of_their_own_agency_only(client, agency):
    """In the workspace a letter is its agency's staff's; another agency's get 403."""
    letter = _letter(factories.ApplicationFactory(agency=agency))
    url = reverse(
        "workspace:application_letter", args=[letter.application_id, letter.pk]
    )
    client.force_login(_staff(factories.AgencyFactory(), username="other"))
    assert client.get(url).status_code == 403
    client.force_login(_staff(agency))
    response = client.get(url)
    assert response.status_code == 200
    assert _bytes(response) == LETTER_BYTES


def test_behind_nginx_the_view_names_the_file_and_sends_no_bytes(
    client, agency, settings
):
    """With GONGKAI_FILES_X_ACCEL_PREFIX set, an allowed download is an empty
    answer naming the stored file under the internal prefix, with the download
    name; a refused one is still refused by the view."""
    settings.GONGKAI_FILES_X_ACCEL_PREFIX = "/protected/"
    published = _attachment(factories.ItemFactory(agency=agency), name="预算公开.docx")
    draft_item = factories.ItemFactory(agency=agency, draft=True)
    draft = _attachment(draft_item)
    response = client.get(
        reverse("portal:attachment", args=[published.item_id, published.pk])
    )
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == "/protected/" + published.file.name
    assert quote("预算公开.docx") in response["Content-Disposition"]
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    refused = client.get(reverse("portal:attachment", args=[draft_item.pk, draft.pk]))
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


def test_files_stored_before_keep_working(client, agency, media):
    """A file stored under an old, readable path still downloads: the database
    names it, and nothing was moved."""
    item = factories.ItemFactory(agency=agency)
    old = media / "catalog" / "attachments" / "2020" / "05" / "预算.docx"
    old.parent.mkdir(parents=True)
    old.write_bytes(DRAFT_BYTES)
    attachment = Attachment.objects.create(
        item=item,
        file="catalog/attachments/2020/05/预算.docx",
        name="预算.docx",
        kind="docx",
        size=len(DRAFT_BYTES),
        digest="0" * 64,
    )
    response = client.get(reverse("portal:attachment", args=[item.pk, attachment.pk]))
    assert response.status_code == 200
    assert _bytes(response) == DRAFT_BYTES


@pytest.mark.django_db
def test_a_file_no_longer_kept_is_a_404_not_a_500(tmp_path, settings):
    """After anonymisation a record's file is emptied; a file may also be gone
    from storage. Sending either is a clean 404."""
    from django.http import Http404

    from gongkai.applications.models import PaymentReceipt
    from gongkai.core.files import download

    settings.MEDIA_ROOT = tmp_path
    emptied = PaymentReceipt(name="已匿名").file
    with pytest.raises(Http404):
        download(emptied, filename="凭证.png")
    gone = PaymentReceipt(name="凭证.png").file
    gone.name = "receipts/not-there.png"
    with pytest.raises(Http404):
        download(gone, filename="凭证.png")
