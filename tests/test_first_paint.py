"""The first paint is the page as it stays: the reader's palette from the first frame, every
figure's box reserved before it arrives (test_quality_static), and nothing moved by the theme's
script afterwards. What a page fetches, and when: images lazily; the figures of the palette and
layout on screen, as the reader comes near them; search when the reader arrives from a search
result (opening search is the browser pass's)."""

import re
import time

import pytest
from chromium import figures_in, recorded_requests

from activation_tutorial.pictures import sized_images, svg_pixel_size


def test_sized_images():
    html = (
        '<img alt="a" src="f.svg#only-light" /><img src="f.svg" width="244" />'
        '<img width="3" height="4" src="f.svg" /><img src="h.png">'
    )
    size = svg_pixel_size(b'<svg width="366.373437pt" height="257.468906pt">')
    sizes = {"f.svg#only-light": size, "f.svg": size}
    assert sized_images(html, sizes.get) == (
        '<img width="488" height="343" alt="a" src="f.svg#only-light" />'
        '<img height="172" src="f.svg" width="244" />'
        '<img width="3" height="4" src="f.svg" /><img src="h.png">'
    )


FIRST_FRAME = """(function frame() { requestAnimationFrame(() => {
  if (document.body) window.firstPalette = {...document.body.dataset};
  else frame(); }); })();"""
"""Records the palette attributes of the first frame that has a body, before anything else runs."""


@pytest.mark.parametrize(
    ("scheme", "shown", "hidden"), [("dark", "slate", ".light."), ("light", "default", ".dark.")]
)
def test_a_first_visit_shows_the_preferred_palette_from_the_first_frame(
    server, new_page, scheme, shown, hidden
):
    """Material's bundle, which picks the palette the browser prefers, comes last on the page:
    held back half a second here, as on a slow connection, the page must not be painted, nor
    its figures fetched, in the other palette meanwhile (``theme.preferred_palette_early``)."""
    page = new_page(1280, 900, scheme)
    page.add_init_script(FIRST_FRAME)
    requested = recorded_requests(page)

    def late(route: object) -> None:
        time.sleep(0.5)
        route.continue_()

    page.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), late)
    page.goto(server + "xor/", wait_until="load")
    assert any("/bundle." in u for u in requested), "the bundle was not held back"
    figures = figures_in(requested)
    assert figures, "no figure fetched above the fold"
    assert not [f for f in figures if hidden in f], f"the other palette fetched: {figures}"
    # The first frame shows what Material's bundle then sets, attribute for attribute.
    first, loaded = page.evaluate("[window.firstPalette, {...document.body.dataset}]")
    assert first == loaded and loaded["mdColorScheme"] == shown, (first, loaded)


UNWRAP_TABLES = """() => {
    // Where everything is, then again with Material's table wrappers taken out, as at first paint.
    const boxes = () => [...document.querySelectorAll("article > *, article table")].map((el) => {
        const r = el.getBoundingClientRect();
        return [el.tagName, Math.round(r.top + scrollY), Math.round(r.height)];
    });
    const wrapped = boxes();
    const wrappers = document.querySelectorAll("article .md-typeset__scrollwrap");
    for (const wrap of wrappers) wrap.replaceWith(wrap.querySelector("table"));
    return [wrappers.length, wrapped, boxes()];
}"""


@pytest.mark.parametrize("path", ["en/xor/", "comparison/"])
def test_material_wrapping_the_tables_moves_nothing(server, warm_page, path):
    # Material's script wraps each table after the first paint (it is deferred): inside our
    # generated tables' own scroll box the wrappers must take no room, or the page shifts.
    page = warm_page(390, 844, "light")
    page.goto(server + path)
    page.wait_for_function("() => document.querySelector('article .md-typeset__scrollwrap')")
    count, wrapped, unwrapped = page.evaluate(UNWRAP_TABLES)
    assert count >= 1
    moved = [(a, b) for a, b in zip(wrapped, unwrapped, strict=True) if a != b]
    assert moved == [], f"{path}: {len(moved)} elements move, first {moved[:3]}"


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
