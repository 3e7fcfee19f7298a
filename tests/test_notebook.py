"""The XOR walk-through notebook: both languages alike, every cell runs, the built pages work,
its plots carry the notebooks' alt text and are files, not inline data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import matplotlib
import nbformat
import pytest
from chromium import SET_SCHEME

from activation_tutorial.notebook.walkthrough import (
    REPOSITORY,
    code_sources,
    colab_url,
    execute,
    load,
    notebook_bytes,
    output_image_alts,
    source_name,
    with_links,
    with_outputs_of,
)

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ja", "en")
PAGE = "generated/notebooks/xor-walkthrough/"


@pytest.fixture(scope="module")
def sources() -> dict[str, nbformat.NotebookNode]:
    return {lang: load(ROOT, lang) for lang in LANGS}


def _headings(nb: nbformat.NotebookNode) -> list[int]:
    return [len(m) for c in nb.cells if c.cell_type == "markdown"
            for m in re.findall(r"^(#+) ", c.source, re.M)]  # fmt: skip


def test_languages_have_the_same_code_and_structure(sources):
    ja, en = sources["ja"], sources["en"]
    assert code_sources(ja) == code_sources(en)
    assert [c.cell_type for c in ja.cells] == [c.cell_type for c in en.cells]
    assert _headings(ja) == _headings(en)
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for cell in en.cells:
        assert not japanese.search(cell.source), f"Japanese in the English notebook: {cell.id}"


def test_sources_are_valid_and_carry_no_outputs(sources):
    # Outputs belong to the build; the committed notebooks are what Colab opens.
    for lang, nb in sources.items():
        nbformat.validate(nb)
        assert nb.metadata.kernelspec.name == "python3"
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{lang}: {cell.id}"


def test_every_cell_runs_in_order_and_prints_the_numbers_the_pages_show(sources):
    """The notebook's code, cell after cell in one namespace, as a reader running it would; the
    f(z) it prints are the site's float64 values."""
    import contextlib
    import io

    import matplotlib.pyplot as plt
    import torch

    from activation_tutorial.xor.table import xor_table_rows

    namespace: dict[str, object] = {}
    shown, printed = [], io.StringIO()
    show, plt.show = plt.show, lambda *a, **k: (shown.append(1), plt.close("all"))
    default = torch.get_default_dtype()  # the notebook sets it; other tests expect theirs
    try:
        with matplotlib.rc_context(), contextlib.redirect_stdout(printed):
            for i, source in enumerate(code_sources(sources["en"])):
                try:
                    exec(compile(source, f"{source_name('en')}[code cell {i}]", "exec"), namespace)
                except Exception as exc:
                    raise AssertionError(f"code cell {i} failed: {exc!r}\n{source}") from exc
    finally:
        plt.show = show
        plt.close("all")
        torch.set_default_dtype(default)
    assert shown == [1], "the plotting cell should show exactly one figure"
    for row in xor_table_rows():
        assert f"[{row.f_z1:.7f}, {row.f_z2:.7f}]" in printed.getvalue(), (row, printed.getvalue())


def test_printed_text_is_one_output_however_the_kernel_sends_it(tmp_path):
    """A print the kernel flushes in two pieces (here forced by a pause) still gives one output:
    the executed notebook's bytes must not depend on how busy the machine was."""
    code = 'import sys, time\nprint("a", end="", flush=True)\ntime.sleep(0.5)\nprint("b")'
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    outputs = execute(nb, tmp_path).cells[0].outputs
    assert [(o.output_type, o.name, o.text) for o in outputs] == [("stream", "stdout", "ab\n")]


def test_links_cell(sources):
    nb = with_links(sources["en"], "en")
    assert len(nb.cells) == len(sources["en"].cells) + 1
    link = nb.cells[1].source
    assert "(xor-walkthrough.en.ipynb)" in link
    assert f"(https://colab.research.google.com/github/{REPOSITORY}/blob/main/notebooks/" in link
    assert colab_url("ja").endswith("/notebooks/xor-walkthrough.ipynb")
    assert (ROOT / "notebooks" / source_name("en")).exists()


def test_colab_repository_is_the_sites_repository():
    assert f"https://github.com/{REPOSITORY}\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_outputs_are_shared_only_between_identical_code(sources):
    ja = sources["ja"]
    ran = nbformat.from_dict(json.loads(json.dumps(ja)))
    first = next(c for c in ran.cells if c.cell_type == "code")
    first.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hello\n")]
    first.execution_count = 1
    shared = with_outputs_of(sources["en"], ran)
    assert next(c for c in shared.cells if c.cell_type == "code").outputs[0].text == "hello\n"
    assert notebook_bytes(shared) == notebook_bytes(with_outputs_of(sources["en"], ran))
    first.source += "\nprint('changed')"
    with pytest.raises(ValueError, match="code cells differ"):
        with_outputs_of(sources["en"], ran)


@pytest.mark.parametrize("lang", LANGS)
def test_built_notebook_page(site, lang):
    base = "" if lang == "ja" else "en/"
    page = site / base / PAGE / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "jupyter-wrapper" in html, "not rendered as a notebook"
    # Executed by the build: the printed results and the figure are on the page.
    assert re.search(r"correct: [0-3] of 4", html)
    # Its plots are files beside the page (named by content), with their size; their alt text:
    # test_quality_static.
    assert "data:image/" not in html
    images = re.findall(r"<img\b[^>]*>", html)
    assert images
    for img in images:
        src = re.search(r'\ssrc="([0-9a-f]{16}\.png)"', img)[1]
        assert (page.parent / src).is_file() and re.search(r'\sheight="\d+"', img), img
    download = source_name(lang)
    assert f'href="{download}"' in html
    nb = nbformat.reads((page.parent / download).read_text(encoding="utf-8"), as_version=4)
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert f'href="{colab_url(lang)}"' in html


PERMALINK_STYLE = """link => {
    const s = getComputedStyle(link);
    return { color: s.color, opacity: s.opacity, decoration: s.textDecorationLine,
             display: s.display, margin: s.marginLeft };
}"""
PERMALINK_STYLES = f"links => links.map({PERMALINK_STYLE})"
"""The same for every link found, in one round trip."""
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
    """The "¶" links are the theme's permalinks (hidden until hover or focus, never underlined)
    and each code cell's copy button sits in its top-right corner, as on every other page."""
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
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
            for i, style in enumerate(links.evaluate_all(PERMALINK_STYLES)):
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
            heading.scroll_into_view_if_needed()
            page.screenshot(path=artifacts / f"notebook-{width}-{scheme}.png")


def test_notebook_permalinks_are_reached_and_shown_by_keyboard(server, warm_page):
    page = warm_page()
    page.goto(server + PAGE)
    # Tab to a heading's "¶".
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate(
            "!!document.activeElement.closest('.jupyter-wrapper h1, .jupyter-wrapper h2')"
        ):
            break
    else:
        pytest.fail("Tab never reached a heading link of the notebook")
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")
    assert page.evaluate("document.activeElement.getAttribute('href').startsWith('#')")


# ---- Plots: alt text from the notebooks, files rather than inline data ----------------------


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


def test_notebook_page_fails_on_an_image_without_alt(tmp_path):
    import importlib.util

    from mkdocs.exceptions import PluginError

    spec = importlib.util.spec_from_file_location("nb_hook", ROOT / "scripts/notebook_pages.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    html = '<img alt="No description has been provided for this image" src="data:x">'
    path = tmp_path / "n.ipynb"
    page = SimpleNamespace(abs_src_path=str(path), src_uri="generated/notebooks/n.ipynb")

    nbformat.write(_notebook('A "plot"'), path)
    assert hook._with_plot_alts(html, page) == '<img alt="A &quot;plot&quot;" src="data:x">'
    nbformat.write(_notebook(None), path)
    with pytest.raises(PluginError, match=r"metadata\.alt on code cell\(s\) plot"):
        hook._with_plot_alts(html, page)
    nbformat.write(_notebook("A plot"), path)
    with pytest.raises(PluginError, match="2 output image"):
        hook._with_plot_alts(html * 2, page)


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
