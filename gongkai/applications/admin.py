"""Admin for applications (依申请公开): look up records, their deadline ledger and
letters, and edit the letter templates.

Applications, applicants and letters are ledger records: they change only through
their services (the workspace's pages, with the workflow, the period lock and one
event each), so here they are shown, never added, changed or deleted. Letter
templates are saved through ``letter_template_save``. The applicants' personal data
is masked in the lists (an administrator opens one record to read it in full).
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.permissions import signed_in
from gongkai.agencies.admin import RegionListFilter
from gongkai.core.admin import ViewOnlyAdmin, ViewOnlyInline, labelled_filter

from .letters.templates import check_template, shipped_defaults
from .masking import masked, masked_email
from .models import (
    Applicant,
    Application,
    Consultation,
    CorrectionRequest,
    Delivery,
    Extension,
    FeeNotice,
    Letter,
    LetterTemplate,
)
from .selectors import application_evidence, due_explained
from .services import (
    applicant_record_read,
    letter_template_save,
)
from .services.deadlines import deadlines_recompute_authorize
from .tasks import deadlines_recompute_after
from .workflow import STATUS_NAMES


class OpenListFilter(admin.SimpleListFilter):
    """Open applications carry over into the next year (结转下年度继续办理)."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("open", _("Open")), ("closed", _("Closed"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in ("open", "closed"):
            return queryset.filter(closed_on__isnull=self.value() == "open")
        return queryset


class CorrectionInline(ViewOnlyInline):
    model = CorrectionRequest
    fields = ["notified_on", "items", "correct_by", "corrected_on", "notice_late"]


class ConsultationInline(ViewOnlyInline):
    model = Consultation
    fields = ["kind", "party", "sent_on", "answer_due", "answered_on", "opinion"]


class FeeInline(ViewOnlyInline):
    model = FeeNotice
    fields = [
        "basis",
        "quantity",
        "amount",
        "reduction",
        "notified_on",
        "pay_by",
        "paid_on",
        "waived_on",
    ]


class ExtensionInline(ViewOnlyInline):
    model = Extension
    fields = ["kind", "days", "reason", "approved_by", "decided_on", "notified_on"]


class LetterInline(ViewOnlyInline):
    model = Letter
    fields = ["number", "title", "issued_on", "file"]
    show_change_link = True


@admin.register(Application)
class ApplicationAdmin(ViewOnlyAdmin):
    list_display = [
        "tracking_number",
        "agency",
        "received_on",
        "channel",
        "applicant_type",
        "status_name",
        "due_on",
        "outcome",
        "closed_on",
    ]

    @admin.display(description=_("status"), ordering="status")
    def status_name(self, application: Application) -> str:
        return STATUS_NAMES.get(application.status, application.status)

    list_filter = [
        OpenListFilter,
        labelled_filter("status", "状态", lambda: STATUS_NAMES),
        "outcome",
        "applicant_type",
        "channel",
        "extended",
        RegionListFilter,
    ]
    search_fields = ["tracking_number", "applicant_name", "description"]
    date_hierarchy = "received_on"
    list_select_related = ["agency"]
    # The applicant's full identity number is read in the workspace, where the
    # read is recorded; here it is masked.
    exclude = ["applicant_id_number"]
    readonly_fields = ["masked_id_number", "due_explanation", "history_evidence"]
    inlines = [
        CorrectionInline,
        ConsultationInline,
        FeeInline,
        ExtensionInline,
        LetterInline,
    ]
    actions = ["recompute_due_dates"]

    @admin.display(description=_("identity document number"))
    def masked_id_number(self, obj: Application) -> str:
        return masked(obj.applicant_id_number, head=4, tail=4)

    @admin.display(description=_("how the due date was reached"))
    def due_explanation(self, obj: Application) -> str:
        return "\n".join(
            f"{step.text}{'（' + step.article + '）' if step.article else ''}"
            for step in due_explained(obj)
        )

    @admin.display(description=_("earlier applications of the applicant"))
    def history_evidence(self, obj: Application) -> str:
        """For the handler to weigh (第三十五条, 第三十六条第六项); never applied."""
        found = application_evidence(obj)
        lines = [
            f"{m.earlier.tracking_number} {m.earlier.received_on} "
            f"{m.similarity:.0f}%{' 已答复' if m.earlier.answered else ''}"
            for m in found.similar
        ]
        window = f"{found.window_days} 日内申请 {found.in_window} 件"
        lines.append(f"{window}（提示线 {found.limit} 件）")
        return "\n".join(lines)

    @admin.action(description=_("Recompute the due dates of all open applications"))
    def recompute_due_dates(
        self, request: HttpRequest, queryset: QuerySet[Application]
    ) -> None:
        # Every open application: background work, like a calendar change.
        user = signed_in(request)
        deadlines_recompute_authorize(acting_user=user, days=None)
        deadlines_recompute_after.enqueue(days=None, acting_user_id=user.pk)
        messages.info(
            request,
            _("Open applications' due dates are being recomputed in the background."),
        )


@admin.register(Applicant)
class ApplicantAdmin(ViewOnlyAdmin):
    """Who applied. The list masks the identity document, the telephone, the
    e-mail and the address; one applicant's page shows them in full."""

    list_display = [
        "name",
        "applicant_type",
        "id_kind",
        "masked_id_number",
        "masked_phone",
        "masked_email",
        "masked_address",
    ]
    list_filter = ["applicant_type"]
    search_fields = ["name", "id_number", "phone", "email"]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """One applicant in full: the read is recorded (who, when, which record)."""
        applicant = self.get_object(request, object_id)
        if applicant is not None and request.method == "GET":
            applicant_record_read(acting_user=signed_in(request), applicant=applicant)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("identity document number"))
    def masked_id_number(self, applicant: Applicant) -> str:
        return masked(applicant.id_number, head=4, tail=4)

    @admin.display(description=_("telephone"))
    def masked_phone(self, applicant: Applicant) -> str:
        return masked(applicant.phone, head=3, tail=4)

    @admin.display(description=_("e-mail"))
    def masked_email(self, applicant: Applicant) -> str:
        return masked_email(applicant.email)

    @admin.display(description=_("postal address"))
    def masked_address(self, applicant: Applicant) -> str:
        return masked(applicant.address, head=6, tail=0)


class DeliveryInline(ViewOnlyInline):
    model = Delivery
    fields = ["method", "delivered_on", "proof", "proof_file"]


@admin.register(Letter)
class LetterAdmin(ViewOnlyAdmin):
    list_display = ["number", "title", "recipient", "issued_on", "application"]
    search_fields = ["number", "application__tracking_number", "recipient"]
    date_hierarchy = "issued_on"
    list_select_related = ["application"]
    inlines = [DeliveryInline]


def _letter_name(key: str, title: str) -> str:
    """A letter as staff know it: its title, and a reply's outcome."""
    from .models.choices import Outcome

    kind, _dot, outcome = key.partition(".")
    if kind != "reply":
        return title
    return f"{title}（{dict(Outcome.choices).get(outcome, '其他情形')}）"


class LetterTemplateForm(forms.ModelForm):
    key = forms.ChoiceField(label=_("letter"))

    class Meta:
        model = LetterTemplate
        fields = ["key", "agency", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20, "cols": 100})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        key = self.fields["key"]
        assert isinstance(key, forms.ChoiceField)
        key.choices = [
            (name, _letter_name(name, text.title))
            for name, text in shipped_defaults().items()
        ]

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        check_template(body)
        return body

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"]
        check_template(title)
        return title


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    """Edit the letters; each save goes through ``letter_template_save``, which
    records who made it. A template is not deleted here (no service does it): an
    agency's own template is changed back instead."""

    form = LetterTemplateForm
    list_display = ["title", "used_for", "agency", "updated_by", "updated_at"]
    list_filter = [("agency", admin.EmptyFieldListFilter)]
    search_fields = ["key", "title", "body"]
    list_select_related = ["agency", "updated_by"]

    @admin.display(description="适用情形", ordering="key")
    def used_for(self, template: LetterTemplate) -> str:
        """A reply's outcome (the replies share one title), not the key."""
        from .models.choices import Outcome

        kind, _dot, outcome = template.key.partition(".")
        if kind != "reply":
            return "—"
        return str(dict(Outcome.choices).get(outcome, "其他情形"))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: LetterTemplate, form: Any, change: bool
    ) -> None:
        saved = letter_template_save(
            acting_user=signed_in(request),
            key=obj.key,
            title=obj.title,
            body=obj.body,
            agency=obj.agency,
        )
        obj.pk = saved.pk
