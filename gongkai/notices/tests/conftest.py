"""Fixtures for the notices: an applicant who gave an e-mail address and a mobile
number, SMS kept in memory, and a fake SMS gateway on this machine."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gongkai.applications import services as s
from gongkai.notices.sms import LocmemBackend
from gongkai.testing import factories as f
from gongkai.testing.sms_gateway import FakeGateway, fake_sms_gateway

PHONE = "13800138000"
EMAIL = "zhangsan@example.cn"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Letters are files: keep them out of the data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def sms_outbox(settings) -> Iterator[list[Any]]:
    settings.GONGKAI_SMS_BACKEND = "gongkai.notices.sms.LocmemBackend"
    LocmemBackend.outbox = []
    yield LocmemBackend.outbox
    LocmemBackend.outbox = []


@pytest.fixture
def clerk(db, agency):
    return f.UserFactory(username="clerk", agency=agency, email="clerk@example.cn")


@pytest.fixture
def head(db, agency):
    return f.UserFactory(
        username="head", role="office_head", agency=agency, email="head@example.cn"
    )


def applicant(phone: str = PHONE, email: str = EMAIL) -> s.ApplicantDetails:
    return s.ApplicantDetails(
        name="张三", applicant_type="natural_person", phone=phone, email=email
    )


@pytest.fixture
def gateway(settings) -> Iterator[FakeGateway]:
    """The fake gateway (gongkai.testing.sms_gateway), configured as the backend."""
    with fake_sms_gateway() as fake:
        settings.GONGKAI_SMS_BACKEND = "gongkai.notices.sms.HttpGatewayBackend"
        settings.GONGKAI_SMS_GATEWAY_URL = fake.url
        settings.GONGKAI_SMS_GATEWAY_KEY = "test-key"
        settings.GONGKAI_SMS_SIGN_NAME = "某县政府信息公开"
        settings.GONGKAI_SMS_GATEWAY_TIMEOUT = 1
        yield fake
