"""The respondent agency's time to answer a review or a lawsuit: the one rule.

行政复议 (《中华人民共和国行政复议法》，2023年9月1日修订，2024年1月1日施行):

- 第四十八条: the respondent answers in writing, with its evidence, "自收到行政复议
  申请书副本或者行政复议申请笔录复印件之日起十日内";
- 第五十四条: under the simplified procedure (简易程序) "五日内";
- 第八十八条: the law's periods of "三日""五日""七日""十日" are working days
  (工作日，不含法定休假日); other questions of counting follow the civil procedure
  law. So a review's answer is due on the 10th (5th) working day after the day the
  copy was received: the day of receipt is not counted.

行政诉讼 (《中华人民共和国行政诉讼法》):

- 第六十七条: the defendant files its evidence and defence (答辩状) "在收到起诉状
  副本之日起十五日内": calendar days;
- 第一百零一条 applies the civil procedure law to periods (期间): the day of receipt
  is not counted, and a period whose last day is a statutory holiday ends on the
  first working day after it (《中华人民共和国民事诉讼法》第八十五条). The same 15
  days apply to the answer to an appeal (二审), by the civil procedure law's rule on
  the appellee's answer, applied in the same way.

The numbers of days are settings (``GONGKAI_REVIEW_ANSWER_DAYS``,
``GONGKAI_REVIEW_SIMPLIFIED_ANSWER_DAYS``, ``GONGKAI_LITIGATION_DEFENCE_DAYS``;
docs/reference/settings.md), and so is whether a review's days are working days
(``GONGKAI_REVIEW_ANSWER_IN_WORKING_DAYS``), so that a reading of the law that
differs can be followed without a release.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from gongkai.workdays.selectors import work_calendar

REVIEW = "review"
LITIGATION = "litigation"


@dataclass(frozen=True)
class AnswerPeriod:
    days: int
    working_days: bool
    basis: str  # the articles, as a reader would cite them

    def text(self) -> str:
        unit = "个工作日" if self.working_days else "日"
        return f"收到副本之日起 {self.days} {unit}内（{self.basis}）"


def answer_period(kind: str, *, simplified: bool = False) -> AnswerPeriod | None:
    """The period the respondent has to answer a case of ``kind`` (``review`` or
    ``litigation``); None for a kind with no statutory answer (a complaint)."""
    if kind == REVIEW:
        if simplified:
            return AnswerPeriod(
                settings.GONGKAI_REVIEW_SIMPLIFIED_ANSWER_DAYS,
                settings.GONGKAI_REVIEW_ANSWER_IN_WORKING_DAYS,
                "《行政复议法》第五十四条、第八十八条",
            )
        return AnswerPeriod(
            settings.GONGKAI_REVIEW_ANSWER_DAYS,
            settings.GONGKAI_REVIEW_ANSWER_IN_WORKING_DAYS,
            "《行政复议法》第四十八条、第八十八条",
        )
    if kind == LITIGATION:
        return AnswerPeriod(
            settings.GONGKAI_LITIGATION_DEFENCE_DAYS,
            False,
            "《行政诉讼法》第六十七条、第一百零一条，《民事诉讼法》第八十五条",
        )
    return None


def answer_due(kind: str, served_on: date, *, simplified: bool = False) -> date | None:
    """The last day to answer a case of ``kind`` served on ``served_on``."""
    period = answer_period(kind, simplified=simplified)
    if period is None:
        return None
    calendar = work_calendar()
    if period.working_days:
        return calendar.nth_after(served_on, period.days)
    # Calendar days from the day after receipt; a last day off moves to the
    # first working day after it.
    return calendar.nth_after(served_on + timedelta(days=period.days), 0)
