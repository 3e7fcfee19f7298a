"""Quality gates in Chromium: axe finds nothing, nothing leaves the site, the console stays clean.

One pass loads every built page (both languages, discovered from the file tree) once per width,
390 px and 1280 px, in the shared browser against the shared server, and records what each gate
needs; the tests then read that record. On each page it runs axe-core in the light palette, then
switches to the dark palette in place and runs the colour rules again. It reaches every English
page by clicking the Japanese page's language switcher, searches from both home pages with words of
both languages, and records every request to another host, console error, page error and failed
request. Each failure names the page, the view, the rule and the element.

The two widths run side by side, one tab each (each in its own renderer process): while one tab's
axe computes, the other navigates or computes, so the pass uses both cores of the machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from site_pages import built_pages, counterpart, in_language, page_language

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = [390, 1280]
SEARCH_WIDTH = 1280
"""At this width the search field sits in the header, so focusing it opens the dialog."""
SCHEMES = {"light": "default", "dark": "slate"}
"""Material's palette for each colour scheme a browser can prefer."""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe rules whose outcome depends on the palette: the dark palette runs only these.

Material's palette is CSS keyed on ``body[data-md-color-scheme]`` (the same HTML), so each page
is loaded once per width, checked with every rule in the light palette, switched to the dark
one as Material's own toggle does, and checked again with these. A browser that prefers dark
gets the same palette on load: the pass checks that too, once per width.
"""
AXE_OPTIONS = {"resultTypes": ["violations"]}
"""Only violations carry their elements back: passes would be serialised for nothing."""
COLOUR_OPTIONS = AXE_OPTIONS | {"runOnly": COLOUR_RULES}
SEARCHES = [
    ("", "活性化関数", "functions/"),
    ("", "勾配消失", "functions/"),
    ("", "排他的論理和", "xor/"),
    ("en/", "activation", "en/"),
    ("en/", "vanishing", "en/functions/"),
    ("en/", "spreadsheet", "en/xor-network/"),
]
"""(home page searched from, query, a page its results must include): words of both languages.
The first query of each home also has its open dialog, with results, checked by axe."""
NAVIGATION_TIMEOUT_MS = 15_000
SEARCH_TIMEOUT_MS = 10_000
SET_SCHEME = """scheme => {
  // The theme fades colours over 250 ms; a reader loading the page in this palette never sees
  // the fade, so switch without it and measure the end state, not a blend.
  if (!document.getElementById("no-fade")) {
    const style = document.createElement("style");
    style.id = "no-fade";
    style.textContent = "*, *::before, *::after { transition: none !important; }";
    document.head.append(style);
  }
  document.body.setAttribute("data-md-color-scheme", scheme);
  return getComputedStyle(document.body).backgroundColor;
}"""
START_AXE = "o => { window.__axeRun = axe.run(document, o); }"
"""Starts axe without waiting for it, so the other tab can work meanwhile."""
AXE_RESULT = "() => window.__axeRun"
"""Waits for the run started by START_AXE and returns its result."""
HEADING = "() => [document.documentElement.lang, document.querySelector('h1')?.innerText ?? '']"


@dataclass
class Sweep:
    violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    """Requests to any host but the site's, with the page and view that made them."""
    site_requests: int = 0
    """Requests to the site itself: proves the request listener is attached."""
    console: list[str] = field(default_factory=list)
    backgrounds: dict[str, set[str]] = field(default_factory=dict)
    """Body background seen per palette: two distinct colours prove the switch took effect."""
    preferred: dict[str, str] = field(default_factory=dict)
    """Palette Material chose on load for a browser preferring each colour scheme."""
    seen: dict[str, list[str]] = field(default_factory=dict)
    """Pages checked by axe, per width, in the order visited."""
    headings: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Page -> (``lang`` of its <html>, text of its <h1>), as the browser shows them."""
    switched: dict[str, str] = field(default_factory=dict)
    """Page -> the URL its language switcher led to in the browser (a click, as a reader does)."""
    search_hits: dict[str, list[str]] = field(default_factory=dict)
    """Query -> the links of its results."""


def visiting_order(pages: list[str]) -> list[tuple[str, bool]]:
    """(page, reached by the previous page's switcher): each Japanese page, then its English one."""
    order: list[tuple[str, bool]] = []
    for page in pages:
        if page_language(page) == "en" and counterpart(page) in pages:
            continue  # visited right after its Japanese page
        order.append((page, False))
        if page_language(page) == "ja" and counterpart(page) in pages:
            order.append((counterpart(page), True))
    return order


def _axe_findings(result: dict, where: str) -> list[str]:
    return [
        f"{where}: {v['id']} ({v['impact']}) on {node['target']}: "
        + " ".join(node.get("failureSummary", "").split())[:300]
        for v in result["violations"]
        for node in v["nodes"]
    ]


def _axe(tab: object, sweep: Sweep, where: str, scheme: str) -> Iterator[None]:
    """Run axe in the palette shown; yields while it computes so the other tab can go on."""
    options = COLOUR_OPTIONS if scheme == "dark" else AXE_OPTIONS
    tab.evaluate(START_AXE, options)
    yield
    sweep.violations += _axe_findings(tab.evaluate(AXE_RESULT), where)


def _search(tab: object, home: str, sweep: Sweep, where: str) -> Iterator[None]:
    """Run each query of this home page in its search dialog; axe the dialog with results open."""
    box = tab.locator("input.md-search__input")
    results = tab.locator(".md-search-result__item")
    box.click()
    for i, (_, query, _) in enumerate(q for q in SEARCHES if q[0] == home):
        if i:  # empty the list first, so the links read below are this query's
            box.fill("")
            box.press("End")
            results.first.wait_for(state="detached")
        box.fill(query)
        box.press("End")  # a key event makes Material run the query (fill alone may not)
        try:
            results.first.wait_for(timeout=SEARCH_TIMEOUT_MS)
        except PlaywrightTimeout:  # no result: the test names the query; the other gates go on
            sweep.search_hits[query] = []
            continue
        links = tab.locator(".md-search-result__item a")
        sweep.search_hits[query] = [links.nth(n).get_attribute("href") or ""
                                    for n in range(links.count())]  # fmt: skip
        if i == 0:
            # Results fade in: let the animations finish, or axe measures half-transparent colours.
            tab.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
            for scheme, palette in SCHEMES.items():
                tab.evaluate(SET_SCHEME, palette)
                yield from _axe(tab, sweep, f"{where} {scheme}, search {query!r} open", scheme)
    tab.evaluate(SET_SCHEME, SCHEMES["light"])


def _listen(tab: object, site_host: str, result: Sweep, where: dict) -> object:
    """Record requests to other hosts, console errors, page errors and failed requests."""

    def request(r: object) -> None:
        if urlparse(r.url).netloc != site_host:
            result.requests.append(f"{where['now']}: {r.method} {r.url}")
        else:
            result.site_requests += 1

    def console(m: object) -> None:
        if m.type == "error":
            result.console.append(f"{where['now']}: {m.text} @ {m.location.get('url')}")

    tab.on("request", request)
    tab.on("console", console)
    tab.on("pageerror", lambda e: result.console.append(f"{where['now']}: {e}"))

    def failed(r: object) -> None:
        # ERR_ABORTED: the pass moved on to the next page while a search worker still loaded.
        if "ERR_ABORTED" not in (r.failure or ""):
            result.console.append(f"{where['now']}: request failed {r.url} ({r.failure})")

    tab.on("requestfailed", failed)
    return tab


def _lane(
    browser: object, server: str, width: int, order: list[tuple[str, bool]], result: Sweep
) -> Iterator[None]:
    """Everything checked at one width, in one tab; yields whenever axe runs in the page."""
    where = {"now": ""}  # the page and view being checked, for the listeners' messages
    site_host = urlparse(server).netloc
    for scheme in SCHEMES:  # what Material picks on load for each preference (a fresh browser:
        # Material remembers the palette it chose, so one context would only show the first)
        context = browser.new_context(viewport={"width": width, "height": 800},
                                      color_scheme=scheme)  # fmt: skip
        where["now"] = f"(home) @{width}px, browser prefers {scheme}"
        _listen(context.new_page(), site_host, result, where).goto(server, wait_until="load")
        palette = context.pages[0].evaluate("document.body.dataset.mdColorScheme")
        result.preferred[f"@{width}px {scheme}"] = palette
        context.close()
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        context.add_init_script(path=str(AXE))
        tab = _listen(context.new_page(), site_host, result, where)
        tab.set_default_timeout(NAVIGATION_TIMEOUT_MS)
        for page, by_switcher in order:
            where["now"] = f"{page or '(home)'} @{width}px"
            if by_switcher:
                link = tab.locator(f'a.md-select__link[hreflang="{page_language(page)}"]').first
                with tab.expect_navigation(wait_until="load"):
                    link.dispatch_event("click")
                result.switched[f"{counterpart(page)} @{width}px"] = tab.url
            if not by_switcher or tab.url != server + page:  # a wrong switcher: still check it
                tab.goto(server + page, wait_until="load")
            result.headings[page] = tuple(tab.evaluate(HEADING))
            for scheme, palette in SCHEMES.items():
                background = tab.evaluate(SET_SCHEME, palette)
                result.backgrounds.setdefault(scheme, set()).add(background)
                yield from _axe(tab, result, f"{where['now']} {scheme}", scheme)
            result.seen.setdefault(f"@{width}px", []).append(page)
            if width == SEARCH_WIDTH and any(home == page for home, _, _ in SEARCHES):
                tab.evaluate(SET_SCHEME, SCHEMES["light"])
                yield from _search(tab, page, result, where["now"])
    finally:
        context.close()


def run_side_by_side(lanes: list[Iterator[None]]) -> None:
    """Advance each lane in turn to its next wait: one tab's work overlaps the other's."""
    while lanes:
        for lane in list(lanes):
            if next(lane, StopIteration) is StopIteration:
                lanes.remove(lane)


@pytest.fixture(scope="module")
def pages(site: Path) -> list[str]:
    found = built_pages(site)
    assert {"", "en/", "404.html"} <= set(found), found
    return found


@pytest.fixture(scope="module")
def sweep(pages: list[str], server: str, browser: object) -> Sweep:
    assert AXE.exists(), f"{AXE} missing: run `make test` (it runs npm ci --ignore-scripts)"
    result = Sweep()
    order = visiting_order(pages)
    run_side_by_side([_lane(browser, server, width, order, result) for width in WIDTHS])
    return result


def test_axe_finds_no_violations(sweep):
    assert sweep.violations == [], "\n".join(sweep.violations)


def test_every_page_was_seen_in_both_palettes(sweep, pages):
    """Guards the pass itself: every page was checked, and the palettes really differed."""
    assert sweep.seen == {f"@{width}px": [p for p, _ in visiting_order(pages)] for width in WIDTHS}
    assert sorted(sweep.seen[f"@{WIDTHS[0]}px"]) == sorted(pages)
    assert sweep.preferred == {
        f"@{width}px {scheme}": palette for width in WIDTHS for scheme, palette in SCHEMES.items()
    }
    light, dark = sweep.backgrounds["light"], sweep.backgrounds["dark"]
    assert len(light) == len(dark) == 1 and light != dark, sweep.backgrounds


def test_no_request_leaves_the_site(sweep):
    assert sweep.site_requests > 0, "no request seen at all: is the listener attached?"
    assert sweep.requests == [], "\n".join(sweep.requests)


def test_no_console_errors(sweep):
    assert sweep.console == [], "\n".join(sweep.console)


def test_language_switcher_leads_to_the_counterpart_in_the_browser(sweep, server, pages):
    """Clicked on every Japanese page at both widths, the switcher opens its English page."""
    expected = {
        f"{page} @{width}px": server + counterpart(page)
        for page in pages
        if page_language(page) == "ja" and counterpart(page) in pages
        for width in WIDTHS
    }
    wrong = [f"{k}: switcher led to {v}, not {expected.get(k)}"
             for k, v in sweep.switched.items() if v != expected.get(k)]  # fmt: skip
    assert wrong == [], "\n".join(wrong)
    assert set(sweep.switched) == set(expected), "pages whose switcher was never clicked"


def test_every_page_shows_its_language_and_heading(sweep, pages):
    """In the browser: ``lang`` is the page's language and the <h1> reads as that language."""
    problems = []
    for page in pages:
        lang, heading = sweep.headings[page]
        want = lang if page == "404.html" else page_language(page)  # 404: consistent with itself
        if lang != want or not in_language(heading, want):
            problems.append(f"{page or '(home)'}: lang={lang!r}, <h1> {heading!r}, expected {want}")
    assert problems == [], "\n".join(problems)
    assert sweep.headings["functions/"][1].startswith("代表的な活性化関数")
    assert sweep.headings["functions/relu/"][1].startswith("ReLU 関数")


@pytest.mark.parametrize(("home", "query", "expected"), SEARCHES, ids=[q for _, q, _ in SEARCHES])
def test_search_finds_the_page(sweep, server, home, query, expected):
    """Search in the browser finds pages by Japanese and by English words (GUIDE: the stemmer)."""
    hits = sweep.search_hits.get(query)
    assert hits, f"{query!r} (searched from {home or '(home)'}): no results"
    assert any(h.startswith(server + expected) for h in hits), f"{query!r} found {hits[:5]}"
