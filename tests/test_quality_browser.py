"""Quality gates in Chromium: axe finds nothing, nothing leaves the site, the console stays clean.

One sweep loads every built page (both languages, discovered from the file tree) at 390 px
and 1280 px in the light and the dark palette, in the shared browser against the shared
server, and records what each gate needs; the tests then read that record. Each failure
names the page, the view, the rule and the element.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from site_pages import built_pages, page_language

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VIEWS = [(390, "light"), (1280, "light"), (390, "dark"), (1280, "dark")]
SCHEME = {"light": "default", "dark": "slate"}
"""Material's palette name for each colour scheme the browser reports."""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe rules whose outcome depends on the palette: the dark views run only these.

The palette is CSS only (the same HTML); every other rule already ran on the same page at the
same width in the light views. That halves the sweep's time.
"""
AXE_OPTIONS = {"resultTypes": ["violations"]}
"""Only violations carry their elements back: passes would be serialised for nothing."""
SEARCH = {"ja": "活性化関数", "en": "activation"}


@dataclass
class Sweep:
    violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    schemes: dict[str, str] = field(default_factory=dict)
    pages: int = 0
    search_results: dict[str, int] = field(default_factory=dict)


def _axe_findings(result: dict, where: str) -> list[str]:
    return [
        f"{where}: {v['id']} ({v['impact']}) on {node['target']}: "
        + " ".join(node.get("failureSummary", "").split())[:300]
        for v in result["violations"]
        for node in v["nodes"]
    ]


def _search(page: object, lang: str, sweep: Sweep, where: str, options: dict) -> None:
    """Open the search dialog, run a query and check the dialog with its results."""
    box = page.locator("input.md-search__input")
    box.click()  # at 1280 px the field is in the header; focusing it opens the dialog
    box.fill(SEARCH[lang])
    box.press("End")  # a key event makes Material run the query (fill alone may not)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    # Results fade in: let the animations finish, or axe measures half-transparent colours.
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
    sweep.search_results[lang] = results.count()
    found = page.evaluate("o => axe.run(document, o)", options)
    sweep.violations += _axe_findings(found, where + " search open")


def _listen(tab: object, site_host: str, result: Sweep, where: dict) -> None:
    """Record requests to other hosts, console errors, page errors and failed requests."""

    def request(r: object) -> None:
        if urlparse(r.url).netloc != site_host:
            result.requests.append(f"{where['now']}: {r.method} {r.url}")

    def console(m: object) -> None:
        if m.type == "error":
            result.console.append(f"{where['now']}: {m.text} @ {m.location.get('url')}")

    tab.on("request", request)
    tab.on("console", console)
    tab.on("pageerror", lambda e: result.console.append(f"{where['now']}: {e}"))

    def failed(r: object) -> None:
        # ERR_ABORTED: the sweep moved on to the next page while a search worker still loaded.
        if "ERR_ABORTED" not in (r.failure or ""):
            result.console.append(f"{where['now']}: request failed {r.url} ({r.failure})")

    tab.on("requestfailed", failed)


@pytest.fixture(scope="module")
def sweep(site: Path, server: str, browser: object) -> Sweep:
    assert AXE.exists(), f"{AXE} missing: run `make test` (it runs npm ci --ignore-scripts)"
    pages = built_pages(site)
    assert {"", "en/", "404.html"} <= set(pages), pages
    site_host = urlparse(server).netloc
    result = Sweep()
    where = {"now": ""}  # the page and view being loaded, for the listeners' messages
    for width, scheme in VIEWS:
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
        context.add_init_script(path=str(AXE))
        try:
            tab = context.new_page()
            _listen(tab, site_host, result, where)
            for page in pages:
                where["now"] = f"{page or '(home)'} @{width}px {scheme}"
                tab.goto(server + page, wait_until="load")
                result.schemes[where["now"]] = tab.evaluate("document.body.dataset.mdColorScheme")
                options = AXE_OPTIONS | ({"runOnly": COLOUR_RULES} if scheme == "dark" else {})
                found = tab.evaluate("o => axe.run(document, o)", options)
                result.violations += _axe_findings(found, where["now"])
                result.pages += 1
                if width == 1280 and page in ("", "en/"):
                    _search(tab, page_language(page), result, where["now"], options)
        finally:
            context.close()
    return result


def test_axe_finds_no_violations(sweep):
    assert sweep.violations == [], "\n".join(sweep.violations)


def test_every_page_was_seen_in_every_view_and_palette(sweep, site):
    """Guards the sweep itself: the dark views really showed the dark palette."""
    assert sweep.pages == len(VIEWS) * len(built_pages(site))
    wrong = [
        f"{where}: palette {got!r}"
        for where, got in sweep.schemes.items()
        if got != SCHEME[where.rsplit(" ", 1)[1]]
    ]
    assert wrong == [], "\n".join(wrong)
    assert sweep.search_results.get("ja", 0) > 0 and sweep.search_results.get("en", 0) > 0


def test_no_request_leaves_the_site(sweep):
    assert sweep.requests == [], "\n".join(sweep.requests)


def test_no_console_errors(sweep):
    assert sweep.console == [], "\n".join(sweep.console)
