"""Quality gates in Chromium: axe finds nothing, nothing leaves the site, the console stays clean.

One sweep loads every built page (both languages, discovered from the file tree) at 390 px
and 1280 px, checks it in the light and then the dark palette, in the shared browser against
the shared server, and records what each gate needs; the tests then read that record. Each
failure names the page, the view, the rule and the element.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from site_pages import built_pages, page_language

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = [390, 1280]
SCHEMES = {"light": "default", "dark": "slate"}
"""Material's palette for each colour scheme a browser can prefer."""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe rules whose outcome depends on the palette: the dark palette runs only these.

Material's palette is CSS keyed on ``body[data-md-color-scheme]`` (the same HTML), so each page
is loaded once per width, checked with every rule in the light palette, switched to the dark
one as Material's own toggle does, and checked again with these. A browser that prefers dark
gets the same palette on load: the sweep checks that too, once per width.
"""
AXE_OPTIONS = {"resultTypes": ["violations"]}
"""Only violations carry their elements back: passes would be serialised for nothing."""
SEARCH = {"ja": "活性化関数", "en": "activation"}
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


@dataclass
class Sweep:
    violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    backgrounds: dict[str, set[str]] = field(default_factory=dict)
    """Body background seen per palette: two distinct colours prove the switch took effect."""
    preferred: dict[str, str] = field(default_factory=dict)
    """Palette Material chose on load for a browser preferring each colour scheme."""
    pages: int = 0
    search_results: dict[str, int] = field(default_factory=dict)


def _axe_findings(result: dict, where: str) -> list[str]:
    return [
        f"{where}: {v['id']} ({v['impact']}) on {node['target']}: "
        + " ".join(node.get("failureSummary", "").split())[:300]
        for v in result["violations"]
        for node in v["nodes"]
    ]


def _axe(tab: object, sweep: Sweep, where: str, scheme: str) -> None:
    options = AXE_OPTIONS | ({"runOnly": COLOUR_RULES} if scheme == "dark" else {})
    sweep.violations += _axe_findings(tab.evaluate("o => axe.run(document, o)", options), where)


def _search(page: object, lang: str, sweep: Sweep, where: str) -> None:
    """Open the search dialog, run a query and check the dialog with its results, both palettes."""
    box = page.locator("input.md-search__input")
    box.click()  # at 1280 px the field is in the header; focusing it opens the dialog
    box.fill(SEARCH[lang])
    box.press("End")  # a key event makes Material run the query (fill alone may not)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    # Results fade in: let the animations finish, or axe measures half-transparent colours.
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
    sweep.search_results[lang] = results.count()
    for scheme, palette in SCHEMES.items():
        page.evaluate(SET_SCHEME, palette)
        _axe(page, sweep, f"{where} {scheme}, search open", scheme)


def _listen(tab: object, site_host: str, result: Sweep, where: dict) -> object:
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
    return tab


@pytest.fixture(scope="module")
def sweep(site: Path, server: str, browser: object) -> Sweep:
    assert AXE.exists(), f"{AXE} missing: run `make test` (it runs npm ci --ignore-scripts)"
    pages = built_pages(site)
    assert {"", "en/", "404.html"} <= set(pages), pages
    site_host = urlparse(server).netloc
    result = Sweep()
    where = {"now": ""}  # the page and view being checked, for the listeners' messages
    for width in WIDTHS:
        for scheme in SCHEMES:  # what Material picks on load for each preference
            context = browser.new_context(viewport={"width": width, "height": 800},
                                          color_scheme=scheme)  # fmt: skip
            where["now"] = f"(home) @{width}px, browser prefers {scheme}"
            _listen(context.new_page(), site_host, result, where).goto(server)
            result.preferred[f"@{width}px {scheme}"] = context.pages[0].evaluate(
                "document.body.dataset.mdColorScheme"
            )
            context.close()
        context = browser.new_context(viewport={"width": width, "height": 800})
        context.add_init_script(path=str(AXE))
        try:
            tab = _listen(context.new_page(), site_host, result, where)
            for page in pages:
                where["now"] = f"{page or '(home)'} @{width}px"
                tab.goto(server + page, wait_until="load")
                for scheme, palette in SCHEMES.items():
                    background = tab.evaluate(SET_SCHEME, palette)
                    result.backgrounds.setdefault(scheme, set()).add(background)
                    _axe(tab, result, f"{where['now']} {scheme}", scheme)
                result.pages += 1
                if width == 1280 and page in ("", "en/"):
                    _search(tab, page_language(page), result, where["now"])
        finally:
            context.close()
    return result


def test_axe_finds_no_violations(sweep):
    assert sweep.violations == [], "\n".join(sweep.violations)


def test_every_page_was_seen_in_both_palettes(sweep, site):
    """Guards the sweep itself: every page was checked, and the palettes really differed."""
    assert sweep.pages == len(WIDTHS) * len(built_pages(site))
    assert sweep.preferred == {
        f"@{width}px {scheme}": palette for width in WIDTHS for scheme, palette in SCHEMES.items()
    }
    light, dark = sweep.backgrounds["light"], sweep.backgrounds["dark"]
    assert len(light) == len(dark) == 1 and light != dark, sweep.backgrounds
    assert sweep.search_results.get("ja", 0) > 0 and sweep.search_results.get("en", 0) > 0


def test_no_request_leaves_the_site(sweep):
    assert sweep.requests == [], "\n".join(sweep.requests)


def test_no_console_errors(sweep):
    assert sweep.console == [], "\n".join(sweep.console)
