"""The review of one gathered file: its transition table (``core.workflow``).

Any reviewed file may be reviewed again until it is handed to the applicant
(``services.release_file_release``); from then on it is what the applicant has,
and the services refuse to change it."""

from __future__ import annotations

from gongkai.accounts.permissions import Permission, authorize
from gongkai.core.workflow import Workflow, transition

from .models import ReviewStatus as S

P = Permission.APPLICATION_HANDLE
VERB = "release_file_reviewed"

REVIEW = Workflow(
    noun="该文件",
    state_names=dict(S.choices),
    authorize=authorize,
    agency_of=lambda file: file.application.agency,
    rows=(
        transition(
            "release",
            {S.PENDING, S.PARTLY_RELEASED, S.WITHHELD},
            S.RELEASED,
            permission=P,
            verb=VERB,
            label="公开",
        ),
        transition(
            "release_partly",
            {S.PENDING, S.RELEASED, S.WITHHELD},
            S.PARTLY_RELEASED,
            permission=P,
            verb=VERB,
            label="部分公开",
        ),
        transition(
            "withhold",
            {S.PENDING, S.RELEASED, S.PARTLY_RELEASED},
            S.WITHHELD,
            permission=P,
            verb=VERB,
            label="不予公开",
        ),
        transition(
            "reopen",
            {S.RELEASED, S.PARTLY_RELEASED, S.WITHHELD},
            S.PENDING,
            permission=P,
            verb=VERB,
            label="重新审查",
        ),
    ),
)

# The step that leads to each review status.
STEP_TO: dict[str, str] = {
    S.RELEASED: "release",
    S.PARTLY_RELEASED: "release_partly",
    S.WITHHELD: "withhold",
    S.PENDING: "reopen",
}
