"""What each status means to the applicant, and what happens next: one plain
sentence per status, the one place the tracking page (and anyone else) reads it
from. The periods named are the Regulation's (《政府信息公开条例》第三十条、
第三十一条、第三十三条) and the fee rules' (国办函〔2020〕109号)."""

from __future__ import annotations

from .models import Application, ApplicationStatus

S = ApplicationStatus

MEANINGS: dict[str, str] = {
    S.SUBMITTED: (
        "您的申请已提交，正等待本机关与您确认收到。确认之日为收到申请之日，"
        "答复期限自该日起计算；如本机关与您联系，请留意电话或邮件。"
    ),
    S.UNCONFIRMED: (
        "本机关未能与您确认收到这份申请，因此不作为政府信息公开申请处理。"
        "如仍需获取信息，请重新提交申请或与本机关联系。"
    ),
    S.RECEIVED: (
        "本机关已收到您的申请，正在办理。本机关将在答复期限内作出答复，"
        "答复书将出现在本页的信函中。"
    ),
    S.AWAITING_CORRECTION: (
        "本机关请您补正申请（见下方补正事项）。补正期间答复期限暂停计算；"
        "本机关收到补正后的申请之日起，答复期限重新计算。逾期不补正的，视为放弃申请。"
    ),
    S.CONSULTING: (
        "本机关正在就您的申请征求第三方或其他机关的意见，所需时间不计入答复期限。"
        "意见返回后，本机关继续办理并作出答复。"
    ),
    S.AWAITING_PAYMENT: (
        "本申请需缴纳信息处理费（见下方收费信息）。缴费期间答复期限暂停计算，"
        "本机关确认收到费用后继续办理；逾期未缴纳的，视为放弃申请。"
    ),
    S.CLOSED: (
        "本机关已办结您的申请，答复书见本页的信函。对答复有异议的，可以依法申请"
        "行政复议或者提起行政诉讼，各自的最后期限自答复书送达之日起计算，见本页。"
    ),
    S.REOPENED: (
        "您的申请经行政复议或诉讼被要求重新处理，本机关正在重新办理，"
        "将在规定期限内重新作出答复。"
    ),
}


def status_meaning(application: Application) -> str:
    """What the application's status means and what happens next."""
    return MEANINGS.get(application.status, "")
