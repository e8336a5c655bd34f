"""Admin for administrative reviews, lawsuits and complaints about disclosure."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.admin import RegionListFilter

from .models import AdministrativeReview, Complaint, Litigation, Stage


class CaseAdmin(admin.ModelAdmin):
    """What every kind of case shares: a respondent, dates and a result.

    A case without a result is 尚未审结.
    """

    list_display = [
        "filed_on",
        "number",
        "agency",
        "application",
        "stage_display",
        "answer_due",
        "result",
        "concluded_on",
    ]
    list_filter = ["result", RegionListFilter]
    search_fields = ["agency__name", "application__tracking_number", "number"]
    readonly_fields = ["answer_due"]

    @admin.display(description=_("stage"))
    def stage_display(self, obj) -> str:
        return Stage(obj.stage).label

    autocomplete_fields = ["agency", "application"]
    date_hierarchy = "filed_on"
    list_select_related = ["agency", "application"]


@admin.register(AdministrativeReview)
class AdministrativeReviewAdmin(CaseAdmin):
    pass


@admin.register(Litigation)
class LitigationAdmin(CaseAdmin):
    list_display = [*CaseAdmin.list_display, "after_review"]
    list_filter = ["after_review", *CaseAdmin.list_filter]
    autocomplete_fields = [*CaseAdmin.autocomplete_fields, "review"]


@admin.register(Complaint)
class ComplaintAdmin(CaseAdmin):
    list_display = ["filed_on", "agency", "subject", "result", "concluded_on"]
    search_fields = [*CaseAdmin.search_fields, "subject"]
