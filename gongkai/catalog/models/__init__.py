"""Proactive disclosure (主动公开): catalogue items, where they were published, how
they were reviewed, and what hangs on them."""

from .choices import (
    AttachmentKind,
    Disclosure,
    DisclosureBasis,
    DocumentKind,
    ItemStatus,
    Origin,
    PublicationChannel,
    ReviewStep,
    Validity,
)
from .items import (
    Attachment,
    IndexCounter,
    IndexNumberChanged,
    Item,
    ItemChannel,
    ItemCorrection,
    ItemReview,
)
from .privacy import PrivacyPattern, PrivacyScan
from .related import ArchiveTransfer, Interpretation
from .search import SearchIndexBuild

__all__ = [
    "ArchiveTransfer",
    "Attachment",
    "AttachmentKind",
    "Disclosure",
    "DisclosureBasis",
    "DocumentKind",
    "IndexCounter",
    "IndexNumberChanged",
    "Interpretation",
    "Item",
    "ItemChannel",
    "ItemCorrection",
    "ItemReview",
    "ItemStatus",
    "Origin",
    "PrivacyPattern",
    "PrivacyScan",
    "PublicationChannel",
    "ReviewStep",
    "SearchIndexBuild",
    "Validity",
]
