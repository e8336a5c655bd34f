"""Every event verb a service writes has its Chinese label in one place
(``gongkai.core.labels``), so no history, audit page or admin list shows a code
such as ``item_submitted``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from gongkai.core.labels import OTHER, VERB_LABELS, verb_label

SOURCES = Path(settings.BASE_DIR)
WRITTEN = re.compile(r"""\bverb=["']([a-z_]+)["']|\bVERB = ["']([a-z_]+)["']""")
# Verbs built from a kind (gongkai.agencies.services: meetings and trainings).
BUILT = {
    f"{kind}_{what}"
    for kind in ("meeting", "training")
    for what in ("recorded", "deleted")
}


def _written_verbs() -> set[str]:
    verbs = set(BUILT)
    for path in SOURCES.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for match in WRITTEN.finditer(path.read_text()):
            verbs.add(match.group(1) or match.group(2))
    return verbs


@pytest.mark.parametrize("verb", sorted(_written_verbs()))
def test_every_written_verb_has_a_chinese_label(verb):
    assert verb in VERB_LABELS, f"add {verb!r} to gongkai.core.labels.VERB_LABELS"
    with translation.override("zh-hans"):
        label = verb_label(verb)
    assert re.search("[\u4e00-\u9fff]", label), label


def test_an_unknown_verb_is_never_shown_as_its_code():
    with translation.override("zh-hans"):
        assert verb_label("something_new") == str(OTHER) == "其他操作"
