"""What an application says, as a form: shared by the public's online application
(portal) and by staff registering an application received on paper (workspace),
so both ask the same questions and neither page imports the other."""

from __future__ import annotations

from typing import TypedDict

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Applicant, ApplicantType, DeliveryMethod, RequestedForm
from .services import ApplicantDetails


class RequestDetails(TypedDict):
    """What is asked for and how, as the intake services take it (by keyword)."""

    description: str
    requested_form: str
    delivery_method: str


class ApplicationDetailsForm(forms.Form):
    """What an application says (《政府信息公开条例》第二十九条第二款): who applies and
    how to reach them, the information asked for, the form wanted."""

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

    def application_fields(self) -> RequestDetails:
        data = self.cleaned_data
        return RequestDetails(
            description=data["description"],
            requested_form=data["requested_form"],
            delivery_method=data["delivery_method"],
        )
