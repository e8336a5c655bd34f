"""The enquiry box: a person can ask; a robot is stopped by the challenge, the
honeypot, the clock or the rate limit."""

import re

import pytest
from django.urls import reverse

from gongkai.activities.models import Enquiry
from gongkai.portal.guard import DIGITS, SESSION_KEY, TOKEN_FIELD, token_new

pytestmark = pytest.mark.django_db

FIELDS = {
    "mailbox": "enquiry",
    "asker_name": "王五",
    "asker_contact": "13900000000",
    "subject": "查阅点开放时间",
    "question": "政府信息查阅点周末开放吗？",
}


@pytest.fixture(autouse=True)
def no_waiting(settings):
    settings.GONGKAI_CHALLENGE_MIN_SECONDS = 0


def _answer(page: str) -> int:
    """What a person computes from the question on the page."""
    a, b = re.search(f"([{DIGITS}])加([{DIGITS}])等于几", page).groups()
    return DIGITS.index(a) + DIGITS.index(b)


def _token(page: str) -> str:
    """The form's one-time token, as the browser sends it back."""
    return re.search(f'name="{TOKEN_FIELD}" value="([^"]+)"', page).group(1)


def _ask(client, agency, **changes):
    url = reverse("portal:ask", args=[agency.pk])
    page = client.get(url).content.decode()
    data = {
        **FIELDS,
        "challenge_answer": _answer(page),
        TOKEN_FIELD: _token(page),
        **changes,
    }
    return client.post(url, data)


def test_a_person_asks_and_gets_a_reference(client, agency):
    response = _ask(client, agency)
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.agency == agency
    assert not enquiry.is_answered
    sent = client.get(response["Location"]).content.decode()
    assert enquiry.reference in sent


@pytest.mark.parametrize(
    "changes",
    [
        {"challenge_answer": 99},  # a wrong sum
        {"website": "http://spam.example"},  # the honeypot filled in
    ],
    ids=["wrong answer", "honeypot"],
)
def test_a_robot_is_refused_and_nothing_is_recorded(client, agency, changes):
    response = _ask(client, agency, **changes)
    assert response.status_code == 200
    assert not Enquiry.objects.exists()


def test_a_form_sent_too_fast_is_refused(client, agency, settings):
    settings.GONGKAI_CHALLENGE_MIN_SECONDS = 60
    _ask(client, agency)
    assert not Enquiry.objects.exists()


def test_an_answer_is_good_for_one_try_only(client, agency):
    url = reverse("portal:ask", args=[agency.pk])
    page = client.get(url).content.decode()
    answer = _answer(page)
    client.post(url, {**FIELDS, "challenge_answer": answer, TOKEN_FIELD: _token(page)})
    assert SESSION_KEY not in client.session
    # The answer sent again with another form's token: refused.
    client.post(url, {**FIELDS, "challenge_answer": answer, TOKEN_FIELD: token_new()})
    assert Enquiry.objects.count() == 1


def test_the_rate_limit_stops_the_next_submission_within_the_hour(
    client, agency, settings
):
    settings.GONGKAI_RATE_LIMITS = {"enquiry": 2}
    assert _ask(client, agency).status_code == 302
    assert _ask(client, agency).status_code == 302
    url = reverse("portal:ask", args=[agency.pk])
    assert "<form" not in client.get(url).content.decode().split("<main")[1]
    refused = client.post(url, {**FIELDS, "challenge_answer": 0})
    assert refused.status_code == 429
    assert Enquiry.objects.count() == 2
