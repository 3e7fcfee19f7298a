"""Quality gates in Chromium: axe finds nothing, nothing leaves the site, the console stays clean.

The pass itself is tests/browser_sweep.py, run in the background from the start of the test run
(see conftest.py); these tests read its record. Each failure names the page, the view, the rule
and the element.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_sweep import FINGERPRINTED, SCHEMES, SEARCHES, WIDTHS, Sweep, load
from site_pages import built_pages, counterpart, in_language, page_language

SWEEP_TIMEOUT_S = 600
"""Far above the pass's ~40 s: reached only if Chromium hangs."""


@pytest.fixture(scope="module")
def pages(site: Path) -> list[str]:
    found = built_pages(site)
    assert {"", "en/", "404.html"} <= set(found), found
    return found


@pytest.fixture(scope="module")
def sweep(background_sweep: dict) -> Sweep:
    """The record of the pass started in the background by conftest.py, once it has finished."""
    proc = background_sweep["proc"]
    proc.wait(timeout=SWEEP_TIMEOUT_S)
    errors = background_sweep["errors"].read_text()
    assert proc.returncode == 0, f"the browser pass failed:\n{errors[-4000:]}"
    return load(background_sweep["out"])


def test_axe_finds_no_violations(sweep):
    assert sweep.violations == [], "\n".join(sweep.violations)


def test_every_page_was_seen_in_both_palettes(sweep, pages):
    """Guards the pass itself: every page was checked at both widths (loaded at one, resized to
    the other; each way round on some pages), and the palettes really differed."""
    assert set(sweep.seen) == {f"@{width}px" for width in WIDTHS}, sweep.seen.keys()
    for width, seen in sweep.seen.items():
        missing, extra = sorted(set(pages) - set(seen)), sorted(set(seen) - set(pages))
        twice = sorted({page for page in seen if seen.count(page) > 1})
        assert not missing and not twice and not extra, (
            f"{width}: never checked {missing}, checked twice {twice}, not pages {extra}"
        )
    assert sorted(sweep.loaded) == sorted(pages)
    assert set(sweep.loaded.values()) == set(WIDTHS), "every page loaded at the same width"
    assert sweep.preferred == {
        f"@{width}px {scheme}": palette for width in WIDTHS for scheme, palette in SCHEMES.items()
    }
    light, dark = sweep.backgrounds["light"], sweep.backgrounds["dark"]
    assert len(light) == len(dark) == 1 and light != dark, sweep.backgrounds


def test_resizing_shows_what_loading_at_that_width_shows(sweep):
    """The pass checks each page's second width by resizing it in place: on the home page, every
    rendered element (box, colours, tab order) after resizing to each width equals a fresh load
    at that width. tests/resize_equivalence.py compares every page, axe results included."""
    loaded = {
        key.split()[0]: fp for key, fp in sweep.fingerprints.items() if key.endswith("loaded")
    }
    resized = {
        key.split()[0]: fp for key, fp in sweep.fingerprints.items() if key.endswith("resized")
    }
    assert set(loaded) == set(resized) == {f"@{width}px" for width in WIDTHS}, (
        sweep.fingerprints.keys()
    )
    for width, elements in resized.items():
        assert len(elements) > 100, f"{width}: too few elements seen ({len(elements)})"
        pairs = zip(loaded[width], elements, strict=False)  # the lengths may differ: named below
        first = next((pair for pair in pairs if pair[0] != pair[1]), None)
        assert elements == loaded[width], (
            f"{FINGERPRINTED or '(home)'} {width}: after resizing, {len(elements)} rendered "
            f"elements, on load {len(loaded[width])}; first difference (loaded, resized): {first}"
        )


def test_no_request_leaves_the_site(sweep):
    assert sweep.site_requests > 0, "no request seen at all: is the listener attached?"
    assert sweep.requests == [], "\n".join(sweep.requests)


def test_no_console_errors(sweep):
    assert sweep.console == [], "\n".join(sweep.console)


def test_language_switcher_leads_to_the_counterpart_in_the_browser(sweep, server, pages):
    """Clicked once on every Japanese page (at the width of its one load: 390 px on some pages,
    1280 px on others), the switcher opens its English page."""
    expected = {
        page: server + counterpart(page)
        for page in pages
        if page_language(page) == "ja" and counterpart(page) in pages
    }
    clicked = [key.rsplit(" @", 1) for key in sweep.switched]  # [page, "<width>px"]
    wrong = [f"{key}: switcher led to {url}, not {expected.get(page)}"
             for (page, _), (key, url) in zip(clicked, sweep.switched.items(), strict=True)
             if url != expected.get(page)]  # fmt: skip
    assert wrong == [], "\n".join(wrong)
    assert sorted(page for page, _ in clicked) == sorted(expected), (
        "switchers never clicked, or twice"
    )
    widths = {width for _, width in clicked}
    assert widths == {f"{width}px" for width in WIDTHS}, f"switchers clicked only at {widths}"


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
    """Search in the browser finds pages by Japanese and by English words (GUIDE: the stemmer),
    and lists only pages in the language of the page searched from."""
    hits = sweep.search_hits.get(query)
    assert hits, f"{query!r} (searched from {home or '(home)'}): no results"
    assert any(h.startswith(server + expected) for h in hits), f"{query!r} found {hits[:5]}"
    other = [h for h in hits if h.startswith(server + "en/") != (home == "en/")]
    assert other == [], f"{query!r} from {home or '(home)'} lists another language: {other}"
