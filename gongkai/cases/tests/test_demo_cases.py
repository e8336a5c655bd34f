"""The demo's reviews and lawsuits: one at each stage, made twice without a
duplicate, with the dashboard's due-soon and overdue answers among them."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from gongkai.cases.models import AdministrativeReview, Litigation, Stage
from gongkai.cases.selectors import answers_due_soon, answers_overdue
from gongkai.demo.cases_demo import CASES, cases_demo_ensure
from gongkai.demo.region import XINGYI_EMERGENCY, region_ensure

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-12-07 09:00 +0800")
def test_the_demo_has_a_case_at_each_stage_and_is_idempotent():
    agencies = region_ensure()
    assert cases_demo_ensure(agencies) == len(CASES)
    assert cases_demo_ensure(agencies) == 0
    cases = [*AdministrativeReview.objects.all(), *Litigation.objects.all()]
    assert len(cases) == len(CASES)
    assert {c.stage for c in cases} == set(Stage)
    assert {c.result for c in cases} == {"", "upheld", "corrected"}
    corrected = next(c for c in cases if c.result == "corrected")
    follow_up = corrected.application.follow_ups.get()
    assert follow_up.due_on is not None
    ids = [agencies[XINGYI_EMERGENCY].pk]
    today = date(2026, 12, 7)
    assert len(answers_overdue(agency_ids=ids, today=today)) == 1
    assert len(answers_due_soon(agency_ids=ids, today=today)) == 1
