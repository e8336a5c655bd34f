"""Fixtures for the applications room: letters kept in a temporary folder, and
the agency's office head and clerk."""

from __future__ import annotations

import pytest

from gongkai.testing import factories as f


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Letters are files: keep them out of the data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def head(db, agency):
    return f.UserFactory(
        username="head", role="office_head", agency=agency, email="head@example.cn"
    )


@pytest.fixture
def clerk(db, agency):
    return f.UserFactory(username="clerk", agency=agency, email="clerk@example.cn")
