"""What an application says, as a form: shared by the public's online application
(portal) and by staff registering an application received on paper (workspace),
so both ask the same questions and neither page imports the other."""

from __future__ import annotations

from typing import Any, TypedDict

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Applicant, ApplicantType, DeliveryMethod, RequestedForm
from .services import ApplicantDetails
from .validators import id_number_problem, phone_validator, postcode_validator


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
    phone = forms.CharField(
        label=_("Telephone"),
        max_length=40,
        validators=[phone_validator],
        help_text=_("A mobile number, or a landline with its area code."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Postal address"), max_length=300, required=False)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        required=False,
        validators=[postcode_validator],
    )
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

    def clean(self) -> dict[str, Any]:
        """The document number is checked against the kind of document (the
        check character of a 居民身份证 or a 统一社会信用代码)."""
        data = super().clean() or {}
        kind, number = data.get("id_kind"), data.get("id_number")
        if kind and number and (problem := id_number_problem(kind, number)):
            self.add_error("id_number", problem)
        elif number:
            data["id_number"] = number.strip().upper()
        return data

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


class ApplicantLinkForm(forms.Form):
    """Staff tie an application to the registry's record of its applicant
    (``applicant_link``), or merge two records of one person (``applicant_merge``)."""

    id_number = forms.CharField(
        label=_("Identity document number of a known applicant"),
        max_length=64,
        required=False,
        help_text=_(
            "Empty: the applicant with the document given on this application, "
            "or a new record made from it."
        ),
    )
    update_details = forms.BooleanField(
        label=_("Update the applicant's name and contact with those given here"),
        required=False,
    )
    merge = forms.BooleanField(
        label=_(
            "Merge: move every application of the applicant linked now to that one"
        ),
        required=False,
    )

    def clean_id_number(self) -> Applicant | None:
        number = self.cleaned_data["id_number"].strip().upper()
        if not number:
            return None
        found = Applicant.objects.filter(id_number=number).first()
        if found is None:
            raise forms.ValidationError("没有使用该证件号码的申请人。")
        return found
