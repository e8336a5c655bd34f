"""The public's forms: questions to an agency, applications, and tracking one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.activities.models import Mailbox
from gongkai.applications.forms import ApplicationDetailsForm

from .guard import GuardedForm


class EnquiryForm(GuardedForm):
    mailbox = forms.ChoiceField(
        label=_("Send to"), choices=Mailbox.choices, widget=forms.RadioSelect
    )
    asker_name = forms.CharField(label=_("Your name"), max_length=100)
    asker_contact = forms.CharField(
        label=_("Phone or e-mail"),
        max_length=200,
        help_text=_("Only the agency sees it, to reach you about your question."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    question = forms.CharField(
        label=_("Your question"), widget=forms.Textarea, max_length=5000
    )
    publication_allowed = forms.BooleanField(
        label=_("The question and its answer may be published (without my name)"),
        required=False,
    )

    field_order = [
        "mailbox",
        "asker_name",
        "asker_contact",
        "subject",
        "question",
        "publication_allowed",
        "challenge_answer",
        "website",
    ]


class OnlineApplicationForm(ApplicationDetailsForm, GuardedForm):
    """The public's online application, with the guards against abuse (last)."""

    field_order = [*ApplicationDetailsForm.base_fields, "challenge_answer", "website"]


class TrackForm(forms.Form):
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=32)
    secret = forms.CharField(
        label=_("Query code"),
        max_length=32,
        help_text=_("Given with the tracking number when you applied."),
    )
