"""The public's forms: questions to an agency, applications, and tracking one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.activities.models import Mailbox
from gongkai.applications.models import (
    Applicant,
    ApplicantType,
    DeliveryMethod,
    RequestedForm,
)
from gongkai.applications.services import ApplicantDetails

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


class ApplicationDetailsForm(forms.Form):
    """What an application says (《政府信息公开条例》第二十九条第二款): who applies and
    how to reach them, the information asked for, the form wanted. Used by the
    public's online form and by staff registering a paper application."""

    applicant_type = forms.ChoiceField(
        label=_("Applicant"), choices=ApplicantType.choices, initial="natural_person"
    )
    name = forms.CharField(
        label=_("Name (person) or full name (organisation)"), max_length=200
    )
    id_kind = forms.ChoiceField(
        label=_("Identity document"), choices=Applicant.IdKind.choices
    )
    id_number = forms.CharField(label=_("Document number"), max_length=64)
    phone = forms.CharField(label=_("Telephone"), max_length=40)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Postal address"), max_length=300, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    description = forms.CharField(
        label=_("The information you ask for"),
        widget=forms.Textarea,
        max_length=5000,
        help_text=_(
            "Name the document, or describe it so that it can be found (title, "
            "number, date, subject)."
        ),
    )
    requested_form = forms.ChoiceField(
        label=_("Form wanted"), choices=RequestedForm.choices
    )
    delivery_method = forms.ChoiceField(
        label=_("How to receive it"), choices=DeliveryMethod.choices
    )

    def applicant(self) -> ApplicantDetails:
        data = self.cleaned_data
        return ApplicantDetails(
            name=data["name"],
            applicant_type=data["applicant_type"],
            id_kind=data["id_kind"],
            id_number=data["id_number"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            postcode=data["postcode"],
        )

    def application_fields(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[name]
            for name in ("description", "requested_form", "delivery_method")
        }


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
