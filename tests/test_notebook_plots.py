"""Notebook plots: their alt text comes from the notebooks, and they are files, not inline data."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from site_pages import page_file

from activation_tutorial.notebook.walkthrough import output_image_alts

ROOT = Path(__file__).resolve().parent.parent


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
    page_file = SimpleNamespace(abs_src_path=str(path), src_uri="generated/notebooks/n.ipynb")

    nbformat.write(_notebook('A "plot"'), path)
    assert hook._with_plot_alts(html, page_file) == '<img alt="A &quot;plot&quot;" src="data:x">'
    nbformat.write(_notebook(None), path)
    with pytest.raises(PluginError, match=r"metadata\.alt on code cell\(s\) plot"):
        hook._with_plot_alts(html, page_file)
    nbformat.write(_notebook("A plot"), path)
    with pytest.raises(PluginError, match="2 output image"):
        hook._with_plot_alts(html * 2, page_file)


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


def test_notebook_pages_link_their_plots(site, page_html):
    pages = [p for p in page_html if "generated/notebooks/" in p]
    assert len(pages) == 2, pages
    for where in pages:
        html = page_html[where]
        page = page_file(site, where)
        assert "data:image/" not in html, where
        images = re.findall(r"<img\b[^>]*>", html)
        assert images
        for img in images:
            src = re.search(r'\ssrc="([^"]+)"', img)[1]
            assert (page.parent / src).is_file(), f"{page.relative_to(site)}: {src} missing"
            assert re.search(r'\sheight="\d+"', img), img  # its alt: test_quality_static
