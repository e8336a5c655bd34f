"""Proactive disclosure (主动公开): catalogue items, where they were published, how
they were reviewed, and what hangs on them."""

from .categories import Category
from .choices import (
    AttachmentKind,
    Disclosure,
    DisclosureBasis,
    DocumentKind,
    InterpretationForm,
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
    "Category",
    "Disclosure",
    "DisclosureBasis",
    "DocumentKind",
    "IndexCounter",
    "IndexNumberChanged",
    "Interpretation",
    "InterpretationForm",
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
