"""The admin shows each application's deadline ledger and evidence, and lets staff
edit letter templates and correct the calendar through the services."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications.models import LetterTemplate
from gongkai.core.events import events_for
from gongkai.workdays.models import CalendarDay

from .helpers import registered

pytestmark = pytest.mark.django_db


def test_an_application_page_explains_its_due_date(admin_client, agency, head):
    application = registered(agency, head)
    url = reverse("admin:applications_application_change", args=[application.pk])
    page = admin_client.get(url).content.decode()
    assert "收到申请：2025年3月3日，自次日起计算。" in page
    assert "答复期限：2025年3月31日。" in page
    assert "30 日内申请 1 件" in page


def test_a_template_edited_in_the_admin_is_recorded(admin_client):
    template = LetterTemplate.objects.get(key="acknowledgement", agency__isnull=True)
    url = reverse("admin:applications_lettertemplate_change", args=[template.pk])
    response = admin_client.post(
        url,
        {
            "key": "acknowledgement",
            "agency": "",
            "title": "受理通知",
            "body": "{{ agency }}已收到。",
        },
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.body == "{{ agency }}已收到。"
    assert events_for(template).get().verb == "letter_template_saved"


def test_a_broken_template_is_refused_by_the_admin_form(admin_client):
    url = reverse("admin:applications_lettertemplate_add")
    response = admin_client.post(
        url, {"key": "fee", "title": "收费", "body": "{% if %}"}
    )
    assert response.status_code == 200
    assert "信函模板有语法错误" in response.content.decode()


def test_a_day_added_in_the_admin_moves_open_due_dates(admin_client, agency, head):
    application = registered(agency, head, received_on=date(2025, 6, 9))
    url = reverse("admin:workdays_calendarday_add")
    response = admin_client.post(
        url, {"day": "2025-06-30", "kind": "holiday", "name": "误录"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.due_on == date(2025, 7, 8)
    day = CalendarDay.objects.get(day=date(2025, 6, 30))
    delete = reverse("admin:workdays_calendarday_delete", args=[day.pk])
    admin_client.post(delete, {"post": "yes"})
    application.refresh_from_db()
    assert application.due_on == date(2025, 7, 7)
