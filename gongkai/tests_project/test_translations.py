"""The interface is Chinese: every English msgid has a reviewed translation."""

import gettext
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise

from .pofile import read_entries

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
PO = CATALOGUE / "django.po"
MO = CATALOGUE / "django.mo"


def test_every_message_is_translated():
    """No msgid is left without a Chinese translation."""
    untranslated = [
        e.msgid for e in read_entries(PO) if not e.is_header and not e.translated
    ]
    assert untranslated == []


def test_no_translation_is_fuzzy():
    """A fuzzy entry is a guess by msgmerge: Django would not show it, so it must be
    reviewed and its flag removed."""
    fuzzy = [e.msgid or "(header)" for e in read_entries(PO) if "fuzzy" in e.flags]
    assert fuzzy == []


def test_compiled_catalogue_matches_the_po_file():
    """django.mo is what Django reads; it must be compiled from the current .po
    (``make messages``)."""
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        e.msgid
        for e in read_entries(PO)
        if not e.is_header
        and e.msgid_plural is None
        and e.msgctxt is None
        and compiled.gettext(e.msgid) != e.msgstrs[0]
    ]
    assert stale == []


def test_model_names_are_shown_in_chinese():
    """The admin shows model names in Chinese, e.g. 行政机关 for an agency."""
    from gongkai.agencies.models import Agency
    from gongkai.applications.models import Application

    with translation.override("zh-hans"):
        assert str(Agency._meta.verbose_name) == "行政机关"
        assert str(Application._meta.verbose_name) == "政府信息公开申请"


def _gongkai_labels() -> list[Promise]:
    labels: list[Promise] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai."):
            continue
        for model in config.get_models():
            labels += [model._meta.verbose_name, model._meta.verbose_name_plural]
            labels += [
                field.verbose_name
                for field in model._meta.get_fields()
                if hasattr(field, "verbose_name")
            ]
            labels += [
                getattr(field, "help_text", "") for field in model._meta.get_fields()
            ]
    return [label for label in labels if isinstance(label, Promise)]


@pytest.mark.parametrize("label", _gongkai_labels(), ids=str)
def test_every_model_label_has_a_translation(label):
    """A label marked for translation but missing from the catalogue would show in
    English: run ``make messages`` and translate it."""
    with translation.override("en"):
        english = str(label)
    with translation.override("zh-hans"):
        assert str(label) != english
