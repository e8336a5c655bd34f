"""The records .ci/nginx-check downloads: an agency with a draft item and a published
one (each with an attachment), an application with a letter, a staff member of the
agency and one of another agency (each signed in). Prints shell assignments."""

import shlex
from datetime import date

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from gongkai.accounts.models import User  # noqa: E402
from gongkai.agencies.models import Agency  # noqa: E402
from gongkai.applications.models import Application, Letter  # noqa: E402
from gongkai.catalog.models import Attachment, Item  # noqa: E402
from gongkai.portal.tracking import tracking_secret  # noqa: E402
from gongkai.testing import factories  # noqa: E402

BACKEND = "gongkai.accounts.backends.RoleBackend"


def attach(item: Item, name: str, content: bytes) -> Attachment:
    attachment = Attachment(
        item=item, name=name, kind="docx", size=len(content), digest="0" * 64
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


def session(user: User) -> str:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


agency = factories.AgencyFactory(name="青溪县财政局", level=Agency.Level.COUNTY)
other = factories.AgencyFactory(name="青溪县教育局", level=Agency.Level.COUNTY)
staff = factories.UserFactory(username="staff", role=User.Role.STAFF, agency=agency)
stranger = factories.UserFactory(username="other", role=User.Role.STAFF, agency=other)
draft = attach(
    factories.ItemFactory(agency=agency, draft=True),
    "关于2021年预算的说明（草稿）.docx",
    b"draft: not yet public",
)
published = attach(
    factories.ItemFactory(agency=agency), "2021年预算公开.docx", b"published"
)
application: Application = factories.ApplicationFactory(
    agency=agency, tracking_number="YSQ20210301-ABC123"
)
letter = Letter(
    application=application,
    key="reply",
    number="青财依申请公开〔2021〕1号",
    recipient="张三",
    title="政府信息公开申请答复书",
    body="……",
    issued_on=date(2021, 3, 1),
)
letter.file.save("reply.docx", ContentFile(b"letter to the applicant"), save=False)
letter.save()

values = {
    "DRAFT_PATH": draft.file.name,
    "DRAFT_PUBLIC_URL": reverse("portal:attachment", args=[draft.item_id, draft.pk]),
    "DRAFT_STAFF_URL": reverse(
        "workspace:item_attachment", args=[draft.item_id, draft.pk]
    ),
    "PUBLISHED_PATH": published.file.name,
    "PUBLISHED_URL": reverse(
        "portal:attachment", args=[published.item_id, published.pk]
    ),
    "LETTER_PATH": letter.file.name,
    "LETTER_PUBLIC_URL": reverse(
        "portal:track_letter", args=[application.tracking_number, letter.pk]
    ),
    "LETTER_STAFF_URL": reverse(
        "workspace:application_letter", args=[application.pk, letter.pk]
    ),
    "TRACKING_NUMBER": application.tracking_number,
    "QUERY_CODE": tracking_secret(application.tracking_number),
    "SESSION_COOKIE": settings.SESSION_COOKIE_NAME,
    "STAFF_SESSION": session(staff),
    "OTHER_SESSION": session(stranger),
}
for name, value in values.items():
    print(f"{name}={shlex.quote(str(value))}")
