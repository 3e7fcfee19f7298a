"""The first paint is the page as it stays: the reader's palette from the first frame, every
figure's box reserved before it arrives, and nothing moved by the theme's script afterwards."""

import re
import time

import pytest
from chromium import figures_in, recorded_requests

from activation_tutorial.pictures import sized_images
from activation_tutorial.theme import preferred_palette_early, preferred_palette_script


def test_sized_images():
    html = (
        '<img alt="a" src="f.svg#only-light" /><img src="f.svg" width="244" />'
        '<img width="3" height="4" src="f.svg" /><img src="h.png">'
    )
    sizes = {"f.svg#only-light": (488, 343), "f.svg": (488, 343)}
    assert sized_images(html, sizes.get) == (
        '<img width="488" height="343" alt="a" src="f.svg#only-light" />'
        '<img height="172" src="f.svg" width="244" />'
        '<img width="3" height="4" src="f.svg" /><img src="h.png">'
    )


def test_every_figure_has_its_size(page_html):
    checked = 0
    for page, html in page_html.items():
        for img in re.findall(r"<img\b[^>]*generated/figures/[^>]*>", html):
            assert re.search(r'\swidth="\d+"', img) and re.search(r'\sheight="\d+"', img), (
                f"{page or '(home)'}: {img[:120]}"
            )
            checked += 1
    assert checked > 50


PALETTES = [  # as in mkdocs.yml
    {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "indigo",
     "accent": "deep orange", "toggle": {"icon": "material/weather-night", "name": "dark"}},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo",
     "accent": "deep orange", "toggle": {"icon": "material/weather-sunny", "name": "light"}},
]  # fmt: skip


def test_the_preferred_palette_is_chosen_first_thing_in_the_body():
    page = '<head></head><body dir="ltr" data-md-color-scheme="default"><header>x</header>'
    html = preferred_palette_early(page, PALETTES)
    script = preferred_palette_script(PALETTES)
    assert html == page.replace('"default">', '"default">' + script)
    assert preferred_palette_early(html, PALETTES) == html  # once, however often it runs
    # The same attributes Material's bundle sets, in its spelling ("deep-orange"), in order.
    assert (
        '{"media":"(prefers-color-scheme: light)","scheme":"default","primary":"indigo",'
        '"accent":"deep-orange"},{"media":"(prefers-color-scheme: dark)","scheme":"slate"' in script
    )
    assert "toggle" not in script
    assert '__md_get("__palette")' in script  # a palette chosen on an earlier visit wins


FIRST_FRAME = """(function frame() { requestAnimationFrame(() => {
  if (document.body) window.firstScheme = document.body.dataset.mdColorScheme;
  else frame(); }); })();"""
"""Records the palette of the first frame that has a body, before anything else runs."""


@pytest.mark.parametrize(
    ("scheme", "shown", "hidden"), [("dark", "slate", ".light."), ("light", "default", ".dark.")]
)
def test_a_first_visit_shows_the_preferred_palette_from_the_first_frame(
    server, new_page, scheme, shown, hidden
):
    """Material's bundle, which picks the palette the browser prefers, comes last on the page:
    held back half a second here, as on a slow connection, the page must not be painted, nor
    its figures fetched, in the other palette meanwhile."""
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
    assert page.evaluate("window.firstScheme") == shown


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
