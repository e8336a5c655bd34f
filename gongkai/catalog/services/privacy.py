"""The privacy scan of an item before it is published (gongkai.catalog.privacy has
the detectors; this runs them over an item and keeps the result)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.catalog import privacy
from gongkai.catalog.models import Item, PrivacyPattern, PrivacyScan
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused

# The item's own text that is published, with the name a reviewer knows it by.
TEXT_FIELDS = (("title", "名称"), ("summary", "内容概述"), ("body", "正文"))
MAX_LISTED = 10  # findings named in a refusal; the scan keeps them all


def active_patterns() -> list[privacy.Pattern]:
    return [
        privacy.Pattern(name, regex)
        for name, regex in PrivacyPattern.objects.filter(active=True).values_list(
            "name", "pattern"
        )
    ]


def content_digest(item: Item) -> str:
    """A fingerprint of what would be published: its text and its files. A scan
    (and an override) holds for that content only."""
    digest = hashlib.sha256()
    for field, _ in TEXT_FIELDS:
        digest.update(getattr(item, field).encode() + b"\x00")
    for name, file_digest in item.attachments.order_by("id").values_list(
        "name", "digest"
    ):
        digest.update(f"{name}\x00{file_digest}\x00".encode())
    return digest.hexdigest()


def _findings(item: Item, patterns: list[privacy.Pattern]) -> list[dict[str, str]]:
    found = []
    for field, where in TEXT_FIELDS:
        for finding in privacy.scan(getattr(item, field), patterns):
            found.append(_entry(finding, where))
    for attachment in item.attachments.order_by("id"):
        for segment in attachment.segments:
            where = f"附件《{attachment.name}》{segment['where']}"
            found += [_entry(f, where) for f in privacy.scan(segment["text"], patterns)]
    return found


def _entry(finding: privacy.Finding, where: str) -> dict[str, str]:
    return {
        "kind": finding.kind,
        "label": finding.label,
        "where": where,
        "masked": finding.masked,
    }


def scan_item(item: Item) -> PrivacyScan:
    """The scan of the item's current content: the last one, when nothing has
    changed since, else a new one."""
    digest = content_digest(item)
    last = item.privacy_scans.filter(content_digest=digest).first()
    if last is not None:
        return last
    unscannable = [
        {"where": f"附件《{name}》", "problem": problem}
        for name, problem in item.attachments.filter(scannable=False).values_list(
            "name", "problem"
        )
    ]
    return PrivacyScan.objects.create(
        item=item,
        content_digest=digest,
        findings=_findings(item, active_patterns()),
        unscannable=unscannable,
    )


def describe(scan: PrivacyScan) -> str:
    """What a scan found, in one message for the person publishing."""
    lines = [f"{f['where']}：{f['label']} {f['masked']}" for f in scan.findings]
    lines += [f"{u['where']}：{u['problem']}" for u in scan.unscannable]
    more = len(lines) - MAX_LISTED
    listed = "；".join(lines[:MAX_LISTED]) + (f"；另有 {more} 处" if more > 0 else "")
    return f"隐私检查发现可能泄露个人信息的内容：{listed}。"


def privacy_gate(
    *, item: Item, acting_user: User | None, override_reason: str
) -> PrivacyScan:
    """Refuse to go on while the scan of the item's content finds something,
    unless a reviewer overrides it with a reason (recorded on the scan): personal
    information is not published (条例 第十五条)."""
    scan = scan_item(item)
    if not scan.blocks_publication:
        return scan
    if not override_reason.strip():
        raise Refused(
            describe(scan) + "请脱敏处理后再发布，或由审核人员说明理由后放行。",
            code="privacy",
        )
    if acting_user is None:
        raise Refused("隐私检查放行须由具名的审核人员作出。", code="privacy")
    authorize(acting_user, Permission.ITEM_PRIVACY_OVERRIDE, item.agency)
    scan.overridden_by = acting_user
    scan.overridden_at = timezone.now()
    scan.override_reason = override_reason.strip()
    scan.save(update_fields=["overridden_by", "overridden_at", "override_reason"])
    return scan


def scan_summary(scan: PrivacyScan) -> dict[str, Any]:
    """What an event keeps of a scan: counts and the override, never the numbers."""
    return {
        "privacy_scan": scan.pk,
        "findings": len(scan.findings),
        "unscannable": len(scan.unscannable),
        "override_reason": scan.override_reason,
    }


@transaction.atomic
def item_privacy_scan(*, acting_user: User | None, item: Item) -> PrivacyScan:
    """Scan an item now (staff may, at any time, to see what to redact)."""
    authorize(acting_user, Permission.ITEM_EDIT, item.agency)
    scan = scan_item(item)
    event_record(
        actor=acting_user,
        verb="item_privacy_scanned",
        target=item,
        data=scan_summary(scan),
    )
    return scan
