"""The stages of a review, lawsuit or complaint, declared with the one workflow
mechanism (``gongkai.core.workflow``).

A case's stage follows from its dates (``Case.stage``), so it is right for records
written without the workflow too; each step records one date, and the table says
from which stages it may be taken. Because the stage is read, not stored, the
services ask ``CASE_WORKFLOW.check`` and record the row's event themselves
(``Workflow.apply`` moves a stored state field).

Recording a case is the disclosure office's work on its agency's file, so every
step needs ``application.handle`` in the case's agency.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.accounts.permissions import Permission, authorize
from gongkai.core.workflow import Workflow, transition

from .models import Stage


class CaseStep(StrEnum):
    """What happens to a case after it is filed."""

    SERVE = "serve"  # the petition or complaint reaches the agency
    ANSWER = "answer"  # the agency's written answer or defence
    SCHEDULE_HEARING = "schedule_hearing"
    CONCLUDE = "conclude"  # 维持 / 纠正 / 其他
    ATTACH = "attach"  # a document of the case (副本、答复书、决定书…)


STAGE_NAMES: dict[str, str] = {
    Stage.FILED: "已立案",
    Stage.SERVED: "已收到副本",
    Stage.ANSWERED: "已答复或答辩",
    Stage.CONCLUDED: "已审结",
}

# Who may file a case and take its steps (the scope is the case's agency).
CASE_PERMISSION = Permission.APPLICATION_HANDLE

CASE_WORKFLOW = Workflow(
    noun="案件",
    state_names=STAGE_NAMES,
    authorize=authorize,
    state_field="stage",  # read from the dates: use ``check``, not ``apply``
    rows=(
        transition(
            CaseStep.SERVE,
            {Stage.FILED},
            Stage.SERVED,
            permission=CASE_PERMISSION,
            verb="case_served",
            label="收到申请书或起诉状副本",
        ),
        transition(
            CaseStep.ANSWER,
            {Stage.SERVED},
            Stage.ANSWERED,
            permission=CASE_PERMISSION,
            verb="case_answered",
            label="提交书面答复或答辩状",
        ),
        transition(
            CaseStep.SCHEDULE_HEARING,
            {Stage.SERVED, Stage.ANSWERED},
            None,
            permission=CASE_PERMISSION,
            verb="case_hearing_scheduled",
            label="安排审理或开庭",
        ),
        transition(
            CaseStep.CONCLUDE,
            {Stage.FILED, Stage.SERVED, Stage.ANSWERED},
            Stage.CONCLUDED,
            permission=CASE_PERMISSION,
            verb="case_concluded",
            label="审结",
        ),
        transition(
            CaseStep.ATTACH,
            {Stage.FILED, Stage.SERVED, Stage.ANSWERED, Stage.CONCLUDED},
            None,
            permission=CASE_PERMISSION,
            verb="case_document_added",
            label="上传案件材料",
        ),
    ),
)
