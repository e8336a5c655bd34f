"""The reply clock, worked out by hand: every expected date below was counted on a
wall calendar with the State Council's holiday notices of 2019–2026, and the
reasoning is written beside it (n = the n-th working day counted; "off" = holiday;
"work" = a weekend day worked, 调休). Counting starts the day after receipt; a
pause from F to T keeps the working days after F up to T off the clock.
"""

from datetime import date

import pytest

from gongkai.applications.clock import (
    ClockInput,
    ClockState,
    Pause,
    PauseKind,
    explain,
    reckon,
)
from gongkai.workdays.package import package_calendar

D = date
THIRD = PauseKind.THIRD_PARTY
AGENCY = PauseKind.OTHER_AGENCY
FEE = PauseKind.FEE


@pytest.fixture(scope="module")
def calendar():
    return package_calendar()


def clock(received, **kwargs) -> ClockInput:
    pauses = tuple(
        Pause(kind, start, end) for kind, start, end in kwargs.pop("pauses", ())
    )
    return ClockInput(received_on=received, pauses=pauses, **kwargs)


CASES = [
    # -- Spring Festival, each year, with its 调休 weekends -----------------------
    (
        "2019 spring festival",
        clock(D(2019, 1, 25)),
        D(2019, 2, 27),
        "Fri 1/25 received; 1/28–2/1 n1–5; Sat 2/2 and Sun 2/3 work n6–7; 2/4–10 off; "
        "2/11–15 n8–12; 2/18–22 n13–17; 2/25–27 n18–20",
    ),
    (
        "2020 spring festival, the long one",
        clock(D(2020, 1, 16)),
        D(2020, 2, 20),
        "Thu 1/16; Fri 1/17 n1; Sun 1/19 work n2; 1/20–23 n3–6; 1/24–2/2 off; "
        "2/3–7 n7–11; 2/10–14 n12–16; 2/17–20 n17–20",
    ),
    (
        "2021 spring festival",
        clock(D(2021, 1, 29)),
        D(2021, 3, 3),
        "Fri 1/29; 2/1–5 n1–5; Sun 2/7 work n6; 2/8–10 n7–9; 2/11–17 off; 2/18–19 "
        "n10–11; Sat 2/20 work n12; 2/22–26 n13–17; 3/1–3 n18–20",
    ),
    (
        "2022 spring festival",
        clock(D(2022, 1, 17)),
        D(2022, 2, 17),
        "Mon 1/17; 1/18–21 n1–4; 1/24–28 n5–9; Sat 1/29 and Sun 1/30 work n10–11; "
        "1/31–2/6 off; 2/7–11 n12–16; 2/14–17 n17–20",
    ),
    (
        "2023 due on a 调休 Saturday",
        clock(D(2022, 12, 23)),
        D(2023, 1, 28),
        "Fri 12/23; 12/26–30 n1–5; 12/31–1/2 off (元旦); 1/3–6 n6–9; 1/9–13 n10–14; "
        "1/16–20 n15–19; 1/21–27 off (春节); Sat 1/28 work n20",
    ),
    (
        "2023 spring festival",
        clock(D(2023, 1, 10)),
        D(2023, 2, 10),
        "Tue 1/10; 1/11–13 n1–3; 1/16–20 n4–8; 1/21–27 off; Sat 1/28 and Sun 1/29 work "
        "n9–10; 1/30–2/3 n11–15; 2/6–10 n16–20",
    ),
    (
        "2024 spring festival",
        clock(D(2024, 1, 24)),
        D(2024, 2, 26),
        "Wed 1/24; 1/25–26 n1–2; 1/29–2/2 n3–7; Sun 2/4 work n8; 2/5–9 n9–13; "
        "2/10–17 off; Sun 2/18 work n14; 2/19–23 n15–19; Mon 2/26 n20",
    ),
    (
        "2025 spring festival",
        clock(D(2025, 1, 20)),
        D(2025, 2, 21),
        "Mon 1/20; 1/21–24 n1–4; Sun 1/26 work n5; Mon 1/27 n6; 1/28–2/4 off; "
        "2/5–7 n7–9; Sat 2/8 work n10; 2/10–14 n11–15; 2/17–21 n16–20",
    ),
    (
        "2026 spring festival",
        clock(D(2026, 2, 2)),
        D(2026, 3, 6),
        "Mon 2/2; 2/3–6 n1–4; 2/9–13 n5–9; Sat 2/14 work n10; 2/15–23 off; "
        "2/24–27 n11–14; Sat 2/28 work n15; 3/2–6 n16–20",
    ),
    # -- National Day, each year ------------------------------------------------
    (
        "2019 national day",
        clock(D(2019, 9, 20)),
        D(2019, 10, 23),
        "Fri 9/20; 9/23–27 n1–5; Sun 9/29 work n6; Mon 9/30 n7; 10/1–7 off; "
        "10/8–11 n8–11; Sat 10/12 work n12; 10/14–18 n13–17; 10/21–23 n18–20",
    ),
    (
        "2019 received on a holiday",
        clock(D(2019, 10, 7)),
        D(2019, 11, 1),
        "Mon 10/7 (off); 10/8–11 n1–4; Sat 10/12 work n5; 10/14–18 n6–10; "
        "10/21–25 n11–15; 10/28–31 n16–19; Fri 11/1 n20",
    ),
    (
        "2020 national day, eight days",
        clock(D(2020, 9, 23)),
        D(2020, 10, 27),
        "Wed 9/23; 9/24–25 n1–2; Sun 9/27 work n3; 9/28–30 n4–6; 10/1–8 off; "
        "Fri 10/9 n7; Sat 10/10 work n8; 10/12–16 n9–13; 10/19–23 n14–18; "
        "10/26–27 n19–20",
    ),
    (
        "2021 mid-autumn and national day",
        clock(D(2021, 9, 15)),
        D(2021, 10, 19),
        "Wed 9/15; 9/16–17 n1–2; Sat 9/18 work n3; 9/19–21 off; 9/22–24 n4–6; "
        "Sun 9/26 work n7; 9/27–30 n8–11; 10/1–7 off; Fri 10/8 n12; Sat 10/9 work "
        "n13; 10/11–15 n14–18; 10/18–19 n19–20",
    ),
    (
        "2022 national day, two days worked after",
        clock(D(2022, 9, 9)),
        D(2022, 10, 13),
        "Fri 9/9; 9/10–12 off (中秋, with the weekend); 9/13–16 n1–4; 9/19–23 n5–9; "
        "9/26–30 n10–14; 10/1–7 off; Sat 10/8 and Sun 10/9 work n15–16; "
        "10/10–13 n17–20",
    ),
    (
        "2023 mid-autumn joined to national day",
        clock(D(2023, 9, 18)),
        D(2023, 10, 20),
        "Mon 9/18; 9/19–22 n1–4; 9/25–28 n5–8; 9/29–10/6 off; Sat 10/7 and Sun 10/8 "
        "work n9–10; 10/9–13 n11–15; 10/16–20 n16–20",
    ),
    (
        "2024 mid-autumn and national day",
        clock(D(2024, 9, 10)),
        D(2024, 10, 14),
        "Tue 9/10; 9/11–13 n1–3; Sat 9/14 work n4; 9/15–17 off; 9/18–20 n5–7; "
        "9/23–27 n8–12; Sun 9/29 work n13; Mon 9/30 n14; 10/1–7 off; 10/8–11 "
        "n15–18; Sat 10/12 work n19; Mon 10/14 n20",
    ),
    (
        "2025 national day, eight days",
        clock(D(2025, 9, 26)),
        D(2025, 10, 30),
        "Fri 9/26; Sun 9/28 work n1; 9/29–30 n2–3; 10/1–8 off; 10/9–10 n4–5; "
        "Sat 10/11 work n6; 10/13–17 n7–11; 10/20–24 n12–16; 10/27–30 n17–20",
    ),
    (
        "2026 mid-autumn and national day",
        clock(D(2026, 9, 15)),
        D(2026, 10, 19),
        "Tue 9/15; 9/16–18 n1–3; Sun 9/20 work n4; 9/21–24 n5–8; 9/25–27 off; "
        "9/28–30 n9–11; 10/1–7 off; 10/8–9 n12–13; Sat 10/10 work n14; "
        "10/12–16 n15–19; Mon 10/19 n20",
    ),
    # -- other holidays, year ends, weekends ------------------------------------
    (
        "2020 new year and the 2020 spring festival make-up day",
        clock(D(2019, 12, 23)),
        D(2020, 1, 20),
        "Mon 12/23; 12/24–27 n1–4; 12/30–31 n5–6; 1/1 off; 1/2–3 n7–8; 1/6–10 "
        "n9–13; 1/13–17 n14–18; Sun 1/19 work n19; Mon 1/20 n20",
    ),
    (
        "2022 new year",
        clock(D(2021, 12, 16)),
        D(2022, 1, 14),
        "Thu 12/16; Fri 12/17 n1; 12/20–24 n2–6; 12/27–31 n7–11; 1/1–3 off; "
        "1/4–7 n12–15; 1/10–14 n16–20",
    ),
    (
        "2025 new year",
        clock(D(2024, 12, 23)),
        D(2025, 1, 21),
        "Mon 12/23; 12/24–27 n1–4; 12/30–31 n5–6; 1/1 off; 1/2–3 n7–8; 1/6–10 "
        "n9–13; 1/13–17 n14–18; 1/20–21 n19–20",
    ),
    (
        "received on a Sunday, 2024 清明",
        clock(D(2024, 3, 17)),
        D(2024, 4, 15),
        "Sun 3/17; 3/18–22 n1–5; 3/25–29 n6–10; 4/1–3 n11–13; 4/4–6 off; Sun 4/7 "
        "work n14; 4/8–12 n15–19; Mon 4/15 n20",
    ),
    (
        "2024 labour day",
        clock(D(2024, 4, 18)),
        D(2024, 5, 17),
        "Thu 4/18; Fri 4/19 n1; 4/22–26 n2–6; Sun 4/28 work n7; 4/29–30 n8–9; "
        "5/1–5 off; 5/6–10 n10–14; Sat 5/11 work n15; 5/13–17 n16–20",
    ),
    (
        "2025 dragon boat",
        clock(D(2025, 5, 15)),
        D(2025, 6, 13),
        "Thu 5/15; Fri 5/16 n1; 5/19–23 n2–6; 5/26–30 n7–11; 5/31–6/2 off; "
        "6/3–6 n12–15; 6/9–13 n16–20",
    ),
    (
        "2024, due on a 调休 Sunday",
        clock(D(2024, 1, 8)),
        D(2024, 2, 4),
        "Mon 1/8; 1/9–12 n1–4; 1/15–19 n5–9; 1/22–26 n10–14; 1/29–2/2 n15–19; "
        "Sun 2/4 work n20",
    ),
    (
        "2024, counting from the receipt day itself",
        clock(D(2024, 1, 8), count_from_next_day=False),
        D(2024, 2, 2),
        "same-day setting: Mon 1/8 n1; 1/8–12 n1–5; 1/15–19 n6–10; 1/22–26 n11–15; "
        "1/29–2/2 n16–20",
    ),
    (
        "2027 not yet entered: the law's holidays, provisional",
        clock(D(2026, 12, 14)),
        D(2027, 1, 12),
        "Mon 12/14; 12/15–18 n1–4; 12/21–25 n5–9; 12/28–31 n10–13; Fri 1/1/2027 "
        "元旦 skipped (fixed by the 放假办法 although 2027 is unknown); 1/4–8 "
        "n14–18; Mon 1/11 n19; Tue 1/12 n20",
    ),
    # -- 补正: the period runs anew from the corrected application (第三十条) ------
    (
        "补正 restart before national day 2024",
        clock(D(2024, 9, 2), corrected_on=D(2024, 9, 20)),
        D(2024, 10, 23),
        "restart Fri 9/20; 9/23–27 n1–5; Sun 9/29 work n6; Mon 9/30 n7; 10/1–7 off; "
        "10/8–11 n8–11; Sat 10/12 work n12; 10/14–18 n13–17; 10/21–23 n18–20",
    ),
    (
        "补正 restart on the eve of spring festival 2021",
        clock(D(2021, 1, 25), corrected_on=D(2021, 2, 10)),
        D(2021, 3, 16),
        "restart Wed 2/10; 2/11–17 off; 2/18–19 n1–2; Sat 2/20 work n3; 2/22–26 "
        "n4–8; 3/1–5 n9–13; 3/8–12 n14–18; 3/15–16 n19–20",
    ),
    (
        "补正 restart, then a consultation, due on a 调休 Sunday 2022",
        clock(
            D(2022, 3, 7),
            corrected_on=D(2022, 3, 14),
            pauses=[(THIRD, D(2022, 3, 18), D(2022, 3, 31))],
        ),
        D(2022, 4, 24),
        "restart Mon 3/14; 3/15–18 n1–4; paused 3/19–31; Fri 4/1 n5; Sat 4/2 work n6; "
        "4/3–5 off (清明); 4/6–8 n7–9; 4/11–15 n10–14; 4/18–22 n15–19; Sun 4/24 "
        "work n20",
    ),
    (
        "a pause before the correction does not count twice",
        clock(
            D(2023, 3, 1),
            corrected_on=D(2023, 3, 10),
            pauses=[(THIRD, D(2023, 3, 2), D(2023, 3, 8))],
        ),
        D(2023, 4, 10),
        "the pause ended before the restart on Fri 3/10; 3/13–17 n1–5; 3/20–24 "
        "n6–10; 3/27–31 n11–15; 4/3–4 n16–17; 4/5 off (清明); 4/6–7 n18–19; "
        "Mon 4/10 n20",
    ),
    # -- consultations (第三十二条、第三十四条、第三十三条第三款) ---------------------
    (
        "third-party consultation",
        clock(D(2023, 3, 6), pauses=[(THIRD, D(2023, 3, 10), D(2023, 3, 24))]),
        D(2023, 4, 18),
        "Mon 3/6; 3/7–10 n1–4; paused 3/11–24; 3/27–31 n5–9; 4/3–4 n10–11; 4/5 off; "
        "4/6–7 n12–13; 4/10–14 n14–18; 4/17–18 n19–20",
    ),
    (
        "other-agency consultation over national day 2023",
        clock(D(2023, 9, 11), pauses=[(AGENCY, D(2023, 9, 20), D(2023, 10, 11))]),
        D(2023, 10, 30),
        "Mon 9/11; 9/12–15 n1–4; 9/18–20 n5–7; paused 9/21–10/11; 10/12–13 n8–9; "
        "10/16–20 n10–14; 10/23–27 n15–19; Mon 10/30 n20",
    ),
    (
        "two overlapping consultations are one pause",
        clock(
            D(2025, 3, 3),
            pauses=[
                (THIRD, D(2025, 3, 5), D(2025, 3, 14)),
                (AGENCY, D(2025, 3, 10), D(2025, 3, 20)),
            ],
        ),
        D(2025, 4, 16),
        "Mon 3/3; 3/4–5 n1–2; paused 3/6–20; Fri 3/21 n3; 3/24–28 n4–8; 3/31 n9; "
        "4/1–3 n10–12; 4/4–6 off; 4/7–11 n13–17; 4/14–16 n18–20",
    ),
    (
        "two separate consultations",
        clock(
            D(2025, 3, 3),
            pauses=[
                (THIRD, D(2025, 3, 4), D(2025, 3, 6)),
                (AGENCY, D(2025, 3, 11), D(2025, 3, 13)),
            ],
        ),
        D(2025, 4, 7),
        "Mon 3/3; Tue 3/4 n1; paused 3/5–6; Fri 3/7 n2; 3/10–11 n3–4; paused "
        "3/12–13; Fri 3/14 n5; 3/17–21 n6–10; 3/24–28 n11–15; 3/31 n16; 4/1–3 "
        "n17–19; 4/4–6 off; Mon 4/7 n20",
    ),
    (
        "a consultation sent the day the application came",
        clock(D(2025, 3, 3), pauses=[(THIRD, D(2025, 3, 3), D(2025, 3, 10))]),
        D(2025, 4, 8),
        "Mon 3/3 received and consulted; paused 3/4–10; 3/11–14 n1–4; 3/17–21 n5–9; "
        "3/24–28 n10–14; 3/31 n15; 4/1–3 n16–18; 4/4–6 off; 4/7–8 n19–20",
    ),
    (
        "a consultation sent after the due date does not move it",
        clock(D(2025, 3, 3), pauses=[(THIRD, D(2025, 4, 2), D(2025, 4, 20))]),
        D(2025, 3, 31),
        "Mon 3/3; 3/4–7 n1–4; 3/10–14 n5–9; 3/17–21 n10–14; 3/24–28 n15–19; "
        "Mon 3/31 n20, before the consultation",
    ),
    # -- extension (第三十三条第二款) and delay (第三十五条) --------------------------
    (
        "extension of 20 after mid-autumn and national day 2024",
        clock(D(2024, 9, 2), extension_days=20),
        D(2024, 11, 1),
        "Mon 9/2; 9/3–6 n1–4; 9/9–13 n5–9; Sat 9/14 work n10; 9/15–17 off; "
        "9/18–20 n11–13; 9/23–27 n14–18; Sun 9/29 work n19; Mon 9/30 n20 (the "
        "original due date); 10/1–7 off; 10/8–11 n21–24; Sat 10/12 work n25; "
        "10/14–18 n26–30; 10/21–25 n31–35; 10/28–31 n36–39; Fri 11/1 n40",
    ),
    (
        "extension of 10 with a consultation, over 清明 2026",
        clock(
            D(2026, 3, 2),
            extension_days=10,
            pauses=[(THIRD, D(2026, 3, 9), D(2026, 3, 13))],
        ),
        D(2026, 4, 20),
        "Mon 3/2; 3/3–6 n1–4; Mon 3/9 n5; paused 3/10–13; 3/16–20 n6–10; "
        "3/23–27 n11–15; 3/30–31 n16–17; 4/1–3 n18–20; 4/4–6 off; 4/7–10 n21–24; "
        "4/13–17 n25–29; Mon 4/20 n30",
    ),
    (
        "a delay under article 35, over 清明 2019",
        clock(D(2019, 3, 4), delay_days=15),
        D(2019, 4, 23),
        "Mon 3/4, 35 days; 3/5–8 n1–4; 3/11–15 n5–9; 3/18–22 n10–14; 3/25–29 "
        "n15–19; 4/1–4 n20–23; 4/5–7 off; 4/8–12 n24–28; 4/15–19 n29–33; "
        "4/22–23 n34–35",
    ),
    # -- fees: the clock stands still from notice to payment ---------------------
    (
        "fee notice to payment",
        clock(D(2025, 6, 9), pauses=[(FEE, D(2025, 6, 12), D(2025, 6, 23))]),
        D(2025, 7, 16),
        "Mon 6/9; 6/10–12 n1–3; paused 6/13–23; 6/24–27 n4–7; 6/30 n8; 7/1–4 n9–12; "
        "7/7–11 n13–17; 7/14–16 n18–20",
    ),
    (
        "fee pause and an extension of 5",
        clock(
            D(2025, 6, 9),
            extension_days=5,
            pauses=[(FEE, D(2025, 6, 12), D(2025, 6, 23))],
        ),
        D(2025, 7, 23),
        "as above to 7/16 n20; 7/17–18 n21–22; 7/21–23 n23–25",
    ),
    (
        "no pause at all, the same weeks",
        clock(D(2025, 6, 9)),
        D(2025, 7, 7),
        "Mon 6/9; 6/10–13 n1–4; 6/16–20 n5–9; 6/23–27 n10–14; 6/30 n15; 7/1–4 "
        "n16–19; Mon 7/7 n20",
    ),
]


@pytest.mark.parametrize(
    ("clock_input", "expected"),
    [pytest.param(c, e, id=name) for name, c, e, _reasoning in CASES],
)
def test_the_due_date_is_the_one_counted_by_hand(calendar, clock_input, expected):
    reckoning = reckon(clock_input, calendar)
    assert reckoning.state is ClockState.RUNNING
    assert reckoning.due == expected


def test_there_are_at_least_forty_hand_worked_cases():
    years = {c.received_on.year for _, c, _, _ in CASES}
    assert len(CASES) >= 40 and years >= set(range(2019, 2027))


def test_an_open_pause_stops_the_clock_with_the_days_left(calendar):
    """Mon 2025-03-03; 3/4–7 counted n1–4, consultation sent Fri 3/7 still open:
    16 working days left, no due date, never overdue."""
    reckoning = reckon(
        clock(D(2025, 3, 3), pauses=[(THIRD, D(2025, 3, 7), None)]), calendar
    )
    assert (reckoning.state, reckoning.due, reckoning.remaining) == (
        ClockState.PAUSED,
        None,
        16,
    )


def test_awaiting_correction_has_no_due_date(calendar):
    reckoning = reckon(clock(D(2025, 3, 3), awaiting_correction=True), calendar)
    assert reckoning.state is ClockState.AWAITING_CORRECTION
    assert reckoning.due is None


def test_a_year_not_yet_entered_is_provisional(calendar):
    assert reckon(clock(D(2026, 12, 14)), calendar).provisional
    assert not reckon(clock(D(2026, 11, 2)), calendar).provisional


def test_the_explanation_names_each_stretch_pause_and_holiday(calendar):
    """2025-09-26 with a third-party consultation 10/9–10/14 and 5 days more."""
    reckoning = reckon(
        clock(
            D(2025, 9, 26),
            extension_days=5,
            pauses=[(THIRD, D(2025, 10, 9), D(2025, 10, 14))],
        ),
        calendar,
    )
    steps = explain(reckoning, calendar)
    assert [s.kind for s in steps] == [
        "start",
        "period",
        "count",
        "pause",
        "count",
        "due",
    ]
    start, period, first, pause, second, due = steps
    assert start.text == "收到申请：2025年9月26日，自次日起计算。"
    assert "第三十一条" in start.article
    assert period.workdays == 25 and "延长 5 个" in period.text
    # 9/28 (Sun, work) n1, 9/29–30 n2–3, 10/1–8 off, 10/9 n4.
    assert (first.first, first.last, first.workdays) == (
        D(2025, 9, 27),
        D(2025, 10, 9),
        4,
    )
    assert (
        "跳过节假日 国庆节 2025年10月1日至2025年10月5日、中秋节 2025年10月6日"
        in first.text
    )
    assert "调休上班日照常计入 国庆节调休 2025年9月28日" in first.text
    # 10/10 Fri, 10/11 Sat (work), 10/13, 10/14: four working days off the clock.
    assert pause.workdays == 4 and "征求第三方意见" in pause.text
    assert "第三十二条" in pause.article
    # 21 more from 10/15: 10/15–17 n1–3, 10/20–24 n4–8, 10/27–31 n9–13,
    # 11/3–7 n14–18, 11/10–12 n19–21.
    assert (second.workdays, second.last) == (21, D(2025, 11, 12))
    assert due.last == D(2025, 11, 12) and due.details["calendar_version"]
