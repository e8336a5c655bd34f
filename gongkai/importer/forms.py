"""The upload form: one or more published reports, and what to assume about them."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import MultipleFileField
from gongkai.reports.formats import all_formats


def _format_choices() -> list[tuple[str, str]]:
    return [("", gettext("Recognise automatically"))] + [
        (fmt.id, fmt.name) for fmt in all_formats().values()
    ]


class UploadForm(forms.Form):
    # The field's name is the upload's name in the page and the tests. Django's form
    # metaclass takes declared fields off the class, so it does not hide the form's
    # ``files`` (request.FILES); only the type checker sees the two as one.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Report files"),
        help_text=_(
            "Text, web page (HTML, MHT), Word (.docx, .doc), WPS (.wps, .et), "
            "RTF, PDF or Excel (.xlsx, .xls); several at once."
        ),
    )
    agency = forms.CharField(
        label=_("Agency"),
        required=False,
        max_length=200,
        help_text=_("Only needed when a report does not print its agency's name."),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Only needed when a report does not print its year."),
    )
    format = forms.ChoiceField(label=_("Format"), required=False, choices=())
    region = forms.CharField(
        label=_("Region"),
        required=False,
        max_length=100,
        help_text=_("Left empty, the places the agency's name starts with."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["format"]).choices = _format_choices()
