"""The one adjustment field: how a page or the admin asks for the reason a record
of a closed year changes (``gongkai.agencies.periods``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.permissions import Actor, Permission, can, role_allows

from .models import Agency


def adjustment_field() -> forms.CharField:
    return forms.CharField(
        label=_("Adjustment reason (published years only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only when the year's annual report is already published: why that "
            "year's records must change. The office head gives it."
        ),
    )


class AdjustmentForm(forms.Form):
    """A form for a step that dates something into a statistical year."""

    adjustment = adjustment_field()


def without_adjustment(form: forms.Form, user: Actor, agency: Agency | None) -> None:
    """Drop the adjustment field for a user who may not correct the report, who
    would only be refused if they filled it in."""
    if "adjustment" not in form.fields:
        return
    allowed = (
        can(user, Permission.REPORT_CORRECT, agency)
        if agency is not None
        else role_allows(user, Permission.REPORT_CORRECT)
    )
    if not allowed:
        del form.fields["adjustment"]
