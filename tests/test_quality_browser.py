"""Quality gates in Chromium: axe finds nothing, nothing leaves the site, the console stays clean,
tables and formulas can be read whole, the language switcher leads to the other language, search
finds pages in both and loads on demand.

The pass itself is tests/browser_sweep.py, run in the background once the site is built (see
conftest.py); these tests read its record. Each failure names the page, the view, the rule
and the element.
"""

import pytest
from browser_sweep import SEARCHES, WIDTHS, Sweep, load
from site_pages import counterpart, page_language

SWEEP_TIMEOUT_S = 600
"""Far above the pass's ~40 s: reached only if Chromium hangs."""


@pytest.fixture(scope="module")
def sweep(background: dict) -> Sweep:
    """The record of the pass started in the background by conftest.py, once it has finished."""
    job = background["sweep"]
    errors = job["errors"].read_text() if job["proc"].wait(timeout=SWEEP_TIMEOUT_S) else ""
    assert job["proc"].returncode == 0, f"the browser pass failed:\n{errors[-4000:]}"
    return load(job["out"])


def test_axe_finds_no_violations(sweep):
    assert sweep.violations == [], "\n".join(sweep.violations)


def test_every_table_cell_and_display_formula_can_be_reached(sweep):
    assert sweep.unreachable == [], "\n".join(sweep.unreachable)


def test_every_page_was_seen_at_both_widths_in_both_palettes(sweep, pages):
    """Guards the pass itself: every page was checked once at each width, and the palettes really
    differed (the palette a browser prefers, on load: test_first_paint)."""
    assert set(sweep.seen) == {f"@{width}px" for width in WIDTHS}, sweep.seen.keys()
    for width, seen in sweep.seen.items():
        missing, extra = sorted(set(pages) - set(seen)), sorted(set(seen) - set(pages))
        twice = sorted({page for page in seen if seen.count(page) > 1})
        assert not missing and not twice and not extra, (
            f"{width}: never checked {missing}, checked twice {twice}, not pages {extra}"
        )
    light, dark = sweep.backgrounds["light"], sweep.backgrounds["dark"]
    assert len(light) == len(dark) == 1 and light != dark, sweep.backgrounds


def test_no_request_leaves_the_site(sweep):
    assert sweep.site_requests > 0, "no request seen at all: is the listener attached?"
    assert sweep.requests == [], "\n".join(sweep.requests)


def test_no_console_errors(sweep):
    assert sweep.console == [], "\n".join(sweep.console)


def test_language_switcher_leads_to_the_counterpart(sweep, server, pages):
    """On every page the switcher links to the page itself and its counterpart (on the 404 page:
    each language's home), as the browser holds the links once the theme's scripts have run;
    clicked on every Japanese page, it opens the English page."""
    links = {page: {page_language(p): server + p for p in (page, counterpart(page))}
             for page in pages}  # fmt: skip
    links["404.html"] = {"ja": server, "en": server + "en/"}  # no counterpart: each language's home
    wrong = [
        f"{page or '(home)'}: switcher {sweep.switchers.get(page)}, not {want}"
        for page, want in links.items()
        if sweep.switchers.get(page) != want
    ]
    clicked = {p: server + counterpart(p) for p in pages
               if page_language(p) == "ja" and counterpart(p) in pages}  # fmt: skip
    wrong += [f"{page or '(home)'}: switcher led to {sweep.switched.get(page)}, not {url}"
              for page, url in clicked.items() if sweep.switched.get(page) != url]  # fmt: skip
    assert wrong == [], "\n".join(wrong)
    assert sorted(sweep.switched) == sorted(clicked), "switchers never clicked, or elsewhere"


@pytest.mark.parametrize(("home", "query", "expected"), SEARCHES, ids=[q for _, q, _ in SEARCHES])
def test_search_finds_the_page(sweep, server, home, query, expected):
    """Search in the browser finds pages by Japanese and by English words (GUIDE: the stemmer),
    and lists only pages in the language of the page searched from."""
    hits = sweep.search_hits.get(query)
    assert hits, f"{query!r} (searched from {home or '(home)'}): no results"
    assert any(h.startswith(server + expected) for h in hits), f"{query!r} found {hits[:5]}"
    other = [h for h in hits if h.startswith(server + "en/") != (home == "en/")]
    assert other == [], f"{query!r} from {home or '(home)'} lists another language: {other}"


def test_search_loads_nothing_until_the_reader_opens_it(sweep):
    """No page requests search's index or worker before the reader opens search (on every page,
    at both widths, in both palettes); its keyboard shortcut opens it and the query runs (the
    searches above)."""
    assert sweep.search_early == [], "\n".join(sweep.search_early)
    assert sweep.search_opened > 0, "no search request seen after opening search"
