"""Page weight: what the pages load, and the shorter MathML and SVG they are built with.

Sizes themselves are measured by benchmarks/bench_build.py and benchmarks/bench_lighthouse.py
(benchmarks print figures); these tests hold the means in place.
"""

from __future__ import annotations

import io
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from activation_tutorial.content.math import compact_math, compact_mathml, mathml
from activation_tutorial.figures.style import round_positions
from activation_tutorial.images import sized_images, svg_pixel_size
from activation_tutorial.notebook.walkthrough import output_image_alts

ROOT = Path(__file__).resolve().parent.parent


def _html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


# MathML


def test_compact_math_keeps_the_formula():
    raw = (
        '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow>'
        '<mi>f</mi><mo>&#x02061;</mo><mo stretchy="false">&#x00028;</mo><mi>x</mi>'
        "<mo>&#x0003C;</mo><mn>0</mn><mo>&#x02264;</mo><mi>&#x003C3;</mi></mrow></math>"
    )
    assert compact_math(raw) == (
        '<math><mrow><mi>f</mi><mo>&#x2061;</mo><mo stretchy="false">(</mo><mi>x</mi>'
        "<mo>&#x3C;</mo><mn>0</mn><mo>≤</mo><mi>σ</mi></mrow></math>"
    )
    block = '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><mi>x</mi></math>'
    assert compact_math(block) == '<math display="block"><mi>x</mi></math>'


def test_compact_mathml_touches_only_math():
    page = '<p title="&#x00028;">a</p><math display="inline"><mo>&#x0002B;</mo></math>'
    assert compact_mathml(page) == '<p title="&#x00028;">a</p><math><mo>+</mo></math>'


def test_generated_formulas_are_compact():
    out = mathml(r"\sigma(x) = \frac{1}{1 + e^{-x}}")
    assert out.startswith("<math>") and "σ" in out
    assert "xmlns" not in out and "&#x" not in out


def test_a_prime_follows_its_base_at_text_size():
    prime = '<mo lspace="0" rspace="0">{}</mo>'
    assert mathml("f'(x)").startswith("<math><mrow><mi>f</mi>" + prime.format("′") + "<mo")
    assert "<mi>f</mi>" + prime.format("″") in mathml("f''(x)")
    relu = mathml(r"\mathrm{ReLU}'(x)")
    assert "</mi></mrow>" + prime.format("′") in relu and "<msup>" not in relu
    assert "<msup>" not in mathml(r"\tanh^{\prime}(x)")
    # Other superscripts stay superscripts, a prime among them included.
    assert "<msup><mi>x</mi><mn>2</mn></msup>" in mathml("x^2")
    assert "<msup>" in mathml("x'^2")


def test_no_built_page_raises_a_prime(site):
    """Pages' own formulas (l2m4m) and the generated ones alike."""
    raised = [str(p.relative_to(site)) for p in site.rglob("*.html")
              if re.search(r"<mi>[′″‴]</mi></msup>", p.read_text(encoding="utf-8"))]  # fmt: skip
    assert raised == []


# SVG


def _numbers(value: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", value)]


def test_rounding_moves_nothing_by_more_than_half_a_hundredth():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from activation_tutorial.figures.style import LIGHT, themed

    with themed(LIGHT):
        fig, ax = plt.subplots()
        ax.plot([0.123456, 1.7, 2.0], [0.3333333, -1.25, 2.5])
        ax.set_xlabel("x")

    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    original = buf.getvalue()
    compact = round_positions(original)
    assert len(compact) < 0.9 * len(original)
    before, after = ET.fromstring(original), ET.fromstring(compact)
    pairs = list(zip(before.iter(), after.iter(), strict=True))
    assert len(pairs) > 20
    for old, new in pairs:
        assert old.tag == new.tag and old.attrib.keys() == new.attrib.keys()
        for name, value in old.attrib.items():
            if name in ("d", "x", "y", "points", "transform"):
                a, b = _numbers(value), _numbers(new.attrib[name])
                assert len(a) == len(b), (name, value)
                assert all(abs(p - q) <= 0.005 + 1e-9 for p, q in zip(a, b, strict=True))
            else:
                assert new.attrib[name] == value, name
    # Scale factors (glyph outlines) are never rounded.
    assert b"scale(0.015625)" in original and b"scale(0.015625)" in compact


def test_generated_figures_are_compact(site):
    figures = sorted((site / "generated" / "figures").glob("*.svg"))
    assert len(figures) > 20
    for svg in figures:
        data = svg.read_bytes()
        assert b"<!--" not in data, svg.name
        # matplotlib indents each of hundreds of elements; provenance adds one line.
        assert len(re.findall(rb"\n +<", data)) <= 1, svg.name
        assert not re.search(rb' d="[^"]*\d\.\d{3}', data), svg.name


# Figure sizes


def test_svg_pixel_size():
    assert svg_pixel_size(b'<svg width="366.373437pt" height="257.468906pt">') == (488, 343)
    assert svg_pixel_size(b'<svg width="100" height="50px">') == (100, 50)
    assert svg_pixel_size(b'<svg viewBox="0 0 1 1">') is None


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


# Notebook alt texts come from the notebooks


def _notebook(alt: object) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    plot = nbformat.v4.new_code_cell("plt.show()", id="plot")
    if alt is not None:
        plot.metadata["alt"] = alt
    data = {"image/png": "iVBO", "text/plain": "x"}
    plot.outputs = [nbformat.v4.new_output("display_data", data)]
    text = nbformat.v4.new_code_cell("print(1)", id="text")
    text.outputs = [nbformat.v4.new_output("stream", text="1\n")]
    nb.cells = [text, plot]
    return nb


def test_output_image_alts():
    assert output_image_alts(_notebook("A plot")) == [("plot", "A plot")]
    assert output_image_alts(_notebook(["A plot"])) == [("plot", "A plot")]
    assert output_image_alts(_notebook(None)) == [("plot", None)]


def test_source_notebooks_give_every_plot_an_alt_in_their_language():
    from activation_tutorial.notebook.walkthrough import load

    for lang in ("ja", "en"):
        nb = load(ROOT, lang)
        plotting = [c for c in nb.cells if c.cell_type == "code" and "plt.show" in c.source]
        assert plotting, lang
        for cell in plotting:
            alt = cell.metadata.get("alt", "")
            assert alt, f"{lang}: code cell {cell.id} has no metadata.alt"
            japanese = bool(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", alt))
            assert japanese == (lang == "ja"), f"{lang}: alt of {cell.id} in the wrong language"


def test_notebook_page_fails_on_an_image_without_alt(tmp_path):
    import importlib.util

    from mkdocs.exceptions import PluginError

    spec = importlib.util.spec_from_file_location("nb_hook", ROOT / "scripts/notebook_pages.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    html = '<img alt="No description has been provided for this image" src="data:x">'
    path = tmp_path / "n.ipynb"
    page_file = SimpleNamespace(abs_src_path=str(path), src_uri="generated/notebooks/n.ipynb")

    nbformat.write(_notebook('A "plot"'), path)
    assert hook._with_plot_alts(html, page_file) == '<img alt="A &quot;plot&quot;" src="data:x">'
    nbformat.write(_notebook(None), path)
    with pytest.raises(PluginError, match=r"metadata\.alt on code cell\(s\) plot"):
        hook._with_plot_alts(html, page_file)
    nbformat.write(_notebook("A plot"), path)
    with pytest.raises(PluginError, match="2 output image"):
        hook._with_plot_alts(html * 2, page_file)


# The built site


def test_built_pages_carry_no_bulk_nobody_reads(site):
    for page in _html_pages(site):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(site)
        assert "__codelineno" not in html, f"{where}: per-line anchors in code blocks"
        assert 'xmlns="http://www.w3.org/1998/Math/MathML"' not in html, f"{where}: MathML"
        padded = re.search(r"<math\b(?:(?!</math>).)*?&#x000", html, re.S)
        assert padded is None, f"{where}: zero-padded character references in MathML"


def test_every_figure_has_its_size(site):
    checked = 0
    for page in _html_pages(site):
        html = page.read_text(encoding="utf-8")
        for img in re.findall(r"<img\b[^>]*generated/figures/[^>]*>", html):
            assert re.search(r'\swidth="\d+"', img) and re.search(r'\sheight="\d+"', img), (
                f"{page.relative_to(site)}: {img[:120]}"
            )
            checked += 1
    assert checked > 50


def test_explorer_styles_and_script_load_only_on_the_explorer_page_and_on_demand(site):
    explorer_pages = []
    for page in _html_pages(site):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(site).as_posix()
        has_explorer = 'id="xor-explorer"' in html
        # Never loaded by the HTML itself: its loader fetches them when the reader comes near.
        assert not re.search(r'<script\b[^>]*\bsrc="[^"]*xor-explorer\.js"', html), where
        assert not re.search(r'<link\b[^>]*\bhref="[^"]*xor-explorer\.css"', html), where
        loader = re.search(r'<script src="[^"]*xor-explorer-loader\.js"[^>]*>', html)
        assert bool(loader) == has_explorer, f"{where}: explorer loader: {bool(loader)}"
        if has_explorer:
            assert re.search(r'data-script="[^"]*/xor-explorer\.js"', loader[0]), loader[0]
            assert re.search(r'data-styles="[^"]*/xor-explorer\.css"', loader[0]), loader[0]
            explorer_pages.append(where)
    assert sorted(explorer_pages) == ["en/xor-network/index.html", "xor-network/index.html"]


def _loaded(new_page, url: str, width: int, height: int):
    """A light-palette page at ``url`` once the network is idle, and the list of URLs it
    requested (the list keeps growing with whatever the page requests later)."""
    page = new_page(width, height, "light")
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, requested


def test_hidden_palette_figure_is_fetched_only_when_its_palette_is_chosen(server, new_page):
    page, requested = _loaded(new_page, server + "gradients/", 1280, 900)
    figures = [u.rsplit("/", 1)[1] for u in requested if "/generated/figures/" in u]
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
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))

    def late(route: object) -> None:
        time.sleep(0.5)
        route.continue_()

    page.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), late)
    page.goto(server + "xor/", wait_until="load")
    assert any("/bundle." in u for u in requested), "the bundle was not held back"
    figures = [u.rsplit("/", 1)[1] for u in requested if "/generated/figures/" in u]
    assert figures, "no figure fetched above the fold"
    assert not [f for f in figures if hidden in f], f"the other palette fetched: {figures}"
    assert page.evaluate("window.firstScheme") == shown


VISIBLE_STAMP = """sel => [...document.querySelector(sel).closest("figure")
    .querySelectorAll(".figure-stamps > a")].filter((a) => a.offsetParent !== null)
    .map((a) => a.querySelector("code").textContent)"""


def test_a_phone_fetches_only_the_narrow_layout_and_a_desktop_only_the_wide_one(server, new_page):
    # One first visit at 390 px, then the same tab widened: the <picture> picks again.
    page, requested = _loaded(new_page, server + "experiment/", 390, 844)
    moons = 'img[src*="/experiment_moons.light.svg"]'
    with page.expect_request(re.compile(r"/experiment_moons\.narrow\.light\.svg$")):
        page.locator(moons).scroll_into_view_if_needed()
    page.wait_for_function(f"document.querySelector('{moons}').complete")
    figures = {u.rsplit("/", 1)[1] for u in requested if "/generated/figures/" in u}
    assert figures and all(".narrow.light." in f for f in figures), figures
    source = page.locator(f"picture:has({moons}) source")
    assert page.evaluate(VISIBLE_STAMP, moons) == [source.get_attribute("data-build-key")]

    requested.clear()
    with page.expect_request(re.compile(r"/experiment_moons\.light\.svg$")):
        page.set_viewport_size({"width": 1280, "height": 844})
    page.wait_for_function(
        f"(img => img.complete && img.currentSrc.includes('/experiment_moons.light.svg#'))"
        f"(document.querySelector('{moons}'))"
    )
    figures = {u.rsplit("/", 1)[1] for u in requested if "/generated/figures/" in u}
    assert not [f for f in figures if ".dark." in f or ".narrow." in f], figures
    assert page.evaluate(VISIBLE_STAMP, moons) == [
        page.locator(moons).get_attribute("data-build-key")
    ]


# Search on demand (docs/assets/lazy-search.js)

_SEARCH = re.compile(r"/search/search_index\.json$|/workers/search\.[^/]*\.js$|/lunr/")


def test_search_loads_nothing_until_the_reader_opens_it(server, new_page):
    page, requested = _loaded(new_page, server + "en/xor/", 390, 800)
    assert not [u for u in requested if _SEARCH.search(u)], "search loaded with the page"
    # The keyboard shortcut opens search too (Material's "/" key), and the query still runs.
    with page.expect_request(re.compile(r"/search/search_index\.json$")):
        page.keyboard.press("/")
    box = page.locator(".md-search__input")
    box.fill("sigmoid")
    box.press("End")
    first = page.locator(".md-search-result__item a").first
    first.wait_for(state="visible", timeout=15000)
    assert any("/workers/search." in u for u in requested)


def test_a_page_opened_from_a_search_result_highlights_its_terms(server, new_page):
    page = new_page(1280, 900, "light")
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(server + "en/xor/?h=sigmoid")
    page.locator("mark[data-md-highlight]").first.wait_for(state="attached", timeout=15000)
    assert any(u.endswith("/search/search_index.json") for u in requested)


# Notebook plots as files


def _png(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))  # fmt: skip


def test_inline_pngs_become_files_named_by_content():
    import base64

    from activation_tutorial.images import inline_pngs_as_files, png_pixel_size

    png = _png(3, 2)
    assert png_pixel_size(png) == (3, 2)
    data = base64.b64encode(png).decode()
    html = f'<p><img alt="A plot" class="" src="data:image/png;base64,{data}"/></p>'
    out, files = inline_pngs_as_files(html + html)
    [(name, content)] = files.items()
    assert content == png and re.fullmatch(r"[0-9a-f]{16}\.png", name)
    assert out == 2 * f'<p><img alt="A plot" class="" width="3" height="2" src="{name}"/></p>'
    with pytest.raises(ValueError):
        png_pixel_size(b"GIF89a" + bytes(30))


def test_notebook_pages_link_their_plots(site):
    pages = sorted(site.glob("**/generated/notebooks/*/index.html"))
    assert len(pages) == 2
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "data:image/" not in html, page.relative_to(site)
        images = re.findall(r"<img\b[^>]*>", html)
        assert images
        for img in images:
            src = re.search(r'\ssrc="([^"]+)"', img)[1]
            assert (page.parent / src).is_file(), f"{page.relative_to(site)}: {src} missing"
            assert re.search(r'\salt="[^"]{20,}"', img) and re.search(r'\sheight="\d+"', img)


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
    page.wait_for_function("document.querySelector('article .md-typeset__scrollwrap')")
    count, wrapped, unwrapped = page.evaluate(UNWRAP_TABLES)
    assert count >= 1
    moved = [(a, b) for a, b in zip(wrapped, unwrapped, strict=True) if a != b]
    assert moved == [], f"{path}: {len(moved)} elements move, first {moved[:3]}"


# Our own CSS and JS


def test_our_css_and_js_are_served_minified(site: Path):
    """Every stylesheet and script we wrote reaches the built site minified, under its own name."""
    from activation_tutorial.lean_assets import minified, own_assets

    sources = own_assets(ROOT / "docs")
    assert {p.name for p in sources} >= {"site.css", "theme-fixes.js", "lazy-search.js"}
    for source in sources:
        text = source.read_text(encoding="utf-8")
        built = (site / "assets" / source.name).read_text(encoding="utf-8")
        assert built == minified(text, source.suffix), f"{source.name} is not minified in the site"
        assert len(built) < 0.8 * len(text), f"{source.name}: {len(built)} of {len(text)} bytes"


def test_minified_keeps_template_literals_and_strings():
    from activation_tutorial.lean_assets import minified

    js = "// why\nconst a = `x  ${b}  y`; /* c */ const s = '  //  ';\n"
    assert minified(js, ".js") == "const a=`x  ${b}  y`;const s='  //  ';"
    assert minified("a { color : red ; } /* c */", ".css") == "a{color:red}"
