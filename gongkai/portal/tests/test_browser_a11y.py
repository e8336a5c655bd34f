"""Accessibility in a real browser (Debian's chromium via Playwright), as GB/T
37668-2019 asks of a government site, at 1366 px and on a 390-px phone.

- Every public page (found by following the site's own links from the home page) and
  the main workspace pages: axe-core (vendored, ``gongkai/static/vendor/axe-core``)
  finds no serious or critical violation, and the page never scrolls sideways.
- Keyboard only: a visitor searches by 索引号 and opens the item, applies online,
  tracks the application, and opens the phone's menu; no mouse.
- 长者模式 (适老化): larger text and stronger contrast, kept for the visitor's next
  page and next visit.

Screenshots of each page at both widths land in ``test-artifacts/screenshots/a11y/``
(git-ignored).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from gongkai.accounts.models import User
from gongkai.activities.models import Enquiry
from gongkai.agencies.models import Agency
from gongkai.catalog.models import Item
from gongkai.catalog.search.index import index_items
from gongkai.reports.builder import build_report
from gongkai.reports.formats import get_format
from gongkai.reports.models import ReportVersion
from gongkai.testing import factories

from .test_browser import CHROMIUM, SCREENSHOTS, _answer

# Each test here empties the database and the serialized rollback restores it as
# migrated: without the post_migrate receivers that would make the content types
# twice (the applicant's story explains it).
from .test_browser_applicant import _restored_as_migrated  # noqa: F401

AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"
SHOTS = SCREENSHOTS / "a11y"
PASSWORD = "a11y-password-1"
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
INDEX_NUMBER = "1152232904945541XM/2024-00031"
NOON = datetime(2025, 1, 20, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
# Where the walk does not go: staff pages, files, and what a link only downloads.
NOT_PAGES = re.compile(
    r"^/(workspace|admin|accounts|static|media)/|/files/|/letters/|/receipt/"
    r"|\.(docx|pdf|xlsx|json|txt|zip|csv)$"
)
MAX_PAGES = 60
# The elements that stick out of the page's width, outside any box of their own that
# scrolls: what makes the page scroll sideways.
TOO_WIDE = """() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    outer: for (const e of document.querySelectorAll("body *")) {
        if (e.getBoundingClientRect().right <= width + 1) continue;
        for (let a = e.parentElement; a; a = a.parentElement) {
            if (["auto", "scroll", "hidden"].includes(getComputedStyle(a).overflowX))
                continue outer;
        }
        found.push(e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
    }
    return found.slice(0, 3);
}"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(
        transaction=True,
        serialized_rollback=True,
        available_apps=list(settings.INSTALLED_APPS),
    ),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is needed"),
]


def _region() -> dict:
    county = factories.AgencyFactory(
        name="青溪县人民政府", level=Agency.Level.COUNTY, kind=Agency.Kind.GOVERNMENT
    )
    unit = factories.AgencyFactory(
        name="青溪县民政局", level=Agency.Level.COUNTY, parent=county
    )
    head = factories.UserFactory(
        username="head", role=User.Role.OFFICE_HEAD, agency=unit
    )
    head.set_password(PASSWORD)
    head.save()
    named = factories.ItemFactory(
        agency=unit,
        title="青溪县城乡最低生活保障实施办法",
        summary="明确低保对象的认定条件、保障标准和办理程序。",
        body="第一条 为了规范城乡最低生活保障工作，制定本办法。" * 5,
        index_number=INDEX_NUMBER,
        document_number="青民发〔2024〕31号",
        published_on=date(2024, 9, 2),
    )
    for n in range(1, 4):
        factories.ItemFactory(
            agency=unit,
            title=f"{n}月城乡低保资金发放情况",
            summary=f"公布{n}月城乡低保资金的发放户数和金额。",
            published_on=date(2024, n, 28),
        )
    factories.ItemChannelFactory(item=named)
    index_items(Item.objects.all())
    Enquiry.objects.create(
        agency=unit,
        mailbox="leader",
        reference="ZX00000001",
        asker_name="李四",
        asker_contact="lisi@example.com",
        subject="高龄津贴如何申请？",
        question="申请条件是什么？",
        publication_allowed=True,
        asked_at=NOON,
        answer="年满八十周岁的本县户籍老人，可向户籍所在地社区申请。",
        answered_on=date(2025, 1, 21),
        published_at=NOON,
    )
    snapshot = build_report(agency=unit, year=2024, fmt=get_format("2021")).to_dict()
    for cell in snapshot["cells"]:  # figures of a busy year: four digits to wrap
        if isinstance(cell["value"], int):
            cell["value"] = 1024
    ReportVersion.objects.create(
        agency=unit,
        year=2024,
        format="2021",
        number=1,
        snapshot=snapshot,
        sha256="a" * 64,
        published_at=NOON,
    )
    return {"county": county, "unit": unit, "item": named}


class Walk:
    """A browser at one width, checking each page it is sent to."""

    def __init__(self, browser, base: str, name: str, *, storage=None):
        width, height = WIDTHS[name]
        self.context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="zh-CN",
            storage_state=storage,
        )
        self.page = self.context.new_page()
        self.page.on("dialog", lambda dialog: dialog.accept())
        self.base = base
        self.name = name
        self.problems: list[str] = []
        SHOTS.mkdir(parents=True, exist_ok=True)

    def check(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, path
        self.check_here(path)

    def check_here(self, path: str) -> None:
        page = self.page
        slug = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "home"
        page.screenshot(path=str(SHOTS / f"{slug}-{self.name}.png"), full_page=True)
        wide = page.evaluate(
            "(e => e.scrollWidth - e.clientWidth)(document.documentElement)"
        )
        if wide > 0:
            culprits = ", ".join(page.evaluate(TOO_WIDE))
            self.problems.append(
                f"{path} ({self.name}): scrolls {wide} px sideways ({culprits})"
            )
        for violation in _axe(page):
            nodes = "; ".join(n["target"][0] for n in violation["nodes"][:3])
            self.problems.append(
                f"{path} ({self.name}): {violation['impact']} {violation['id']}: "
                f"{violation['help']} [{nodes}]"
            )

    def links(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all(
            "a[href]", "links => links.map(a => a.getAttribute('href'))"
        )
        found = []
        for href in hrefs:
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/"):
                continue
            if NOT_PAGES.search(parts.path):
                continue
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        return found

    def close(self) -> None:
        self.context.close()


def _axe(page) -> list[dict]:
    """axe-core's serious and critical violations of WCAG 2.1 A and AA."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """() => axe.run(document, {
            runOnly: {
                type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
            },
            resultTypes: ["violations"],
        })"""
    )
    return [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]


def _axe_sees_a_planted_fault(browser, live_server) -> None:
    """The check itself works: an image without a text alternative is reported."""
    walk = Walk(browser, live_server.url, "desktop")
    walk.page.goto(f"{live_server.url}/")
    walk.page.evaluate(
        """() => document.querySelector("main").appendChild(
            Object.assign(document.createElement("img"), {src: "/x.png"}))"""
    )
    assert "image-alt" in [v["id"] for v in _axe(walk.page)]
    walk.close()


def _pattern(path: str) -> str:
    """One page of each kind: ids and page numbers stand for any."""
    return re.sub(r"\d+", "N", path.split("?")[0]) + ("?" if "?" in path else "")


def _public_pages(walk: Walk, start: list[str]) -> list[str]:
    """The site's public pages, following its own links from ``start``."""
    seen: dict[str, str] = {}
    queue = list(start)
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if _pattern(path) in seen:
            continue
        response = walk.page.goto(walk.base + path)
        if response is None or response.status != 200:
            continue
        seen[_pattern(path)] = path
        queue += walk.links()
    return list(seen.values())


def _public_walk(browser, live_server, region: dict) -> list[str]:
    """Every public page at both widths: the problems found."""
    unit, item = region["unit"], region["item"]
    start = [
        "/",
        f"/catalog/?q={INDEX_NUMBER}",
        f"/agencies/{unit.pk}/reports/2024/",
        f"/catalog/{item.pk}/",
    ]
    desktop = Walk(browser, live_server.url, "desktop")
    pages = _public_pages(desktop, start)
    expected = {"/", "/catalog/", "/agencies/", "/reports/", "/apply/", "/track/"}
    assert expected <= set(pages), pages
    assert len(pages) >= 12, pages
    phone = Walk(browser, live_server.url, "phone")
    for walk in (desktop, phone):
        for path in pages:
            walk.check(path)
            if path != "/":
                assert walk.page.locator("nav.breadcrumbs").count() == 1, path
    desktop.close()
    phone.close()
    return desktop.problems + phone.problems


def _workspace_walk(browser, live_server, region: dict) -> list[str]:
    """The main staff pages at both widths: the problems found."""
    unit, item = region["unit"], region["item"]
    signing_in = Walk(browser, live_server.url, "desktop")
    signing_in.page.goto(f"{live_server.url}/accounts/login/")
    signing_in.page.fill("#id_username", "head")
    signing_in.page.fill("#id_password", PASSWORD)
    signing_in.page.click("main form button[type=submit]")
    signing_in.page.wait_for_url(f"{live_server.url}/workspace/**")
    storage = signing_in.context.storage_state()
    signing_in.close()
    pages = [
        "/workspace/",
        "/workspace/applications/",
        "/workspace/items/",
        f"/workspace/items/{item.pk}/",
        "/workspace/enquiries/",
        "/workspace/reports/",
        f"/workspace/reports/{unit.pk}/2024/",
    ]
    problems = []
    for name in WIDTHS:
        walk = Walk(browser, live_server.url, name, storage=storage)
        for path in pages:
            walk.check(path)
        problems += walk.problems
        walk.close()
    return problems


def _tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reached with the Tab key")


def _keyboard_journeys(browser, live_server, region: dict) -> list[str]:
    """Search, apply and track with the keyboard alone."""
    walk = Walk(browser, live_server.url, "desktop")
    page, base = walk.page, live_server.url

    # The first key reaches the skip link, which takes the focus to the content.
    page.goto(f"{base}/catalog/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # Searching: the 索引号 copied from a result finds the item first.
    _tab_to(page, "#q")
    page.keyboard.type(INDEX_NUMBER)
    page.keyboard.press("Enter")
    page.wait_for_url("**/catalog/?*")
    _tab_to(page, "main .list-items a")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/catalog/{region['item'].pk}/")
    assert "最低生活保障实施办法" in page.inner_text("h1")

    # Applying: from the list of agencies to the form, every field by keyboard.
    page.goto(f"{base}/apply/")
    _tab_to(page, f"main a[href='/agencies/{region['unit'].pk}/apply/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/agencies/{region['unit'].pk}/apply/")
    for selector, text in {
        "#id_name": "张小红",
        "#id_id_number": "522301199001011236",
        "#id_phone": "13800000000",
        "#id_description": "请公开2024年城乡低保资金发放汇总表",
        "#id_challenge_answer": _answer(page),
    }.items():
        _tab_to(page, selector)
        page.keyboard.type(text)
    _tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/apply/done/")
    number = page.inner_text("#tracking-number").strip()
    secret = page.inner_text("#tracking-secret").strip()

    # Tracking it.
    page.goto(f"{base}/track/")
    _tab_to(page, "#id_tracking_number")
    page.keyboard.type(number)
    _tab_to(page, "#id_secret")
    page.keyboard.type(secret)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/track/{number}/")
    assert number in page.inner_text("h1")
    walk.check_here(f"/track/{number}/")
    walk.close()
    return walk.problems


def _phone_menu(browser, live_server) -> None:
    """On a phone the menu folds behind a button the keyboard opens."""
    walk = Walk(browser, live_server.url, "phone")
    page = walk.page
    page.goto(f"{live_server.url}/")
    menu = page.locator("[data-menu-button]")
    assert menu.is_visible() and menu.get_attribute("aria-expanded") == "false"
    assert not page.locator("#site-nav a[href='/reports/']").is_visible()

    _tab_to(page, "[data-menu-button]")
    page.keyboard.press("Enter")

    assert menu.get_attribute("aria-expanded") == "true"
    _tab_to(page, "#site-nav a[href='/reports/']", limit=10)
    page.keyboard.press("Enter")
    page.wait_for_url("**/reports/")
    walk.close()


def _desktop_menu(browser, live_server) -> None:
    """On a desktop the menu is a plain row of links, no button."""
    walk = Walk(browser, live_server.url, "desktop")
    walk.page.goto(f"{live_server.url}/")
    assert not walk.page.locator("[data-menu-button]").is_visible()
    assert walk.page.locator("#site-nav a[href='/reports/']").is_visible()
    walk.close()


def _easy_reading(browser, live_server) -> list[str]:
    """长者模式: larger text and stronger contrast, on every page after, and on the
    next visit; and it stays accessible and within a phone's width."""
    walk = Walk(browser, live_server.url, "phone")
    page = walk.page
    page.goto(f"{live_server.url}/")
    size = "parseFloat(getComputedStyle(document.documentElement).fontSize)"
    normal = page.evaluate(size)
    _tab_to(page, "[data-easy-reading]")
    page.keyboard.press("Enter")
    toggle = page.locator("[data-easy-reading]")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.evaluate(size) >= normal * 1.2

    page.goto(f"{live_server.url}/catalog/")
    assert page.evaluate(size) >= normal * 1.2
    assert toggle.get_attribute("aria-pressed") == "true"
    walk.check_here("/catalog/?easy-reading")

    toggle.click()
    page.reload()
    assert page.evaluate(size) == normal
    walk.close()
    return walk.problems


# Of table 三 (the box holding the row 一、本年新收政府信息公开申请数量): how many of
# its figures wrap onto a second line, whether it scrolls in its own box, and where
# a row's label is once the figures are scrolled along.
TABLE_THREE = """() => {
    const label = [...document.querySelectorAll("th.gk-label")]
        .find(th => th.textContent.startsWith("一、本年新收"));
    const box = label.closest(".gk-table-wrap");
    const wrapped = [...box.querySelectorAll("td.gk-value")].filter(td => {
        const range = document.createRange();
        range.selectNodeContents(td);
        return range.getClientRects().length > 1;
    }).length;
    const scrolls = box.scrollWidth > box.clientWidth;
    box.scrollLeft = box.scrollWidth;
    const offset =
        label.getBoundingClientRect().left - box.getBoundingClientRect().left;
    return {wrapped, scrolls, offset: Math.round(offset)};
}"""


def _report_tables(browser, live_server, region: dict) -> None:
    """The published report on a screen: at 1366 px no figure wraps digit by
    digit; on a phone table 三 scrolls inside its own box, its row labels held at
    the box's left edge."""
    path = f"/agencies/{region['unit'].pk}/reports/2024/"
    for name in WIDTHS:
        walk = Walk(browser, live_server.url, name)
        walk.page.goto(live_server.url + path)
        found = walk.page.evaluate(TABLE_THREE)
        walk.close()
        assert found["wrapped"] == 0, (name, found)
        if name == "phone":
            assert found["scrolls"] and abs(found["offset"]) <= 2, found


def test_axe_runs_and_the_menu_fits_each_width(browser, live_server):
    region = _region()
    _axe_sees_a_planted_fault(browser, live_server)
    _phone_menu(browser, live_server)
    _desktop_menu(browser, live_server)
    _report_tables(browser, live_server, region)


def test_every_public_page_is_accessible_and_fits_a_phone(browser, live_server):
    problems = _public_walk(browser, live_server, _region())
    assert problems == [], "\n".join(problems)


def test_the_main_workspace_pages_are_accessible(browser, live_server):
    problems = _workspace_walk(browser, live_server, _region())
    assert problems == [], "\n".join(problems)


def test_a_keyboard_user_searches_applies_and_tracks(browser, live_server, settings):
    settings.GONGKAI_CHALLENGE_MIN_SECONDS = 0
    problems = _keyboard_journeys(browser, live_server, _region())
    assert problems == [], "\n".join(problems)


def test_easy_reading_mode_is_kept_for_the_visitor(browser, live_server):
    problems = _easy_reading(browser, live_server)
    assert problems == [], "\n".join(problems)
