"""Admin for applications (依申请公开): look up records, their deadline ledger and
letters, and edit the letter templates. The workflow's own pages come with the
staff workspace; here the steps that change an application are not editable, so
that each goes through its service (and its event)."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.admin import RegionListFilter
from gongkai.workdays.selectors import work_calendar

from .letters.templates import check_template, shipped_defaults
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
from .services import deadlines_recompute, letter_template_save


class OpenListFilter(admin.SimpleListFilter):
    """Open applications carry over into the next year (结转下年度继续办理)."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("Open")), ("closed", _("Closed"))]

    def queryset(self, request, queryset):
        if self.value() in ("open", "closed"):
            return queryset.filter(closed_on__isnull=self.value() == "open")
        return queryset


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CorrectionInline(_ReadOnlyInline):
    model = CorrectionRequest
    fields = ["notified_on", "items", "correct_by", "corrected_on", "notice_late"]


class ConsultationInline(_ReadOnlyInline):
    model = Consultation
    fields = ["kind", "party", "sent_on", "answer_due", "answered_on", "opinion"]


class FeeInline(_ReadOnlyInline):
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


class ExtensionInline(_ReadOnlyInline):
    model = Extension
    fields = ["kind", "days", "reason", "approved_by", "decided_on", "notified_on"]


class LetterInline(_ReadOnlyInline):
    model = Letter
    fields = ["number", "title", "issued_on", "file"]
    show_change_link = True


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = [
        "tracking_number",
        "agency",
        "received_on",
        "channel",
        "applicant_type",
        "status",
        "due_on",
        "outcome",
        "closed_on",
    ]
    list_filter = [
        OpenListFilter,
        "status",
        "outcome",
        "applicant_type",
        "channel",
        "extended",
        RegionListFilter,
    ]
    search_fields = ["tracking_number", "applicant_name", "description"]
    autocomplete_fields = ["agency", "applicant", "handler"]
    date_hierarchy = "received_on"
    list_select_related = ["agency"]
    readonly_fields = [
        "status",
        "stage",
        "due_on",
        "due_explanation",
        "history_evidence",
        "extended",
        "fee_amount",
        "reopened_from",
        "catalogue_item",
    ]
    inlines = [
        CorrectionInline,
        ConsultationInline,
        FeeInline,
        ExtensionInline,
        LetterInline,
    ]
    actions = ["recompute_due_dates"]

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
    def recompute_due_dates(self, request, queryset):
        result = deadlines_recompute(acting_user=request.user, calendar=work_calendar())
        messages.info(
            request,
            _("%(checked)d open applications checked, %(moved)d due dates moved.")
            % {"checked": result.checked, "moved": result.moved},
        )


@admin.register(Applicant)
class ApplicantAdmin(admin.ModelAdmin):
    list_display = ["name", "applicant_type", "id_kind", "phone", "email"]
    list_filter = ["applicant_type"]
    search_fields = ["name", "id_number", "phone", "email"]


class DeliveryInline(_ReadOnlyInline):
    model = Delivery
    fields = ["method", "delivered_on", "proof", "proof_file"]


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "recipient", "issued_on", "application"]
    search_fields = ["number", "application__tracking_number", "recipient"]
    date_hierarchy = "issued_on"
    readonly_fields = [f.name for f in Letter._meta.fields]
    inlines = [DeliveryInline]

    def has_add_permission(self, request):
        return False


class LetterTemplateForm(forms.ModelForm):
    key = forms.ChoiceField(label=_("letter"))

    class Meta:
        model = LetterTemplate
        fields = ["key", "agency", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20, "cols": 100})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(key, key) for key in shipped_defaults()]

    def clean_body(self):
        check_template(self.cleaned_data["body"])
        return self.cleaned_data["body"]

    def clean_title(self):
        check_template(self.cleaned_data["title"])
        return self.cleaned_data["title"]


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    """Edit the letters; each save is recorded with who made it."""

    form = LetterTemplateForm
    list_display = ["key", "title", "agency", "updated_by", "updated_at"]
    list_filter = [("agency", admin.EmptyFieldListFilter)]
    search_fields = ["key", "title", "body"]

    def save_model(self, request, obj, form, change):
        saved = letter_template_save(
            acting_user=request.user,
            key=obj.key,
            title=obj.title,
            body=obj.body,
            agency=obj.agency,
        )
        obj.pk = saved.pk
