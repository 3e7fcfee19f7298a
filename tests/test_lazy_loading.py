"""What a page fetches, and when: images lazily; the figures of the palette and layout on
screen, as the reader comes near them; search when the reader arrives from a search result
(opening search is the browser pass's); the XOR explorer only on its page, when the reader comes
near it."""

import re

from chromium import figures_in, recorded_requests

from activation_tutorial.theme import lazy_images


def test_images_load_lazily_unless_they_say_otherwise():
    html = '<p><img alt="a" src="a.svg#only-light" /><img loading="eager" src="b.svg" /></p>'
    assert lazy_images(html) == (
        '<p><img loading="lazy" decoding="async" alt="a" src="a.svg#only-light" />'
        '<img loading="eager" src="b.svg" /></p>'
    )


def test_the_explorer_loads_only_on_its_page_through_its_loader(page_html):
    # What the loader fetches, and when: test_xor_explorer's first-view test.
    direct = re.compile(r'<(?:script|link)\b[^>]*\b(?:src|href)="[^"]*xor-explorer\.(?:js|css)"')
    loaders = sorted(p for p, html in page_html.items() if "xor-explorer-loader.js" in html)
    assert loaders == ["en/xor-network/", "xor-network/"]
    assert [p or "(home)" for p, html in page_html.items() if direct.search(html)] == []


def _loaded(new_page, url: str, width: int, height: int):
    """A light-palette page at ``url`` once the network is idle, and what it requests."""
    page = new_page(width, height, "light")
    requested = recorded_requests(page)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, requested


def test_hidden_palette_figure_is_fetched_only_when_its_palette_is_chosen(server, new_page):
    page, requested = _loaded(new_page, server + "gradients/", 1280, 900)
    figures = figures_in(requested)
    # Far-down figures wait for the reader to scroll (the page has 13 per palette).
    assert 0 < len(figures) < 6, figures
    assert not [f for f in figures if ".dark." in f], f"hidden palette fetched: {figures}"
    # The first figure's other palette arrives when the reader switches to it.
    first = figures[0].replace(".light.", ".dark.")
    assert first != figures[0], figures
    with page.expect_request(re.compile(rf"/generated/figures/{re.escape(first)}$")):
        page.locator('form[data-md-component="palette"] label:visible').first.click()
    # The request only starts the fetch; the image is done once it has decoded (a busy
    # machine can take a moment, so wait for it rather than look once).
    page.wait_for_function(
        "sel => { const img = document.querySelector(sel);"
        " return img && img.complete && img.naturalWidth > 0; }",
        arg=f'img[src*="/{first}"]',
        timeout=15000,
    )


def test_a_phone_fetches_only_the_narrow_layout_and_a_desktop_only_the_wide_one(server, new_page):
    # One first visit at 390 px, then the same tab widened: the <picture> picks again.
    page, requested = _loaded(new_page, server + "experiment/", 390, 844)
    moons = 'img[src*="/experiment_moons.light.svg"]'
    with page.expect_request(re.compile(r"/experiment_moons\.narrow\.light\.svg$")):
        page.locator(moons).scroll_into_view_if_needed()
    page.wait_for_function(f"() => document.querySelector('{moons}').complete")
    figures = set(figures_in(requested))
    assert figures and all(".narrow.light." in f for f in figures), figures

    requested.clear()
    with page.expect_request(re.compile(r"/experiment_moons\.light\.svg$")):
        page.set_viewport_size({"width": 1280, "height": 844})
    page.wait_for_function(
        f"() => (img => img.complete && img.currentSrc.includes('/experiment_moons.light.svg#'))"
        f"(document.querySelector('{moons}'))"
    )
    figures = set(figures_in(requested))
    assert not [f for f in figures if ".dark." in f or ".narrow." in f], figures


def test_a_page_opened_from_a_search_result_highlights_its_terms(server, new_page):
    page, requested = _loaded(new_page, server + "en/xor/?h=sigmoid", 1280, 900)
    page.locator("mark[data-md-highlight]").first.wait_for(state="attached", timeout=15000)
    assert any(u.endswith("/search/search_index.en.json") for u in requested)  # its language
