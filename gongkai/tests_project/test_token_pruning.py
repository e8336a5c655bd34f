"""The public forms' one-time tokens do not pile up (issue 12): ``gongkai
prune-tokens`` deletes those older than ``GONGKAI_SUBMISSION_TOKEN_DAYS``."""

from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner
from django.utils import timezone

from gongkai.cli import main
from gongkai.portal.guard import submit_once, submitted_earlier, token_new
from gongkai.portal.models import SubmissionToken

pytestmark = pytest.mark.django_db


def _token_aged(days: int) -> str:
    token = token_new()
    submit_once("application", token, lambda: f"YSQ-{days:08d}")
    SubmissionToken.objects.filter(token=token).update(
        created_at=timezone.now() - timedelta(days=days)
    )
    return token


def test_old_tokens_are_deleted_and_recent_ones_kept(settings):
    """With 30 days, a token of 31 days goes; tokens of today and 29 days stay,
    and still find the record they made."""
    settings.GONGKAI_SUBMISSION_TOKEN_DAYS = 30
    old, recent, fresh = _token_aged(31), _token_aged(29), _token_aged(0)

    result = CliRunner().invoke(main, ["prune-tokens"])

    assert result.exit_code == 0, result.output
    assert "已删除 1 个过期的表单令牌" in result.output
    assert submitted_earlier("application", old) is None
    assert submitted_earlier("application", recent) == "YSQ-00000029"
    assert submitted_earlier("application", fresh) == "YSQ-00000000"


def test_the_age_is_the_setting(settings):
    """A site that keeps tokens a week prunes a token of eight days."""
    settings.GONGKAI_SUBMISSION_TOKEN_DAYS = 7
    _token_aged(8)
    kept = _token_aged(6)

    CliRunner().invoke(main, ["prune-tokens"])

    assert list(SubmissionToken.objects.values_list("token", flat=True)) == [kept]


def test_the_default_outlives_a_session(settings):
    """A replay needs the session's one-time sum too, so a token is kept at least
    as long as a session lasts."""
    from gongkai.settings import base

    assert base.GONGKAI_SUBMISSION_TOKEN_DAYS * 86400 >= settings.SESSION_COOKIE_AGE
