"""The portal's reads: what the public may see, and nothing else.

Every public page asks here, so "what is public" is decided in one place: a
catalogue item only once published (never a draft, nor a withdrawn item), an
enquiry only once answered and published, a report only as published (its frozen
version). Built on the ledger apps' selectors; the portal never writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet

from gongkai.activities import selectors as activities
from gongkai.activities.models import Enquiry
from gongkai.agencies.models import Agency, Guide
from gongkai.agencies.selectors import guide_for
from gongkai.applications import selectors as applications
from gongkai.applications.models import Application, Delivery, Letter
from gongkai.catalog import selectors as catalog
from gongkai.catalog.models import (
    Attachment,
    AttachmentKind,
    DocumentKind,
    Interpretation,
    InterpretationForm,
    Item,
    ItemChannel,
    PublicationChannel,
    Validity,
)
from gongkai.catalog.search import SearchFilters, SearchPage, SearchQuery, Sort, search
from gongkai.core.compiled import compiled, together
from gongkai.core.params import ID_MAX
from gongkai.portal.caching import kept_until_change
from gongkai.reports import selectors as reports
from gongkai.reports.models import ReportFile, ReportVersion


def items_public(agency: Agency | None = None) -> QuerySet[Item]:
    """Published catalogue items, newest first."""
    items = catalog.public_items()
    if agency is not None:
        items = items.filter(agency=agency)
    return items.select_related("agency").order_by("-published_on", "-pk")


ITEM_LISTED = ("title", "published_on", "document_number", "agency__name")


def items_listed(agency: Agency | None = None) -> QuerySet[Item]:
    """``items_public`` with only what a list of them shows (title, date, 文号,
    publishing agency): no body is read to be thrown away."""
    return items_public(agency).only(*ITEM_LISTED)


def item_public(item_id: int) -> Item | None:
    found = catalog.public_items().filter(pk=item_id).select_related("agency")
    return next(iter(found), None)  # by primary key: no order, no limit to build


# -- Rows read as values ----------------------------------------------------------
# The lists of the busiest pages read their rows as values, not models: a model row
# costs the ORM about twice the Python (the query compiled for the columns of a
# model, each row built into one), and these pages show a few fields of each.


@dataclass(frozen=True)
class Named:
    """An agency as a list names it."""

    pk: int
    name: str


@dataclass(frozen=True)
class ListedItem:
    """A row of a list of published items (``includes/item_list.html``)."""

    pk: int
    title: str
    published_on: date | None  # set on every public item; nullable in the model
    document_number: str
    agency: Named


@dataclass(frozen=True)
class ListedAnswer:
    """A row of a list of published answers."""

    pk: int
    subject: str
    answered_on: date | None
    agency: Named


# The reads of the home and item pages below are compiled once per process
# (``core.compiled``): their SQL is the same at every call but for an id.


def home_lists(
    items: int, answers: int
) -> tuple[list[ListedItem], list[ListedAnswer], list[Named]]:
    """What the home page lists: the ``items`` latest published items and the
    ``answers`` latest published answers (as ``items_listed`` and
    ``answers_listed`` list them), and the governments (``agencies_top``); read
    together (one round trip on PostgreSQL)."""
    latest, answered, governments = together(
        _items_latest.asked(count=items),
        _answers_latest.asked(count=answers),
        _agencies_top_named.asked(),
    )
    return (
        [
            ListedItem(pk, title, day, number, Named(agency_id, name))
            for pk, title, day, number, agency_id, name in latest
        ],
        [
            ListedAnswer(pk, subject, day, Named(agency_id, name))
            for pk, subject, day, agency_id, name in answered
        ],
        [Named(pk, name) for pk, name in governments],
    )


@compiled()
def _items_latest(*, count: int) -> QuerySet[Item, Any]:
    return items_public().values_list(
        "pk", "title", "published_on", "document_number", "agency_id", "agency__name"
    )[:count]


@compiled()
def _answers_latest(*, count: int) -> QuerySet[Enquiry, Any]:
    return answers_public().values_list(
        "pk", "subject", "answered_on", "agency_id", "agency__name"
    )[:count]


@compiled()
def _agencies_top_named() -> QuerySet[Agency, tuple[int, str]]:
    return agencies_top().values_list("pk", "name")


@dataclass(frozen=True)
class ListedFile:
    """An attachment as its item's page lists it: never the text read from it."""

    pk: int
    name: str
    kind_label: str
    size: int


@dataclass(frozen=True)
class ListedInterpretation:
    pk: int
    agency_id: int
    title: str
    form_label: str
    published_on: date | None  # filtered to published ones; nullable in the model


@dataclass(frozen=True)
class ListedChannel:
    label: str
    published_on: date | None


@dataclass(frozen=True)
class ShownItem:
    """A published item as its page shows it (the text read from its
    attachments, kept for the search, is not)."""

    pk: int
    agency: Named
    index_number: str | None
    title: str
    summary: str
    body: str
    publisher: str
    category: str
    subject: str
    genre: str
    keywords: str
    document_kind_label: str
    document_number: str
    formed_on: date
    published_on: date | None
    validity_label: str
    repealed_on: date | None

    @property
    def agency_id(self) -> int:
        return self.agency.pk


@dataclass(frozen=True)
class ItemPage:
    """What an item's page shows: the item, and what it lists beside it."""

    item: ShownItem
    attachments: list[ListedFile]
    interpretations: list[ListedInterpretation]
    channels: list[ListedChannel]


def _label(choices: type[models.TextChoices], value: str) -> str:
    """What ``get_FOO_display`` shows: the choice's label, else the value."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def item_page(item_id: int) -> ItemPage | None:
    """A published item with what its page lists, and only that: its
    attachments, its published interpretations and its other channels; four
    reads whatever it holds, together (one round trip on PostgreSQL)."""
    if not 0 < item_id <= ID_MAX:
        return None
    found, files, interpretations, channels = together(
        _item_shown.asked(item_id=item_id),
        _item_files.asked(item_id=item_id),
        _item_interpretations.asked(item_id=item_id),
        _item_channels.asked(item_id=item_id),
    )
    if not found:  # not published: what else was read is not shown
        return None
    row = dict(zip(ITEM_SHOWN, found[0], strict=True))
    agency = Named(row.pop("agency_id"), row.pop("agency__name"))
    kind, validity = row.pop("document_kind"), row.pop("validity")
    item = ShownItem(
        agency=agency,
        document_kind_label=_label(DocumentKind, kind) if kind else "",
        validity_label=_label(Validity, validity) if validity else "",
        **row,
    )
    return ItemPage(
        item=item,
        attachments=[
            ListedFile(pk, name, _label(AttachmentKind, kind), size)
            for pk, name, kind, size in files
        ],
        interpretations=[
            ListedInterpretation(
                pk, agency_id, title, _label(InterpretationForm, form), day
            )
            for pk, agency_id, title, form, day in interpretations
        ],
        channels=[
            ListedChannel(_label(PublicationChannel, channel), day)
            for channel, day in channels
        ],
    )


# An id no row has: the item's id in the reads compiled once (``core.compiled``).
_ANY_ITEM = -1


# An item's fields its page shows, as ``_item_shown`` reads them.
ITEM_SHOWN = (
    "pk",
    "agency_id",
    "agency__name",
    "index_number",
    "title",
    "summary",
    "body",
    "publisher",
    "category",
    "subject",
    "genre",
    "keywords",
    "document_kind",
    "document_number",
    "formed_on",
    "published_on",
    "validity",
    "repealed_on",
)


@compiled(item_id=_ANY_ITEM)
def _item_shown(*, item_id: int) -> QuerySet[Item, Any]:
    return catalog.public_items().filter(pk=item_id).values_list(*ITEM_SHOWN)


@compiled(item_id=_ANY_ITEM)
def _item_files(*, item_id: int) -> QuerySet[Attachment, tuple[int, str, str, int]]:
    return Attachment.objects.filter(item_id=item_id).values_list(
        "pk", "name", "kind", "size"
    )


@compiled(item_id=_ANY_ITEM)
def _item_interpretations(*, item_id: int) -> QuerySet[Interpretation, Any]:
    return (
        Interpretation.objects.filter(item_id=item_id, published_on__isnull=False)
        .order_by("published_on", "pk")
        .values_list("pk", "agency_id", "title", "form", "published_on")
    )


@compiled(item_id=_ANY_ITEM)
def _item_channels(*, item_id: int) -> QuerySet[ItemChannel, tuple[str, date]]:
    return (
        ItemChannel.objects.filter(item_id=item_id)
        .order_by("published_on")
        .values_list("channel", "published_on")
    )


def answers_public(agency: Agency | None = None) -> QuerySet[Enquiry]:
    ids = None if agency is None else [agency.pk]
    return activities.enquiries_published(agency_ids=ids)


def answers_listed(agency: Agency | None = None) -> QuerySet[Enquiry]:
    """``answers_public`` with only what a list of them shows."""
    return answers_public(agency).only("subject", "answered_on", "agency__name")


def agencies_top() -> QuerySet[Agency]:
    """The agencies at the top of the tree (the governments a visitor starts from),
    with only their names."""
    return Agency.objects.filter(parent__isnull=True).order_by("path").only("name")


def agencies_all() -> QuerySet[Agency]:
    return Agency.objects.order_by("path")


# Lists of agencies (the agency list, the reports' index, the choice of agency to
# apply to, the catalogue's agency filter) show the whole tree while it is a
# county's or a city's; a province's or a country's (thousands of agencies, up to
# 100,000) would make each of those pages megabytes long, the filter on every
# search page.
WHOLE_TREE_AT_MOST = 300


def agencies_listed() -> QuerySet[Agency]:
    """The agencies the site's lists show (the agencies, the reports' index, the
    choice of agency to apply to):
    every one while there are at most ``WHOLE_TREE_AT_MOST``; beyond, those at
    the top and their units, each agency's own page listing its units in turn."""
    if whole_tree_listed():
        return agencies_all()
    return agencies_all().filter(
        Q(parent__isnull=True) | Q(parent__parent__isnull=True)
    )


def whole_tree_listed() -> bool:
    """Whether lists of agencies show every one (see ``WHOLE_TREE_AT_MOST``)."""
    count = kept_until_change("agency-count", Agency.objects.count)
    return count <= WHOLE_TREE_AT_MOST


def agency(agency_id: int, *, with_parent: bool = False) -> Agency | None:
    """The agency ``agency_id``, with its parent when the page names it."""
    found = Agency.objects.filter(pk=agency_id)
    if with_parent:
        found = found.select_related("parent")
    return next(iter(found), None)  # by primary key: no order, no limit to build


def published_reports(agency: Agency, *, region: bool = False) -> list[ReportVersion]:
    """The latest published version of each year's report (the agency's own, or
    with ``region`` its reports of its whole region), newest year first."""
    latest: dict[int, ReportVersion] = {}
    versions = ReportVersion.objects.filter(agency=agency, region=region).defer(
        "snapshot"
    )
    for version in versions.order_by("-year", "-number"):
        latest.setdefault(version.year, version)
    return list(latest.values())


def report_index() -> list[tuple[Agency, list[ReportVersion]]]:
    """The agencies listed (``agencies_listed``) with the latest published
    version of each year's report, newest year first: two queries, whatever the
    number of agencies."""
    latest: dict[int, dict[int, ReportVersion]] = {}
    listed = list(agencies_listed())
    versions = (
        ReportVersion.objects.filter(region=False, agency_id__in=[a.pk for a in listed])
        .defer("snapshot")
        .order_by("agency_id", "-year", "-number")
    )
    for version in versions:
        latest.setdefault(version.agency_id, {}).setdefault(version.year, version)
    return [(a, list(latest.get(a.pk, {}).values())) for a in listed]


def report_versions(
    agency: Agency, year: int, *, region: bool = False
) -> QuerySet[ReportVersion]:
    """Every published version of a year's report (of the region's, with
    ``region``), newest first."""
    return reports.report_versions(agency=agency, year=year, region=region)


@dataclass(frozen=True)
class ShownVersion:
    """A published version as its report's page shows it: never its snapshot (a
    region's runs to megabytes; the page shows the rendering kept under the
    hash, and ``version_snapshot`` reads it when that is missing)."""

    pk: int
    agency: Named
    format: str
    number: int
    sha256: str
    reason: str
    published_at: datetime


def published_versions(
    agency_id: int, year: int, *, region: bool = False
) -> list[ShownVersion]:
    """``report_versions`` by the agency's id, newest first, each with its
    agency's name: one query, compiled once (``core.compiled``)."""
    if not 0 < agency_id <= ID_MAX:  # a foreign key's lookup does not bound it
        return []
    return [
        ShownVersion(pk, Named(agency_id, name), *shown)
        for pk, name, *shown in _published_versions(
            agency_id=agency_id, year=year, region=region
        )
    ]


@compiled(agency_id=-1, year=32767)  # in the field's range, as no real year
def _published_versions(
    *, agency_id: int, year: int, region: bool
) -> QuerySet[ReportVersion, Any]:
    return (
        ReportVersion.objects.filter(agency_id=agency_id, year=year, region=region)
        .order_by("-number")
        .values_list(
            "pk", "agency__name", "format", "number", "sha256", "reason", "published_at"
        )
    )


def version_snapshot(version_pk: int) -> dict[str, Any]:
    """A published version's frozen report, as its JSON."""
    return ReportVersion.objects.values_list("snapshot", flat=True).get(pk=version_pk)


def application_tracked(tracking_number: str) -> Application | None:
    """An application by its tracking number, with what its page shows."""
    return (
        Application.objects.filter(tracking_number=tracking_number.strip().upper())
        .select_related("agency")
        .first()
    )


def application_letters(application: Application) -> QuerySet[Letter]:
    """The letters to the applicant, each with its service (送达) records."""
    return application.letters.order_by("issued_on", "pk").prefetch_related(
        "deliveries"
    )


def application_due_explained(application: Application) -> list:
    """How the due date was computed, line by line (empty before receipt)."""
    return applications.due_explained(application)


def application_served(application: Application) -> Delivery | None:
    """The reply's service (送达), once the decision is served."""
    return applications.decision_served(application)


def application_remedies(served: Delivery | None) -> list:
    """The last days to apply for review and to sue, from the reply's service
    (``application_served``; empty until the reply is served)."""
    return applications.remedy_windows_after(served)


def guide(agency: Agency) -> Guide | None:
    """The agency's guide (指南), or None when it has not written one."""
    return guide_for(agency)


def catalogue_categories(agency: Agency | None) -> list[str]:
    """The categories the catalogue's filter offers (the one scheme,
    ``gongkai.catalog.categories``): those holding published items within the
    agency and the agencies under it, or anywhere. Counting them reads every
    published item (20 ms over the demo's 14,000), and every search page offers
    the same: kept until the ledger changes."""

    def in_use() -> list[str]:
        ids = tuple(agency.subtree().values_list("pk", flat=True)) if agency else None
        return catalog.categories_in_use(agency_ids=ids)

    return kept_until_change("categories", in_use, agency.pk if agency else "")


def agency_choices(chosen: Agency | None) -> list[tuple[int, str]]:
    """The agency filter's options, each indented under its parent: every agency
    while there are at most ``WHOLE_TREE_AT_MOST``; beyond, the agencies at the
    top and the units of each agency from the top down to the one chosen, so that
    a visitor narrows a search a level at a time. The same on every search page
    with the same choice: kept until the ledger changes."""
    if whole_tree_listed():
        return kept_until_change("agency-choices", _indented_agencies)
    opened = chosen.lineage_ids() if chosen else []
    return kept_until_change(
        "agency-choices-opened", lambda: _indented_agencies(opened), *opened
    )


def _indented_agencies(opened: list[int] | None = None) -> list[tuple[int, str]]:
    """Every agency, or those at the top and under the ``opened`` ones."""
    agencies = agencies_all().only("name", "path")
    if opened is not None:
        agencies = agencies.filter(Q(parent__isnull=True) | Q(parent_id__in=opened))
    return [(a.pk, "\u3000" * a.depth + a.name) for a in agencies]


def catalogue_search(
    *,
    text: str,
    agency: Agency | None,
    category: str,
    year: int | None,
    sort: str,
    page: int,
    per_page: int,
) -> SearchPage:
    """Published items matching every word of ``text`` (all of them when empty),
    within an agency and the agencies under it when one is given."""
    ids = tuple(agency.subtree().values_list("pk", flat=True)) if agency else None
    filters = SearchFilters(agency_ids=ids, category=category, year=year)
    query = SearchQuery(
        text=text, filters=filters, sort=Sort(sort), page=page, per_page=per_page
    )
    return search(query)


def stored_report_file(
    agency_id: int, year: int, extension: str, *, region: bool, number: str | None
) -> ReportFile | None:
    """The stored ``extension`` file of a published report (the version
    ``number``, else the latest), with its version and agency, in one query; None
    when it is not stored yet (the download view then renders and stores it)."""
    files = ReportFile.objects.filter(
        version__agency_id=agency_id,
        version__year=year,
        version__region=region,
        extension=extension,
    ).select_related("version__agency")
    files = files.defer("version__snapshot")
    if number:
        if not number.isdigit():
            return None
        return files.filter(version__number=int(number)).first()
    latest = (
        ReportVersion.objects.filter(agency_id=agency_id, year=year, region=region)
        .order_by("-number")
        .values("number")[:1]
    )
    return files.filter(version__number=latest).first()
