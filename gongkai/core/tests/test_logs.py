"""The daily log files survive being rotated by several workers at once, and the
production security log keeps six months and more of what it must hold."""

from __future__ import annotations

import logging
import logging.config
from pathlib import Path

import pytest

from gongkai.core.logs import SharedTimedRotatingFileHandler


def _record(message: str) -> logging.LogRecord:
    return logging.LogRecord("gongkai.security", logging.INFO, "", 0, message, (), None)


def _lines(folder: Path) -> list[str]:
    return sorted(line for f in folder.iterdir() for line in f.read_text().splitlines())


def test_two_workers_rotating_the_same_day_lose_no_line(tmp_path):
    """Two workers (two handlers on one file) both pass midnight: the first
    renames the day's file, the second only reopens, and every line written
    before and after is still in one of the files."""
    log = tmp_path / "security.log"
    first, second = (
        SharedTimedRotatingFileHandler(log, when="midnight", backupCount=200)
        for _ in range(2)
    )
    first.emit(_record("yesterday, first worker"))
    second.emit(_record("yesterday, second worker"))
    for handler in (first, second):
        handler.rolloverAt = 0  # midnight has passed for both
    first.emit(_record("today, first worker"))
    second.emit(_record("today, second worker"))
    first.close()
    second.close()
    assert _lines(tmp_path) == sorted(
        [
            "today, first worker",
            "today, second worker",
            "yesterday, first worker",
            "yesterday, second worker",
        ]
    )
    assert len(list(tmp_path.iterdir())) == 2  # today's file and yesterday's


# --- The production security log (issue 12; 网络安全法 第二十一条) ----------------

SIX_MONTHS_IN_DAYS = 183


def _production_logging(folder: Path) -> dict:
    """The production settings' LOGGING, its files moved into ``folder``."""
    import copy

    from gongkai.settings import production

    config = copy.deepcopy(production.LOGGING)
    for handler in config["handlers"].values():
        if "filename" in handler:
            handler["filename"] = str(folder / Path(handler["filename"]).name)
    return config


@pytest.fixture
def security_log_file(tmp_path, settings):
    """The production logging, writing into a temporary folder for one test;
    the file the security log is written to."""
    from django.utils.log import configure_logging

    logging.config.dictConfig(_production_logging(tmp_path))
    yield tmp_path / "security.log"
    for handler in logging.getLogger("gongkai.security").handlers:
        handler.close()
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


def test_the_production_security_log_is_kept_at_least_six_months():
    """The security log rolls over daily and keeps GONGKAI_SECURITY_LOG_DAYS
    files, by default more than six months' worth; sign-ins, refusals and
    Django's own security refusals all go to it."""
    from gongkai.settings import production

    assert production.GONGKAI_SECURITY_LOG_DAYS >= SIX_MONTHS_IN_DAYS
    handler = production.LOGGING["handlers"]["security"]
    assert handler["class"] == "gongkai.core.logs.SharedTimedRotatingFileHandler"
    assert handler["when"] == "midnight"
    assert handler["backupCount"] == production.GONGKAI_SECURITY_LOG_DAYS
    for logger in ("gongkai.security", "django.security"):
        assert "security" in production.LOGGING["loggers"][logger]["handlers"]


def test_the_configured_handler_deletes_nothing_younger_than_six_months(tmp_path):
    """After a day's rollover, the configured handler keeps the dated files of
    the last six months and more, and deletes only older ones."""
    from datetime import date, timedelta

    config = _production_logging(tmp_path)
    handler = logging.config.DictConfigurator(config).configure_handler(
        config["handlers"]["security"]
    )
    log = tmp_path / "security.log"
    today = date.today()
    for age in range(1, 400):
        (tmp_path / f"security.log.{today - timedelta(days=age):%Y-%m-%d}").touch()
    handler.emit(_record("yesterday"))
    handler.rolloverAt = 0
    handler.emit(_record("today"))
    handler.close()
    kept = sorted(p.name for p in tmp_path.iterdir() if p != log)
    oldest = date.fromisoformat(kept[0].rsplit(".", 1)[1])
    assert (today - oldest).days >= SIX_MONTHS_IN_DAYS
    assert len(kept) == handler.backupCount


@pytest.mark.django_db
def test_sign_ins_refusals_and_personal_data_reads_land_in_the_security_log(
    client, security_log_file
):
    """A wrong password, a sign-in, a page refused for scope and a read of an
    applicant's full ID number are each a line of the security log, naming the
    user; the password itself is never written."""
    from django.urls import reverse

    from gongkai.applications.services import applicant_id_number_read
    from gongkai.testing import factories

    own, other = factories.AgencyFactory(), factories.AgencyFactory()
    user = factories.UserFactory(username="li", agency=own)
    user.set_password("a-long-password")
    user.save()
    login = reverse("accounts:login")
    client.post(login, {"username": "li", "password": "wrong-password-1"})
    client.post(login, {"username": "li", "password": "a-long-password"})
    elsewhere = factories.ApplicationFactory(agency=other)
    refused = client.get(reverse("workspace:application", args=[elsewhere.pk]))
    assert refused.status_code in (403, 404)
    mine = factories.ApplicationFactory(agency=own)
    applicant_id_number_read(acting_user=user, application=mine)

    text = security_log_file.read_text(encoding="utf-8")
    assert "sign-in refused user=li" in text
    assert "sign-in user=li" in text
    refused_line = f"refused permission=application.view scope=agency:{other.pk}"
    assert f"{refused_line} user=li" in text
    assert (
        "personal data read: applicant_id_number user=li "
        f"application={mine.tracking_number}"
    ) in text
    assert "a-long-password" not in text
    assert "wrong-password-1" not in text
