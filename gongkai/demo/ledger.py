"""An agency's demo ledger, built in memory and then written idempotently.

The seed and synthetic modules only *describe* records (unsaved model instances
without their agency); ``ledger_write`` is the one place that touches the
database. Every record has a natural key (an index number, a tracking number, or
what a person would use to tell two records apart: date and title), and a record
whose key is already stored is left as it is: loading twice creates nothing the
second time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.db import models, transaction

from gongkai.accounts.models import User
from gongkai.activities.models import Activity, ActivityChannel
from gongkai.agencies.models import (
    Agency,
    AgencyYear,
    AttestedFigure,
    Meeting,
    QueryPoint,
    Training,
)
from gongkai.applications.models import Application
from gongkai.applications.synthetic import due_dates_set
from gongkai.cases.models import AdministrativeReview, Complaint, Litigation
from gongkai.catalog.models import ArchiveTransfer, Interpretation, Item, ItemChannel

M = TypeVar("M", bound=models.Model)


@dataclass
class ReviewSpec:
    """An administrative review of the application with ``tracking_number``."""

    tracking_number: str
    review: AdministrativeReview


@dataclass
class LitigationSpec:
    """A lawsuit about an application; after a review when ``review_filed_on``."""

    tracking_number: str
    litigation: Litigation
    review_filed_on: date | None = None


@dataclass
class Ledger:
    """Everything one agency did, over one or several years."""

    years: list[AgencyYear] = field(default_factory=list)
    query_points: list[QueryPoint] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    trainings: list[Training] = field(default_factory=list)
    attested: list[AttestedFigure] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    item_channels: list[tuple[str, ItemChannel]] = field(default_factory=list)
    interpretations: list[tuple[str | None, Interpretation]] = field(
        default_factory=list
    )
    archive_transfers: list[ArchiveTransfer] = field(default_factory=list)
    applications: list[Application] = field(default_factory=list)
    reviews: list[ReviewSpec] = field(default_factory=list)
    litigations: list[LitigationSpec] = field(default_factory=list)
    complaints: list[Complaint] = field(default_factory=list)
    activities: list[tuple[Activity, list[str]]] = field(default_factory=list)

    def add_item(self, item: Item, channels: Iterable[str] = ()) -> Item:
        """An item and the channels that carried it, all on its publication day."""
        self.items.append(item)
        if item.published_on is None:  # a draft was carried by no channel
            return item
        for channel in channels:
            self.item_channels.append(
                (
                    item.index_number or "",
                    ItemChannel(channel=channel, published_on=item.published_on),
                )
            )
        return item

    def add_activity(
        self, activity: Activity, channels: Iterable[str] = ()
    ) -> Activity:
        self.activities.append((activity, list(channels)))
        return activity

    def counts(self) -> dict[str, int]:
        """How many records of each kind, for the summary the command prints."""
        return {
            "items": len(self.items),
            "applications": len(self.applications),
            "cases": len(self.reviews) + len(self.litigations),
            "complaints": len(self.complaints),
            "activities": len(self.activities) + len(self.interpretations),
        }


@transaction.atomic
def ledger_write(
    agency: Agency, ledger: Ledger, *, attester: User | None = None
) -> int:
    """Store ``ledger`` for ``agency``; returns how many records were created.

    One transaction per agency: a failure leaves that agency as it was. Attested
    figures that name no one are attested by ``attester``.
    """
    created = Counter[str]()
    owned = {"agency": agency}
    for figure in ledger.attested:
        if figure.attested_by_id is None and attester is not None:
            figure.attested_by = attester
    for model, rows, key in (
        (AgencyYear, ledger.years, ("year",)),
        (QueryPoint, ledger.query_points, ("name",)),
        (Meeting, ledger.meetings, ("held_on", "title")),
        (Training, ledger.trainings, ("held_on", "title")),
        (AttestedFigure, ledger.attested, ("year", "key")),
        (ArchiveTransfer, ledger.archive_transfers, ("sent_on", "recipient")),
        (Complaint, ledger.complaints, ("filed_on", "subject")),
    ):
        created[model.__name__] = _ensure(model, _owned(rows, agency), key, owned)
    created["Item"] = _ensure(
        Item, _owned(ledger.items, agency), ("index_number",), owned
    )
    _write_catalogue_children(agency, ledger, created)
    created["Application"] = _ensure(
        Application, _owned(ledger.applications, agency), ("tracking_number",), owned
    )
    due_dates_set(agency)  # a derived field bulk_create leaves empty
    _write_cases(agency, ledger, created)
    _write_activities(agency, ledger, created)
    return sum(created.values())


def _write_catalogue_children(agency: Agency, ledger: Ledger, created: Counter) -> None:
    item_ids = dict(
        Item.objects.filter(agency=agency).values_list("index_number", "pk")
    )
    for index_number, row in ledger.item_channels:
        row.item_id = item_ids[index_number]
    created["ItemChannel"] = _ensure(
        ItemChannel,
        [row for _, row in ledger.item_channels],
        ("item_id", "channel"),
        {"item__agency": agency},
    )
    interpretations = []
    for explained, interpretation in ledger.interpretations:
        interpretation.item_id = item_ids[explained] if explained else None
        interpretations.append(interpretation)
    created["Interpretation"] = _ensure(
        Interpretation,
        _owned(interpretations, agency),
        ("published_on", "title"),
        {"agency": agency},
    )


def _write_cases(agency: Agency, ledger: Ledger, created: Counter) -> None:
    """Reviews first, then the lawsuits that may follow them."""
    application_ids = dict(
        Application.objects.filter(agency=agency).values_list("tracking_number", "pk")
    )
    for review in ledger.reviews:
        review.review.application_id = application_ids[review.tracking_number]
    created["AdministrativeReview"] = _ensure(
        AdministrativeReview,
        _owned([s.review for s in ledger.reviews], agency),
        ("application_id", "filed_on"),
        {"agency": agency},
    )
    review_ids = {
        (application_id, filed_on): pk
        for pk, application_id, filed_on in AdministrativeReview.objects.filter(
            agency=agency
        ).values_list("pk", "application_id", "filed_on")
    }
    for lawsuit in ledger.litigations:
        application_id = application_ids[lawsuit.tracking_number]
        lawsuit.litigation.application_id = application_id
        if lawsuit.review_filed_on is not None:
            lawsuit.litigation.review_id = review_ids[
                (application_id, lawsuit.review_filed_on)
            ]
            lawsuit.litigation.after_review = True
    created["Litigation"] = _ensure(
        Litigation,
        _owned([s.litigation for s in ledger.litigations], agency),
        ("application_id", "filed_on", "after_review"),
        {"agency": agency},
    )


def _write_activities(agency: Agency, ledger: Ledger, created: Counter) -> None:
    key = ("kind", "held_on", "title")
    created["Activity"] = _ensure(
        Activity,
        _owned([a for a, _ in ledger.activities], agency),
        key,
        {"agency": agency},
    )
    activity_ids = {
        tuple(row[:3]): row[3]
        for row in Activity.objects.filter(agency=agency).values_list(*key, "pk")
    }
    rows = [
        ActivityChannel(activity_id=activity_ids[_key(activity, key)], channel=channel)
        for activity, channels in ledger.activities
        for channel in channels
    ]
    created["ActivityChannel"] = _ensure(
        ActivityChannel, rows, ("activity_id", "channel"), {"activity__agency": agency}
    )


def _owned(rows: Sequence[M], agency: Agency) -> Sequence[M]:
    for row in rows:
        row.agency_id = agency.pk  # type: ignore[attr-defined]
    return rows


def _key(row: models.Model, fields: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(getattr(row, f) for f in fields)


def _ensure(
    model: type[M], rows: Sequence[M], key: tuple[str, ...], scope: dict[str, Any]
) -> int:
    """Create the ``rows`` whose natural ``key`` is not stored yet; returns how many.

    ``scope`` narrows the lookup to the agency's own records. Two rows of the same
    batch with one key are a bug in the demo data, not something to paper over.
    """
    wanted = Counter(_key(row, key) for row in rows)
    duplicates = [k for k, n in wanted.items() if n > 1]
    if duplicates:
        raise ValueError(f"{model.__name__}: duplicate demo keys {duplicates[:3]}")
    stored = set(model._default_manager.filter(**scope).values_list(*key))
    missing = [row for row in rows if _key(row, key) not in stored]
    model._default_manager.bulk_create(missing, batch_size=500)
    return len(missing)
