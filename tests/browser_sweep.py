"""The browser pass of the quality gates: every built page loaded in Chromium, findings recorded.

One pass loads every built page (both languages, discovered from the file tree) once, against the
test server, checks it at one width, resizes the viewport in place to the other width and checks
it again (390 px and 1280 px), and records what each gate needs; the tests in
test_quality_browser.py then read that record. At each width it runs axe-core in the light
palette, then switches to the dark palette in place and runs the colour rules again. It reaches
every English page by clicking the Japanese page's language switcher, searches from both home
pages with words of both languages, and records every request to another host, console error,
page error and failed request. Each finding names the page, the view, the rule and the element.

Resizing a loaded page costs a fraction of loading it again (no second load, no second warm-up of
axe); that it shows the same page as loading at that width is checked on the home page in every
run (``fingerprints``) and on every page by tests/resize_equivalence.py.

The pass is the longest part of ``make test`` and needs no test's result, so conftest.py starts it
as soon as the site is built, as its own process with its own Chromium
(``python tests/browser_sweep.py SITE URL OUT.json``), and the rest of the suite runs meanwhile.
Two lanes, one tab each, take half the pages each and run side by side, so one tab navigates while
the other's axe computes. A page loads at the width its lane's previous page was left at, so each
width is reached by loading on some pages and by resizing on the others, and no resize is spent
between pages; one lane starts at 390 px, the other at 1280 px.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from chromium import CHROMIUM, CHROMIUM_ARGS, SET_SCHEME
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from site_pages import built_pages, counterpart, page_language

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = [390, 1280]
SEARCH_WIDTH = 1280
"""At this width the search field sits in the header, so focusing it opens the dialog."""
HEIGHT = 800
SCHEMES = {"light": "default", "dark": "slate"}
"""Material's palette for each colour scheme a browser can prefer."""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe rules whose outcome depends on the palette: the dark palette runs only these.

Material's palette is CSS keyed on ``body[data-md-color-scheme]`` (the same HTML), so each page
is checked at each width with every rule in the light palette, switched to the dark one as
Material's own toggle does, and checked again with these. A browser that prefers dark gets the
same palette on load: the pass checks that too, once per width.
"""
AXE_OPTIONS = {"resultTypes": ["violations"]}
"""Only violations carry their elements back: passes would be serialised for nothing."""
AXE_CONFIG = "axe.configure({ noHtml: true });"
"""Run in each page after axe loads. A finding names its element by selector (``target``) and
nothing reads its HTML, which axe otherwise copies (``outerHTML``, up to the whole document for
``<html>``) for every node it checks, passed or not: 7-12 % of each axe run here. Which nodes pass
or fail does not depend on it."""
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
FINGERPRINTED = ""
"""The page whose rendering is compared, in every run, after a resize and after a fresh load."""
JIT_ARGS = ["--js-flags=--no-opt --no-maglev"]
"""V8 without its optimising compilers, for this pass's Chromium only. Each page's scripts and
axe's runs last about a second before the next load throws their code away, too short for
optimised code to pay back its compiling: 72 -> 63 CPU-s for the pass (twice each), same record."""
NAVIGATION_TIMEOUT_MS = 15_000
SEARCH_TIMEOUT_MS = 10_000
SETTLED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
"""Resolves after the next frame has run: resize and ResizeObserver callbacks (the page's
scroll-box marking, Material's layout) have seen the new viewport before axe looks."""
FINGERPRINT = """() => [...document.body.querySelectorAll("*")].flatMap((el, i) => {
  // Every rendered element with its box, colours and focusability: what a reader sees and
  // what axe judges. The index in document order names it, so added elements show too.
  const style = getComputedStyle(el);
  if (!el.getClientRects().length || style.visibility !== "visible") return [];
  // A closed <details> (an exercise's answer) keeps its content laid out but never shows it.
  if (el.closest("details:not([open]) > :not(summary)")) return [];
  const r = el.getBoundingClientRect();
  const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.classList.length ? "." + [...el.classList].join(".") : "");
  // Material takes its hidden back-to-top button out of the tab order (tabindex=-1) at the
  // first scroll or resize, not on load: the one difference a resize makes on this site.
  const tabindex = el.matches(".md-top[hidden]") ? "(md-top)" : el.getAttribute("tabindex");
  return [[i, name, ...[r.x, r.y, r.width, r.height].map(Math.round), style.display, style.color,
           style.backgroundColor, style.opacity, tabindex].join(" ")];
})"""
START_AXE = f"""([palette, options]) => {{
  const background = ({SET_SCHEME})(palette);
  window.__axeRun = axe.run(document, options);
  return background;
}}"""
"""Shows Material's ``palette`` (SET_SCHEME; returns the body's background colour), then starts
axe without waiting for it, so the other tab can work meanwhile. One call for both: each call
from Python costs ~9 ms of CPU in Playwright and the browser."""
AXE_RESULT = "() => window.__axeRun.then(result => result.violations)"
"""Waits for the run started by START_AXE and returns its violations: the rest of axe's result
(every rule that passed or did not apply, ~57 KB a run) is not read, and carrying it through
Playwright to Python cost about as much CPU as 20 ms of axe a run."""
CLICK = "selector => document.querySelector(selector).click()"
"""Clicks the first match as a reader's click does (a missing one fails the pass). A Playwright
locator would do the same after setting up its own script world in the page: ~30 ms a page."""
FORGET_VISITS = "localStorage.clear(); sessionStorage.clear();"
"""Runs before the page's own scripts: what the site keeps between visits (Material's chosen
palette among it) is gone, so the page loads as in a browser that never saw the site."""
HEADING = f"""() => ({SETTLED})().then(
  () => [document.documentElement.lang, document.querySelector("h1")?.innerText ?? ""])"""
"""The page's ``lang`` and heading, read once the first frames after loading have run: the first
axe run starts in the same call as the palette switch, so without this wait it could look before
the page's ResizeObserver has marked its scroll boxes focusable (seen once: a false
scrollable-region-focusable on xor-network/'s wide table)."""


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
    """Pages checked by axe, per width, in the order visited (the two lanes interleave)."""
    loaded: dict[str, int] = field(default_factory=dict)
    """Page -> the width it was loaded at; the other width was reached by resizing."""
    headings: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Page -> (``lang`` of its <html>, text of its <h1>), as the browser shows them."""
    switched: dict[str, str] = field(default_factory=dict)
    """``"<page> @<width>px"`` -> the URL its language switcher led to in the browser (a click, as
    a reader does, at the width the viewport had then)."""
    search_hits: dict[str, list[str]] = field(default_factory=dict)
    """Query -> the links of its results."""
    fingerprints: dict[str, list[str]] = field(default_factory=dict)
    """The rendered elements of FINGERPRINTED (light palette), keyed ``"@<width>px <how>"``:
    ``loaded`` in a fresh tab at that width, or ``resized`` there by the pass (see FINGERPRINT)."""


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


def lanes_of(order: list[tuple[str, bool]], lanes: int) -> list[list[tuple[str, bool]]]:
    """The visiting order dealt out to ``lanes`` lanes; an English page stays with its Japanese
    one, whose switcher leads to it."""
    units: list[list[tuple[str, bool]]] = []
    for step in order:
        if step[1]:
            units[-1].append(step)
        else:
            units.append([step])
    return [[step for unit in units[n::lanes] for step in unit] for n in range(lanes)]


def _axe_findings(violations: list[dict], where: str) -> list[str]:
    return [
        f"{where}: {v['id']} ({v['impact']}) on {node['target']}: "
        + " ".join(node.get("failureSummary", "").split())[:300]
        for v in violations
        for node in v["nodes"]
    ]


def _axe(tab: object, sweep: Sweep, where: str, scheme: str) -> Iterator[str]:
    """Show the palette of ``scheme`` and run axe in it; yields the body's background colour
    while axe computes, so the other tab can go on."""
    options = COLOUR_OPTIONS if scheme == "dark" else AXE_OPTIONS
    yield tab.evaluate(START_AXE, [SCHEMES[scheme], options])
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
            for scheme in SCHEMES:
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


def fingerprint(tab: object) -> list[str]:
    """The rendered elements of the page in the light palette (see FINGERPRINT)."""
    tab.evaluate(SET_SCHEME, SCHEMES["light"])
    tab.evaluate(SETTLED)
    return tab.evaluate(FINGERPRINT)


def resize(tab: object, width: int) -> None:
    """Narrow or widen the loaded page in place, as a reader turning a phone or a window would."""
    tab.set_viewport_size({"width": width, "height": HEIGHT})
    tab.evaluate(SETTLED)


def _on_load(browser: object, server: str, result: Sweep, where: dict) -> None:
    """What Material picks on load for each preference, at each width; the light one also records
    the home page's rendering as loaded at that width. Each load starts from empty storage
    (FORGET_VISITS), as in a fresh browser: Material remembers the palette it chose, so without it
    the second load would only show the first. One tab for the four loads: a fresh browser
    context each would start a renderer process each, ~0.7 CPU-s apiece here."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT})
    try:
        context.add_init_script(FORGET_VISITS)
        tab = _listen(context.new_page(), urlparse(server).netloc, result, where)
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": HEIGHT})
            for scheme in SCHEMES:
                where["now"] = f"(home) @{width}px, browser prefers {scheme}"
                tab.emulate_media(color_scheme=scheme)
                tab.goto(server + FINGERPRINTED, wait_until="load")
                result.preferred[f"@{width}px {scheme}"] = tab.evaluate(
                    "document.body.dataset.mdColorScheme"
                )
                if scheme == "light":
                    result.fingerprints[f"@{width}px loaded"] = fingerprint(tab)
    finally:
        context.close()


def _check(
    tab: object, page: str, width: int, how: str, result: Sweep, where: dict
) -> Iterator[None]:
    """Every rule in the light palette, the colour rules in the dark one, at the width shown."""
    where["now"] = f"{page or '(home)'} @{width}px ({how})"
    if page == FINGERPRINTED and how.startswith("resized"):
        result.fingerprints[f"@{width}px resized"] = fingerprint(tab)
    for scheme in SCHEMES:
        for background in _axe(tab, result, f"{where['now']} {scheme}", scheme):
            result.backgrounds.setdefault(scheme, set()).add(background)
            yield
    result.seen.setdefault(f"@{width}px", []).append(page)


def _lane(
    browser: object, server: str, first_width: int, order: list[tuple[str, bool]], result: Sweep
) -> Iterator[None]:
    """One tab: each page loaded once, checked at the width it loaded at, then resized to the
    other width and checked again; the next page loads at the width the last one was left at.
    Yields whenever axe runs in the page."""
    where = {"now": ""}  # the page and view being checked, for the listeners' messages
    context = browser.new_context(viewport={"width": first_width, "height": HEIGHT})
    try:
        context.add_init_script(path=str(AXE))
        context.add_init_script(AXE_CONFIG)
        tab = _listen(context.new_page(), urlparse(server).netloc, result, where)
        tab.set_default_timeout(NAVIGATION_TIMEOUT_MS)
        width = first_width
        for page, by_switcher in order:
            if page == FINGERPRINTED and width != SEARCH_WIDTH:
                resize(tab, SEARCH_WIDTH)  # so it is resized to the other width and back
                width = SEARCH_WIDTH
            where["now"] = f"{page or '(home)'} @{width}px (loading)"
            if by_switcher:
                with tab.expect_navigation(wait_until="load"):
                    tab.evaluate(CLICK, f'a.md-select__link[hreflang="{page_language(page)}"]')
                result.switched[f"{counterpart(page)} @{width}px"] = tab.url
            if not by_switcher or tab.url != server + page:  # a wrong switcher: still check it
                tab.goto(server + page, wait_until="load")
            result.loaded[page] = width
            result.headings[page] = tuple(tab.evaluate(HEADING))
            yield from _check(tab, page, width, "loaded", result, where)
            other = next(w for w in WIDTHS if w != width)
            resize(tab, other)
            yield from _check(tab, page, other, f"resized from {width}px", result, where)
            width = other
            if any(home == page for home, _, _ in SEARCHES):
                if width != SEARCH_WIDTH:
                    resize(tab, SEARCH_WIDTH)
                    width = SEARCH_WIDTH
                    if page == FINGERPRINTED:  # widened back: the other direction, for free
                        result.fingerprints[f"@{width}px resized"] = fingerprint(tab)
                tab.evaluate(SET_SCHEME, SCHEMES["light"])
                yield from _search(tab, page, result, f"{page or '(home)'} @{width}px")
    finally:
        context.close()


def run_side_by_side(lanes: list[Iterator[None]]) -> None:
    """Advance each lane in turn to its next wait: one tab's work overlaps the other's."""
    while lanes:
        for lane in list(lanes):
            if next(lane, StopIteration) is StopIteration:
                lanes.remove(lane)


def sweep_site(site: Path, server: str) -> Sweep:
    """Run the whole pass over the site served at ``server`` in a Chromium of its own."""
    from playwright.sync_api import sync_playwright

    result = Sweep()
    lanes = lanes_of(visiting_order(built_pages(site)), len(WIDTHS))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + JIT_ARGS)
        try:
            _on_load(browser, server, result, {"now": ""})
            # One lane loads its first page at each width, so both widths are reached both ways.
            run_side_by_side([_lane(browser, server, width, lane, result)
                              for width, lane in zip(WIDTHS, lanes, strict=True)])  # fmt: skip
        finally:
            browser.close()
    return result


def dump(sweep: Sweep, out: Path) -> None:
    out.write_text(json.dumps(asdict(sweep), default=sorted, ensure_ascii=False))


def load(path: Path) -> Sweep:
    """The record written by ``dump``; sets and tuples come back as they went in."""
    data = json.loads(path.read_text())
    data["backgrounds"] = {k: set(v) for k, v in data["backgrounds"].items()}
    data["headings"] = {k: tuple(v) for k, v in data["headings"].items()}
    return Sweep(**data)


if __name__ == "__main__":
    site_dir, url, out_file = sys.argv[1:]
    if not AXE.exists():
        sys.exit(f"{AXE} missing: run `make test` (it runs npm ci --ignore-scripts)")
    dump(sweep_site(Path(site_dir), url), Path(out_file))
