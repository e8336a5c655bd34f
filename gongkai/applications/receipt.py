"""When an application counts as received (收到申请之日). No Django here.

《政府信息公开条例》第三十一条:
(一) handed in person: the day it is handed in;
(二) by post: the day the agency signs for it; by ordinary letter, which nobody signs
     for, the office confirms with the applicant on the day it arrives, and the day
     of confirmation is the receipt day;
(三) online or by the office's fax: the day both sides confirm.

E-mail is a 数据电文 sent over the internet (第二十九条), so it is confirmed like an
online application. "Other" channels (an oral application written down by the
office, 第二十九条第一款) are received when written down, like one in person.
"""

from __future__ import annotations

CONFIRMED_CHANNELS = frozenset({"online", "fax", "email"})


def needs_confirmation(channel: str, *, signed_for: bool = False) -> bool:
    """Whether an application by ``channel`` is received only once confirmed."""
    if channel == "letter":
        return not signed_for
    return channel in CONFIRMED_CHANNELS


def receipt_rule(channel: str, *, signed_for: bool = False) -> str:
    """The rule that fixes the receipt day, as a letter or a log would cite it."""
    if channel == "letter":
        if signed_for:
            return "以签收之日为收到申请之日（第三十一条第二项）"
        return "平常信函，以与申请人确认之日为收到申请之日（第三十一条第二项）"
    if channel in CONFIRMED_CHANNELS:
        return "以双方确认之日为收到申请之日（第三十一条第三项）"
    return "以提交之日为收到申请之日（第三十一条第一项）"
