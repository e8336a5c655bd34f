"""Every change to the catalogue: atomic, keyword-only, typed, authorised (the
acting user's role and scope, through ``gongkai.accounts.permissions``) before
anything happens, one event each; a change counted in a year whose report is
published only as an adjustment with a reason (``adjustment=``).

- items: ``item_record``, ``item_update``, ``item_attach``, ``item_detach``,
  ``item_redact``;
- the workflow (gongkai.catalog.workflow has its table): ``item_submit``,
  ``item_clear_secrecy``, ``item_pass_first_review``, ``item_pass_review``,
  ``item_publish`` (审发), ``item_return``, ``item_channels_add``,
  ``item_correct``, ``item_withdraw``;
- the privacy scan: ``item_privacy_scan`` (publication runs it by itself);
- ``interpretation_record``, ``interpretation_publish``,
  ``archive_transfer_record``;
- ``catalog_import`` (a whole file, or nothing); ``search_rebuild``;
- ``categories_adopt``: the one category scheme taken up by bulk-loaded items;
- ``due_dates_recompute``, when the working-day calendar changes.
"""

from gongkai.catalog.search import search_rebuild

from .categories import categories_adopt
from .due_dates import due_dates_recompute
from .imports import ImportResult, catalog_import
from .items import (
    ItemChanges,
    ItemDetails,
    item_attach,
    item_detach,
    item_record,
    item_redact,
    item_update,
)
from .privacy import item_privacy_scan
from .related import (
    archive_transfer_record,
    interpretation_publish,
    interpretation_record,
)
from .workflow import (
    item_channels_add,
    item_clear_secrecy,
    item_correct,
    item_pass_first_review,
    item_pass_review,
    item_publish,
    item_return,
    item_submit,
    item_withdraw,
)

__all__ = [
    "ImportResult",
    "ItemChanges",
    "ItemDetails",
    "archive_transfer_record",
    "catalog_import",
    "categories_adopt",
    "due_dates_recompute",
    "interpretation_publish",
    "interpretation_record",
    "item_attach",
    "item_channels_add",
    "item_clear_secrecy",
    "item_correct",
    "item_detach",
    "item_pass_first_review",
    "item_pass_review",
    "item_privacy_scan",
    "item_publish",
    "item_record",
    "item_redact",
    "item_return",
    "item_submit",
    "item_update",
    "item_withdraw",
    "search_rebuild",
]
