"""The snippet machinery: every block is tested, and the figure beside a snippet is its output."""

from __future__ import annotations

from pathlib import Path

import pytest
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser

from activation_tutorial.docs_code.blocks import code_blocks, python_blocks
from activation_tutorial.docs_code.runner import SnippetError, run_blocks
from activation_tutorial.figures.style import DARK, LIGHT, svg_bytes

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if p.relative_to(DOCS).parts[0] != "generated")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_sybil_runs_every_python_block(page):
    # Sybil's lexer skips fences it cannot parse (e.g. with attributes): count both ways.
    ours = [b.line for b in python_blocks(page, ROOT)]
    document = Sybil(parsers=[PythonCodeBlockParser()]).parse(page)
    theirs = [e.line for e in document]
    where = page.relative_to(ROOT).as_posix()
    assert theirs == ours, f"{where}: blocks Sybil would not run: {set(ours) - set(theirs)}"


def test_fence_parser_reports_lines_and_markers():
    text = (
        "intro\n<!-- figure: demo -->\n```python\nx = 1\n```\n\n    ```python\n    y = 2\n    ```\n"
    )
    blocks = code_blocks(text, "docs/demo.md")
    assert [(b.line, b.figure, b.source) for b in blocks] == [
        (3, "demo", "x = 1\n"),
        (7, None, "y = 2\n"),
    ]


def test_unclosed_fence_is_an_error_with_its_line():
    with pytest.raises(ValueError, match=r"docs/x.md:2: code fence is never closed"):
        code_blocks("a\n```python\nx = 1\n", "docs/x.md")


PLOT = "import matplotlib.pyplot as plt\nplt.plot([0, 1], [0, 1])\nplt.show()\n"


def test_runner_returns_the_figure_the_snippet_drew():
    blocks = code_blocks(f"<!-- figure: line -->\n```python\n{PLOT}```\n", "docs/t.md")
    figures = run_blocks(blocks, LIGHT)
    assert list(figures) == ["line"]
    (line,) = figures["line"].axes[0].lines
    assert list(line.get_xdata()) == [0, 1]


def test_light_and_dark_differ_and_each_is_deterministic():
    blocks = code_blocks(f"<!-- figure: line -->\n```python\n{PLOT}```\n", "docs/t.md")
    light = [svg_bytes(run_blocks(blocks, LIGHT)["line"]) for _ in range(2)]
    dark = svg_bytes(run_blocks(blocks, DARK)["line"])
    assert light[0] == light[1]
    assert light[0] != dark


def test_failing_snippet_is_reported_at_page_and_line():
    text = "# t\n\n```python\nx = 1\n```\n\n```python\ny = 2\nraise RuntimeError('boom')\n```\n"
    with pytest.raises(SnippetError, match=r"^docs/t.md:7: RuntimeError: boom"):
        run_blocks(code_blocks(text, "docs/t.md"), LIGHT)


def test_marker_on_a_block_that_shows_nothing_is_an_error():
    blocks = code_blocks("<!-- figure: none -->\n```python\nx = 1\n```\n", "docs/t.md")
    with pytest.raises(SnippetError, match=r"docs/t.md:2: .*exactly one figure; it showed 0"):
        run_blocks(blocks, LIGHT)


def test_contour_fill_is_rasterised_and_light():
    from activation_tutorial.figures.xor_plots import xor_surface

    svg = svg_bytes(xor_surface("p", LIGHT))
    assert b"<image" in svg, "the filled contour should be embedded as a raster image"
    assert len(svg) < 120_000


def _crop_of(svg: bytes) -> tuple[float, ...]:
    """Width, height and the axes' top-left corner as seen in the SVG's coordinates."""
    import re

    w, h = (float(v) for v in re.search(rb'width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    view = re.search(rb'viewBox="([-\d. ]+)"', svg)[1].split()
    # The axes' frame is the second path (after the figure's): "M left bottom L ...".
    corner = re.findall(rb'<path d="M(-?[\d.]+) (-?[\d.]+)L', svg)[1]
    return w, h, *(float(c) - float(v) for c, v in zip(corner, view[:2], strict=True))


@pytest.mark.parametrize("layout", ["plain", "tight_layout", "colorbar"])
def test_svg_crop_is_what_bbox_inches_tight_gives(layout):
    # svg_bytes crops by the SVG's viewBox after one drawing instead of savefig's
    # bbox_inches="tight", which draws twice: same box, same padding, to 0.02 pt.
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from activation_tutorial.figures.style import compact_svg, themed

    with themed(LIGHT):
        fig, ax = plt.subplots()
        ax.plot([-30, 10], [0, 1e4], label="long label")
        ax.set_title("t")
        ax.set_xlabel("x")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
        if layout == "colorbar":
            fig.colorbar(ax.imshow([[0, 1], [1, 0]], extent=(-30, 10, 0, 1e4), aspect="auto"))
        if layout == "tight_layout":
            fig.tight_layout()
    ours = svg_bytes(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", transparent=True)
    plt.close(fig)
    theirs = compact_svg(buf.getvalue())
    assert _crop_of(ours) == pytest.approx(_crop_of(theirs), abs=0.02)


@pytest.mark.parametrize("tight_layout", [False, True])
def test_svg_bytes_draws_a_figure_once(tight_layout):
    # Drawing is most of a figure's build time: "tight" and tight_layout's stand-in layout
    # engine each made savefig draw once more, only to measure.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    if tight_layout:
        fig.tight_layout()
    engine = fig.get_layout_engine()
    drawn = []
    fig.canvas.mpl_connect("draw_event", drawn.append)
    svg_bytes(fig)
    plt.close(fig)
    assert len(drawn) == 1
    assert fig.get_layout_engine() is engine  # the caller's figure is left as it was
