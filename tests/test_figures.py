"""Figures: SVG cropped as matplotlib's "tight" box would be but drawn once, shorter SVG that
draws the same pixels; phone layouts drawn by the same builders as the desktop ones (the built
pages serve them with ``<picture>``: test_quality_static; the size a page reserves and which file
a browser fetches: test_first_paint). Light differs from dark: test_page_code's isolated run; the
same bytes each time: test_build_cache's clean build."""

import base64
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from activation_tutorial.figures.style import (
    DARK,
    LIGHT,
    compact_svg,
    rc_params,
    round_positions,
    shorter_syntax,
    svg_bytes,
    themed,
)
from activation_tutorial.pictures import svg_pixel_size

ROOT = Path(__file__).resolve().parent.parent


def _columns_and_titles(fig) -> tuple[int, list[str]]:
    shown = [ax for ax in fig.axes if ax.get_visible()]
    columns = {round(ax.get_position().x0, 3) for ax in shown}
    return len(columns), [ax.get_title() for ax in shown]


def test_moons_narrow_layout_has_the_same_panels_in_two_columns():
    import numpy as np

    from activation_tutorial.activations import REGISTRY
    from activation_tutorial.experiment.moons import MoonsRuns, MoonsSettings
    from activation_tutorial.figures.experiment_plots import moons_boundaries

    settings = replace(MoonsSettings(), grid_points=12, n_train=20)
    g = np.linspace(-1, 1, 12)
    runs = [
        MoonsRuns(key, (1.0,), (0.0,), np.add.outer(g, g) + i / 10)
        for i, key in enumerate(REGISTRY)
    ]
    try:
        wide = moons_boundaries(runs, settings, DARK)
        narrow = moons_boundaries(runs, settings, DARK, "narrow")
        wide_columns, wide_titles = _columns_and_titles(wide)
        narrow_columns, narrow_titles = _columns_and_titles(narrow)
    finally:
        plt.close("all")
    assert (wide_columns, narrow_columns) == (4, 2)
    assert narrow_titles == wide_titles == [r.name for r in REGISTRY.values()]
    assert narrow.get_figwidth() < 0.6 * wide.get_figwidth()


def test_a_snippet_calling_a_builder_without_a_layout_draws_the_runs_layout():
    from activation_tutorial.page_code import run_file

    def drawn(layout):
        results = run_file(ROOT / "docs" / "code" / "xor.py", ROOT, LIGHT, layout)
        return next(r.figure for r in results if r.name == "xor_linear_vs_network")

    try:
        wide, narrow = drawn("wide"), drawn("narrow")
        shapes = [_columns_and_titles(f) for f in (wide, narrow)]
        widths = [f.get_figwidth() for f in (wide, narrow)]
    finally:
        plt.close("all")
    # Side by side in both (the captions say left and right), in a figure a phone's column wide.
    assert shapes[0] == shapes[1] == (2, ["3 / 4", "4 / 4"])
    assert widths[1] <= rc_params(LIGHT, "narrow")["figure.figsize"][0] < widths[0]


PHONE_COLUMN_PX = 358
"""The article's width at 390 px (measured in Chromium); at 1280 px it is 688."""
DESKTOP_COLUMN_PX = 688


def test_comparison_figures_are_legible_on_a_phone_and_their_legends_cover_no_line():
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from activation_tutorial.page_code import run_file

    try:
        for layout, column in (("narrow", PHONE_COLUMN_PX), ("wide", DESKTOP_COLUMN_PX)):
            results = run_file(ROOT / "docs" / "code" / "comparison.py", ROOT, LIGHT, layout)
            figures = {r.name: r.figure for r in results}
            for name in ("compare_functions", "compare_derivatives"):
                fig = figures[name]
                # Shown at its natural size, or scaled down to the column (max-width: 100%).
                natural = svg_pixel_size(svg_bytes(fig))[0]
                shown = min(natural, column)
                texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
                smallest = min(t.get_fontsize() for t in texts) * 96 / 72 * shown / natural
                # On a phone the legend's text is about 11 px tall (7 px in the desktop figure);
                # a desktop shows the figure unscaled, as every other figure of the site.
                assert smallest >= (10 if layout == "narrow" else 12), (layout, name, smallest)
                assert layout == "narrow" or shown < column, (layout, name, shown)
                FigureCanvasAgg(fig).draw()  # the run closed it: lay it out again to measure
                for n, ax in enumerate(fig.axes):
                    legend = ax.get_legend()
                    assert legend is not None, f"{name}: panel {n} names its curves"
                    box = legend.get_window_extent()
                    for line in ax.get_lines():
                        points = line.get_transform().transform(line.get_xydata())
                        x, y = points[np.isfinite(points).all(axis=1)].T
                        inside = (x > box.x0) & (x < box.x1) & (y > box.y0) & (y < box.y1)
                        assert not inside.any(), f"{name}: panel {n}'s legend covers a line"
    finally:
        plt.close("all")


def _numbers(value: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", value)]


def _saved(fig, **savefig: object) -> bytes:
    """What matplotlib's own SVG writer makes of ``fig``, which it then closes."""
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None}, **savefig)
    plt.close(fig)
    return buf.getvalue()


def test_rounding_moves_nothing_by_more_than_half_a_hundredth():
    with themed(LIGHT):
        fig, ax = plt.subplots()
        ax.plot([0.123456, 1.7, 2.0], [0.3333333, -1.25, 2.5])
        ax.set_xlabel("x")
    original = _saved(fig)
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


def test_shorter_svg_syntax_draws_the_same_pixels(warm_page):
    """A figure with curves, dashes, a legend, ticks and labels, before and after."""
    with themed(LIGHT):
        fig, ax = plt.subplots()
        x = [i / 10 for i in range(-40, 41)]
        ax.plot(x, [max(v, 0) for v in x], label="ReLU")
        ax.plot(x, [v / (1 + abs(v)) for v in x], "--", label="f'(x)")
        ax.set_xlabel("x")
        ax.set_title("Sigmoid")
        ax.legend()
        ax.grid(True)
    before = round_positions(_saved(fig))
    after = shorter_syntax(before)
    assert len(after) < 0.9 * len(before)
    assert b"xlink:href" not in after and b"<!DOCTYPE" not in after
    page = warm_page(900, 700, "light")
    shots = []
    for svg in (before, after):
        url = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
        page.set_content(f'<img id="f" src="{url}">')
        page.wait_for_function("document.getElementById('f').complete")
        shots.append(page.locator("#f").screenshot())
    assert shots[1] == shots[0]


def test_shorter_svg_syntax_keeps_what_is_referred_to():
    svg = (
        b'<svg xmlns:xlink="http://www.w3.org/1999/xlink"><g id="figure_1"><g id="line2d_1">'
        b'<path d="M 0 0 L 1 1 z" clip-path="url(#p1)" style="fill: none; stroke: red"/></g>'
        b'<defs><path id="g1" d="M 2 2"/></defs>'
        b'<use xlink:href="#g1" transform="translate(3.5 0)"/>'
        b'<clipPath id="p1"><rect/></clipPath></g></svg>'
    )
    assert shorter_syntax(svg) == (
        b'<svg><g><path d="M0 0L1 1z" clip-path="url(#p1)" style="fill:none;stroke:red"/>'
        b'<defs><path id="g1" d="M2 2"/></defs><use href="#g1" x="3.5"/>'
        b'<clipPath id="p1"><rect/></clipPath></g></svg>'
    )


def _crop_of(svg: bytes) -> tuple[float, ...]:
    """Width, height and the axes' top-left corner as seen in the SVG's coordinates."""
    w, h = (float(v) for v in re.search(rb'width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    view = re.search(rb'viewBox="([-\d. ]+)"', svg)[1].split()
    # The axes' frame is the second path (after the figure's): "M left bottom L ...".
    corner = re.findall(rb'<path d="M(-?[\d.]+) (-?[\d.]+)L', svg)[1]
    return w, h, *(float(c) - float(v) for c, v in zip(corner, view[:2], strict=True))


@pytest.mark.parametrize("layout", ["plain", "tight_layout", "colorbar"])
def test_svg_bytes_draws_once_and_crops_as_bbox_inches_tight(layout):
    # Drawing is most of a figure's build time: svg_bytes crops by the SVG's viewBox after one
    # drawing instead of savefig's bbox_inches="tight", which draws twice (and tight_layout's
    # stand-in layout engine once more, only to measure): same box, same padding, to 0.02 pt.
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
    engine = fig.get_layout_engine()
    drawn = []
    fig.canvas.mpl_connect("draw_event", drawn.append)
    ours = svg_bytes(fig)
    assert len(drawn) == 1
    assert fig.get_layout_engine() is engine  # the caller's figure is left as it was
    theirs = compact_svg(_saved(fig, bbox_inches="tight", transparent=True))
    assert _crop_of(ours) == pytest.approx(_crop_of(theirs), abs=0.02)
