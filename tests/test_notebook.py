"""The XOR walk-through notebook: both languages alike, every cell runs, the built pages work,
its plots are the site's figures, drawn from the plotting cells in the site's style."""

from __future__ import annotations

import copy
import json
import re
from html import escape as html_escape
from html import unescape as html_unescape
from pathlib import Path

import nbformat
import pytest
from chromium import SET_SCHEME

from activation_tutorial.notebook.walkthrough import execute, load, source_name, with_outputs_of
from activation_tutorial.page_code import PageCodeError, run_file
from activation_tutorial.translation import in_language
from activation_tutorial.xor.table import xor_table_rows

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ja", "en")
PAGE = "generated/notebooks/xor-walkthrough/"


@pytest.fixture(scope="module")
def sources() -> dict[str, nbformat.NotebookNode]:
    return {lang: load(ROOT, lang) for lang in LANGS}


def _headings(nb: nbformat.NotebookNode) -> list[int]:
    return [len(m) for c in nb.cells if c.cell_type == "markdown"
            for m in re.findall(r"^(#+) ", c.source, re.M)]  # fmt: skip


def test_sources_are_valid_alike_in_both_languages_and_carry_no_outputs(sources):
    # The same code too: with_outputs_of refuses notebooks whose code differs, at every build.
    ja, en = sources["ja"], sources["en"]
    assert [(c.cell_type, c.id) for c in ja.cells] == [(c.cell_type, c.id) for c in en.cells]
    assert _headings(ja) == _headings(en)
    for cell in en.cells:  # its prose, alt text and caption
        text = cell.source + json.dumps(cell.metadata, ensure_ascii=False)
        assert not in_language(text, "ja"), f"Japanese in the English notebook: {cell.id}"
    # Outputs belong to the build; the committed notebooks are what Colab opens.
    for lang, nb in sources.items():
        nbformat.validate(nb)
        assert nb.metadata.kernelspec.name == "python3"
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{lang}: {cell.id}"


def test_a_cell_that_plots_without_alt_text_stops_the_build(tmp_path):
    from activation_tutorial.figures.style import LIGHT

    code = "import matplotlib.pyplot as plt\nplt.plot([1])\nplt.show()"
    plot = nbformat.v4.new_code_cell(code, id="plot", metadata={"alt": "A line"})
    file = tmp_path / "n.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[plot]), file)
    assert [r.figure is not None for r in run_file(file, tmp_path, LIGHT)] == [True]
    del plot.metadata["alt"]
    nbformat.write(nbformat.v4.new_notebook(cells=[plot]), file)
    with pytest.raises(PageCodeError, match=r"n\.ipynb:1: section 'plot' must show 0 figure"):
        run_file(file, tmp_path, LIGHT)


@pytest.mark.slow
def test_printed_text_is_one_output_however_the_kernel_sends_it(tmp_path):
    """A print the kernel flushes in two pieces (here forced by a pause) still gives one output:
    the executed notebook's bytes must not depend on how busy the machine was."""
    code = 'import sys, time\nprint("a", end="", flush=True)\ntime.sleep(0.5)\nprint("b")'
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    outputs = execute(nb, tmp_path).cells[0].outputs
    assert [(o.output_type, o.name, o.text) for o in outputs] == [("stream", "stdout", "ab\n")]


def test_outputs_are_shared_only_between_identical_code(sources):
    """That the English notebook shows the Japanese run's outputs: test_built_notebook_page."""
    ran = copy.deepcopy(sources["ja"])
    next(c for c in ran.cells if c.cell_type == "code").source += "\nprint('changed')"
    with pytest.raises(ValueError, match="code cells differ"):
        with_outputs_of(sources["en"], ran)


@pytest.mark.parametrize("lang", LANGS)
def test_built_notebook_page(site, lang):
    base = "" if lang == "ja" else "en/"
    html = (site / base / PAGE / "index.html").read_text(encoding="utf-8")
    assert "jupyter-wrapper" in html, "not rendered as a notebook"
    # Executed by the build: the printed results are on the page; its plot is the site's figure in
    # both palettes (files and phone layout: test_quality_static), no raster image on white.
    assert re.search(r"correct: [0-3] of 4", html)
    assert "data:image/" not in html and not re.search(r"<img [^>]*\.png", html)
    figure = re.search(r"<figure>(.*?)<figcaption>(.*?)</figcaption></figure>", html, re.S)
    cell = next(c for c in load(ROOT, lang).cells if c.get("id") == "notebook_surface")
    assert html_unescape(figure[2]) == f"<p>{cell.metadata.caption}</p>"
    images = re.findall(r'<img [^>]*src="([^"]+)"', figure[1])
    assert [re.sub(r".*/generated/", "", src) for src in images] == [
        "figures/notebook_surface.light.svg#only-light",
        "figures/notebook_surface.dark.svg#only-dark",
    ]
    assert figure[1].count(f'alt="{html_escape(cell.metadata.alt)}"') == 2
    download = source_name(lang)
    assert f'href="{download}"' in html
    # Every cell ran, in order, in the build (the runner drew its figures from the same cells:
    # one for a cell with alt text, else none); the f(z) it prints are the site's float64 values.
    for row in xor_table_rows():
        assert f"[{row.f_z1:.7f}, {row.f_z2:.7f}]" in html, row
    # Colab opens the committed notebook, in the repository the site links to
    repo = re.search(r'href="https://github\.com/([^"]+)"[^>]*title="GitHub"', html)[1]
    colab = f"https://colab.research.google.com/github/{repo}/blob/main/notebooks/{download}"
    assert f'href="{colab}"' in html


PERMALINK_STYLE = """link => {
    const s = getComputedStyle(link);
    return { color: s.color, opacity: s.opacity, decoration: s.textDecorationLine,
             display: s.display, margin: s.marginLeft };
}"""
COPY_OFFSETS = """([button, box]) => [...document.querySelectorAll(button)].map((b) => {
    const outer = b.closest(".jp-InputArea-editor, .highlight").querySelector(box);
    const r = b.getBoundingClientRect(), o = outer.getBoundingClientRect();
    return [Math.round(o.right - r.right), Math.round(r.top - o.top), Math.round(r.width)];
})"""


COVERED_CODE = """(button) => [...document.querySelectorAll(button)].filter((b) => {
    // The first line of the code in the button's box: a button beside it covers code.
    const pre = b.closest(".jp-InputArea-editor, .highlight").querySelector("pre");
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT,
        { acceptNode: (t) => (t.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) });
    const range = document.createRange();
    range.selectNodeContents(walker.nextNode());
    return b.getBoundingClientRect().bottom > range.getClientRects()[0].top + 1;
}).length"""


def test_notebook_headings_and_copy_buttons_look_like_the_theme(server, warm_page):
    """The "¶" links are the theme's permalinks (hidden until hover or keyboard focus, never
    underlined) and each code cell's copy button sits in its top-right corner, as on other pages."""
    # The theme's own permalink and copy button, on a Markdown page: the home page has both (a
    # heading link, code blocks) and no figures, so it loads for less than a page full of them.
    ref = warm_page()
    ref.goto(server)
    ref.locator(".md-code__button").first.wait_for()
    page = warm_page()  # in front: the notebook is hovered and photographed, ref only computes
    page.goto(server + PAGE)
    links = page.locator(".jupyter-wrapper :is(h1, h2, h3) > a[href^='#']")
    assert links.count() >= 5
    heading = page.locator(".jupyter-wrapper h2").first
    for width in (390, 1280):
        for scheme in ("default", "slate"):
            for tab in (ref, page):
                tab.set_viewport_size({"width": width, "height": 900})
                tab.evaluate(SET_SCHEME, scheme)
            page.mouse.move(0, 0)
            expected = ref.locator(".md-content h2 > a.headerlink").first.evaluate(PERMALINK_STYLE)
            assert expected["opacity"] == "0" and expected["decoration"] == "none"
            for i, style in enumerate(links.evaluate_all(f"links => links.map({PERMALINK_STYLE})")):
                assert style == expected, (width, scheme, i)
            heading.hover()
            assert heading.locator("a").evaluate("a => getComputedStyle(a).opacity") == "1"
            corner = ref.evaluate(COPY_OFFSETS, [".md-code__button", "pre"])[0]
            offsets = page.evaluate(COPY_OFFSETS, ["clipboard-copy", "pre"])
            assert len(offsets) >= 5
            assert all(
                all(abs(a - b) <= 1 for a, b in zip(o, corner, strict=True)) for o in offsets
            ), (
                f"{width} {scheme}: copy buttons at (right, top, size) {offsets}, "
                f"the theme's at {corner}"
            )
            if width == 390:  # on a phone the button has a row of its own above the code
                assert page.evaluate(COVERED_CODE, "clipboard-copy") == 0
                assert ref.evaluate(COVERED_CODE, ".md-code__button") == 0
    # Tab to a heading's "¶": the keyboard shows it too.
    at_heading = "!!document.activeElement.closest('.jupyter-wrapper :is(h1, h2)')"
    tabs = (page.keyboard.press("Tab") or page.evaluate(at_heading) for _ in range(200))
    assert any(tabs), "Tab never reached a heading link of the notebook"
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")
    assert page.evaluate("document.activeElement.getAttribute('href').startsWith('#')")
