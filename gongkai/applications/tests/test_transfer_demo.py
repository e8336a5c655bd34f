"""The demo's 转办 (gongkai.demo.transfer_demo): one application waiting for the
签收 of 兴义市应急管理局, one it signed for and answered; a second load adds
nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.applications.models import Application, Transfer, TransferState
from gongkai.demo.region import XINGYI_EMERGENCY, region_ensure
from gongkai.demo.transfer_demo import ANSWERED, WAITING, transfer_demo_ensure
from gongkai.testing import factories as f

pytestmark = pytest.mark.django_db


def test_the_demo_transfers(client):
    agencies = region_ensure()
    emergency = agencies[XINGYI_EMERGENCY]
    demo = f.UserFactory(username="demo", role="staff", agency=emergency)
    assert transfer_demo_ensure(agencies) == 2
    assert transfer_demo_ensure(agencies) == 0

    waiting = Transfer.objects.get(application__tracking_number=WAITING)
    assert waiting.state == TransferState.PENDING and waiting.to_agency == emergency
    answered = Transfer.objects.get(application__tracking_number=ANSWERED)
    assert answered.state == TransferState.ACCEPTED
    ours = answered.accepted_as
    assert ours.agency == emergency and ours.outcome == "disclosed"
    assert ours.handler == demo and ours.received_on == answered.decided_on
    assert Application.objects.get(tracking_number=ANSWERED).ground == (
        "not_this_agency"
    )

    client.force_login(demo)
    dashboard = client.get(reverse("workspace:dashboard"))
    assert dashboard.context["transfers_waiting_count"] == 1
