"""The demo's reviews and lawsuits (行政复议、行政诉讼), one at each stage, against
applications of 兴义市应急管理局 (where the demo login works) and one of 青溪县:

- 复议 filed, its copy not yet received;
- 复议 served, its answer due within the next working days (the dashboard's card);
- 复议 served, its answer overdue (the dashboard's red card, ``gongkai remind``);
- 诉讼 answered, a hearing set;
- 复议 concluded 维持;
- 诉讼 concluded 纠正, which reopened its application with a fresh clock;
- at 青溪县人民政府, a lawsuit after review, served, its defence due soon.

Dates are counted back from today (the demo runs in December 2026) and kept in
the current year, whose report is not yet published. The directory of review
bodies of the region is filled too. Idempotent: a case with the demo's number is
left as it is. Made through the services (the system acts: ``acting_user`` None),
so each step has its event and its answer due date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications import services as applications
from gongkai.applications.models import Application
from gongkai.cases import services
from gongkai.cases.models import AdministrativeReview, Case, Litigation, ReviewBody

from .dates import workday_on_or_before
from .region import QIANXINAN_GOVERNMENT, QINGXI_GOVERNMENT, XINGYI_EMERGENCY

XINGYI_CITY = "xingyi"  # 兴义市人民政府

BODIES = (
    (XINGYI_CITY, "兴义市人民政府", ReviewBody.Kind.REVIEW),
    (XINGYI_CITY, "兴义市人民法院", ReviewBody.Kind.COURT),
    (QIANXINAN_GOVERNMENT, "黔西南布依族苗族自治州人民政府", ReviewBody.Kind.REVIEW),
    (QIANXINAN_GOVERNMENT, "黔西南布依族苗族自治州中级人民法院", ReviewBody.Kind.COURT),
    (QINGXI_GOVERNMENT, "青溪县人民法院", ReviewBody.Kind.COURT),
)


@dataclass(frozen=True)
class DemoCase:
    """One demo case: its application, then its steps, by working days before
    today (negative: after today)."""

    agency: str
    kind: str  # review / litigation
    number: str
    body: str
    applicant: str
    request: str
    filed: int
    served: int | None = None
    answered: int | None = None
    hearing: int | None = None
    concluded: int | None = None
    result: str = ""
    summary: str = ""
    after_review: bool = False
    facts: dict[str, str] = field(default_factory=dict)


CASES = (
    DemoCase(
        XINGYI_EMERGENCY,
        "review",
        "兴府复〔2026〕41号",
        "兴义市人民政府",
        "周世杰",
        "请公开2026年某煤矿安全生产事故的调查报告。",
        filed=3,
    ),
    DemoCase(
        XINGYI_EMERGENCY,
        "review",
        "兴府复〔2026〕38号",
        "兴义市人民政府",
        "龙玉兰",
        "请公开本镇2026年度森林防火专项资金的使用明细。",
        filed=8,
        served=6,
    ),
    DemoCase(
        XINGYI_EMERGENCY,
        "review",
        "兴府复〔2026〕35号",
        "兴义市人民政府",
        "杨光荣",
        "请公开某危险化学品经营单位的安全评价报告及行政许可材料。",
        filed=16,
        served=14,
    ),
    DemoCase(
        XINGYI_EMERGENCY,
        "litigation",
        "（2026）黔2301行初57号",
        "兴义市人民法院",
        "陈思远",
        "请公开2026年5月暴雨灾害损失核定的原始统计表。",
        filed=30,
        served=27,
        answered=20,
        hearing=-8,
    ),
    DemoCase(
        XINGYI_EMERGENCY,
        "review",
        "黔西南府复〔2026〕12号",
        "黔西南布依族苗族自治州人民政府",
        "王德才",
        "请公开应急管理局内部讨论某事故处理意见的会议记录。",
        filed=110,
        served=106,
        answered=98,
        concluded=70,
        result="upheld",
        summary="会议记录属于内部讨论记录，被申请人不予公开并无不当，维持。",
    ),
    DemoCase(
        XINGYI_EMERGENCY,
        "litigation",
        "（2026）黔2301行初21号",
        "兴义市人民法院",
        "刘海燕",
        "请公开2025年全市应急避难场所建设项目的验收资料。",
        filed=95,
        served=92,
        answered=85,
        hearing=60,
        concluded=12,
        result="corrected",
        summary="被告未尽检索义务，判决撤销原答复，责令六十日内重新答复。",
    ),
    DemoCase(
        QINGXI_GOVERNMENT,
        "litigation",
        "（2026）青行初9号",
        "青溪县人民法院",
        "赵文博",
        "请公开本县2026年征地补偿安置方案的批准文件。",
        filed=12,
        served=8,
        after_review=True,
    ),
)


def cases_demo_ensure(agencies: dict[str, Agency]) -> int:
    """Fill the directory of review bodies and make the demo's cases that are not
    there; how many cases were made."""
    today = timezone.localdate()
    made = 0
    with transaction.atomic():
        _bodies_ensure(agencies)
        for spec in CASES:
            agency = agencies.get(spec.agency)
            if agency is None or _exists(spec, agency):
                continue
            _make(spec, agency, today)
            made += 1
    return made


def _bodies_ensure(agencies: dict[str, Agency]) -> None:
    for key, name, kind in BODIES:
        region = agencies.get(key)
        if region is not None:
            ReviewBody.objects.get_or_create(region=region, name=name, kind=kind)


def _exists(spec: DemoCase, agency: Agency) -> bool:
    model = AdministrativeReview if spec.kind == "review" else Litigation
    return model.objects.filter(agency=agency, number=spec.number).exists()


def _on(today: date) -> Callable[[int], date]:
    """A day ``n`` working days before today, kept in this year."""
    first = workday_on_or_before(date(today.year, 1, 10))

    def day(n: int) -> date:
        found = workday_on_or_before(today)
        step = 1 if n >= 0 else -1
        for _ in range(abs(n)):
            found = found - timedelta(days=step)
            while found != workday_on_or_before(found):
                found -= timedelta(days=step)
        return max(found, first)

    return day


def _make(spec: DemoCase, agency: Agency, today: date) -> Case:
    day = _on(today)
    application = _application(spec, agency, day(spec.filed + 25), day(spec.filed + 5))
    common = {
        "acting_user": None,
        "agency": agency,
        "filed_on": day(spec.filed),
        "application": application,
        "number": spec.number,
        "body": spec.body,
    }
    case: Case
    if spec.kind == "review":
        case = services.review_file(**common)  # type: ignore[arg-type]
    else:
        case = services.litigation_file(after_review=spec.after_review, **common)  # type: ignore[arg-type]
    if spec.served is not None:
        services.case_serve(acting_user=None, case=case, served_on=day(spec.served))
    if spec.answered is not None:
        services.case_answer(
            acting_user=None, case=case, answered_on=day(spec.answered)
        )
    if spec.hearing is not None:
        services.case_schedule_hearing(
            acting_user=None, case=case, hearing_on=day(spec.hearing)
        )
    if spec.concluded is not None:
        services.case_conclude(
            acting_user=None,
            case=case,
            result=spec.result,
            concluded_on=day(spec.concluded),
            summary=spec.summary,
        )
    return case


def _application(
    spec: DemoCase, agency: Agency, received_on: date, closed_on: date
) -> Application:
    """The application the case is about, answered before the case was filed."""
    application = applications.application_register(
        acting_user=None,
        agency=agency,
        received_on=received_on,
        channel="in_person",
        applicant=applications.ApplicantDetails(
            name=spec.applicant, applicant_type="natural_person"
        ),
        description=spec.request,
    )
    return applications.application_decide(
        acting_user=None,
        application=application,
        outcome="withheld_process",
        closed_on=closed_on,
    )
