"""The staff forms of a gathered file: attach, review, and the three kinds of mark.
What is allowed is the service's to say; the forms only read the input."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.catalog.privacy import LABELS

from .grounds import GROUND_CHOICES
from .models import MarkKind, ReviewStatus


class AttachForm(forms.Form):
    file = forms.FileField(
        label="文件",
        help_text="PDF、Word（DOCX）、Excel（XLSX）或图片；原件只有工作人员可见。",
    )


class ReviewForm(forms.Form):
    status = forms.ChoiceField(label="审查结论", choices=ReviewStatus.choices)
    ground = forms.ChoiceField(
        label="不予公开的理由",
        choices=[("", "—"), *GROUND_CHOICES],
        required=False,
        help_text="不予公开时必填；部分公开的理由随每处遮盖填写。",
    )


class _MarkForm(forms.Form):
    """The page posts the mark's kind beside the form (``kind``). The ground has
    no default: a reason the applicant reads must be chosen, not left as the
    list's first (国家秘密)."""

    ground = forms.ChoiceField(
        label="遮盖的理由", choices=[("", "请选择"), *GROUND_CHOICES]
    )


class TermForm(_MarkForm):
    text = forms.CharField(
        label="要遮盖的文字",
        max_length=200,
        help_text="文件中所有出现之处都会被遮盖，如姓名、地址。",
    )


class FindingForm(_MarkForm):
    finding = forms.ChoiceField(label="号码种类", choices=list(LABELS.items()))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ground"].initial = "privacy"


class RegionForm(_MarkForm):
    page = forms.IntegerField(label="页码", min_value=1)
    x0 = forms.FloatField(label="左上角 x", min_value=0)
    y0 = forms.FloatField(label="左上角 y", min_value=0)
    x1 = forms.FloatField(label="右下角 x", min_value=0)
    y1 = forms.FloatField(label="右下角 y", min_value=0)


MARK_FORMS: dict[str, type[_MarkForm]] = {
    MarkKind.TERM: TermForm,
    MarkKind.FINDING: FindingForm,
    MarkKind.REGION: RegionForm,
}
