"""The public forms' limits: counted per visitor (behind nginx, the address it
forwards), in a cache every worker shares; a double submit stores one record."""

import logging
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.activities.models import Enquiry
from gongkai.applications.models import Application
from gongkai.portal.guard import DIGITS, TOKEN_FIELD

pytestmark = pytest.mark.django_db

QUESTION = {
    "mailbox": "enquiry",
    "asker_name": "王五",
    "asker_contact": "13900000000",
    "subject": "查阅点开放时间",
    "question": "政府信息查阅点周末开放吗？",
}
APPLICATION = {
    "applicant_type": "natural_person",
    "name": "钱七",
    "id_kind": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13600000000",
    "description": "2024年本局政府采购合同",
    "requested_form": "electronic",
    "delivery_method": "email",
    "email": "qian@example.com",
}


@pytest.fixture(autouse=True)
def no_waiting(settings):
    settings.GONGKAI_CHALLENGE_MIN_SECONDS = 0


def _filled(page: str, fields: dict) -> dict:
    """The form as a person sends it: the sum answered, the token sent back."""
    a, b = re.search(f"([{DIGITS}])加([{DIGITS}])等于几", page).groups()
    token = re.search(f'name="{TOKEN_FIELD}" value="([^"]+)"', page).group(1)
    answer = DIGITS.index(a) + DIGITS.index(b)
    return {**fields, "challenge_answer": answer, TOKEN_FIELD: token}


def _ask(client, agency):
    url = reverse("portal:ask", args=[agency.pk])
    return client.post(url, _filled(client.get(url).content.decode(), QUESTION))


def _behind_nginx(address: str) -> Client:
    """A visitor at ``address``, reaching gongkai through nginx's unix socket."""
    return Client(REMOTE_ADDR="", HTTP_X_FORWARDED_FOR=address)


def test_two_visitors_behind_the_socket_do_not_share_a_limit(agency, settings, caplog):
    settings.GONGKAI_RATE_LIMITS = {"enquiry": 1}
    first, second = _behind_nginx("198.51.100.7"), _behind_nginx("198.51.100.8")
    assert _ask(first, agency).status_code == 302
    url = reverse("portal:ask", args=[agency.pk])
    with caplog.at_level(logging.WARNING, logger="gongkai.security"):
        refused = first.post(url, QUESTION)
    assert refused.status_code == 429
    assert "提交过于频繁" in refused.content.decode()
    assert "198.51.100.7" in caplog.text
    assert _ask(second, agency).status_code == 302
    assert Enquiry.objects.count() == 2


def test_a_direct_visitor_cannot_escape_the_limit_by_forging_the_header(
    agency, settings
):
    settings.GONGKAI_RATE_LIMITS = {"enquiry": 1}
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    url = reverse("portal:ask", args=[agency.pk])
    assert _ask(visitor, agency).status_code == 302
    page = visitor.get(url, HTTP_X_FORWARDED_FOR="198.51.100.99").content.decode()
    forged = visitor.post(url, QUESTION, HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert "<form" not in page.split("<main")[1]
    assert forged.status_code == 429
    assert Enquiry.objects.count() == 1


def test_two_cache_clients_share_one_count_for_the_whole_window():
    """Two workers' caches are two clients of one table: each sees the other's
    submissions, and the count ends an hour after the first, not later."""
    one, two = caches.create_connection("limits"), caches.create_connection("limits")
    assert one is not two
    one.add("gongkai:rate:test", 1, 3600)
    assert two.incr("gongkai:rate:test") == 2
    assert one.incr("gongkai:rate:test") == 3
    with time_machine.travel(timezone.now() + timedelta(minutes=50)):
        assert two.get("gongkai:rate:test") == 3
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert one.get("gongkai:rate:test") is None


def test_a_double_submit_stores_one_application_and_shows_one_number(client, agency):
    url = reverse("portal:apply_form", args=[agency.pk])
    data = _filled(client.get(url).content.decode(), APPLICATION)
    first = client.post(url, data)
    number_first = client.get(first["Location"]).content.decode()
    again = client.post(url, data)  # the button pressed twice, or the POST replayed
    number_again = client.get(again["Location"]).content.decode()
    application = Application.objects.get()
    assert application.tracking_number in number_first
    assert application.tracking_number in number_again


def test_a_double_submit_stores_one_question(client, agency):
    url = reverse("portal:ask", args=[agency.pk])
    data = _filled(client.get(url).content.decode(), QUESTION)
    first, again = client.post(url, data), client.post(url, data)
    enquiry = Enquiry.objects.get()
    assert enquiry.reference in client.get(first["Location"]).content.decode()
    assert enquiry.reference in client.get(again["Location"]).content.decode()


def test_a_form_without_its_token_stores_nothing(client, agency):
    url = reverse("portal:ask", args=[agency.pk])
    data = _filled(client.get(url).content.decode(), QUESTION)
    del data[TOKEN_FIELD]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "表单已失效" in response.content.decode()
    assert not Enquiry.objects.exists()
