"""Figures as SVG files: the same bytes each time, light differs from dark, cropped as matplotlib's
"tight" box would be but drawn once, shorter SVG that draws the same pixels, and the size a page
reserves for it."""

import base64
import io
import re
import xml.etree.ElementTree as ET

import matplotlib.pyplot as plt
import pytest

from activation_tutorial.figures.style import (
    DARK,
    LIGHT,
    compact_svg,
    round_positions,
    shorter_syntax,
    svg_bytes,
    themed,
)
from activation_tutorial.pictures import svg_pixel_size


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


def test_generated_figures_are_compact(site):
    figures = sorted((site / "generated" / "figures").glob("*.svg"))
    assert len(figures) > 20
    for svg in figures:
        data = svg.read_bytes()
        assert b"<!--" not in data, svg.name
        # matplotlib indents each of hundreds of elements.
        assert not re.search(rb"\n +<", data), svg.name
        assert not re.search(rb' d="[^"]*\d\.\d{3}', data), svg.name


def test_svg_pixel_size():
    assert svg_pixel_size(b'<svg width="366.373437pt" height="257.468906pt">') == (488, 343)
    assert svg_pixel_size(b'<svg width="100" height="50px">') == (100, 50)
    assert svg_pixel_size(b'<svg viewBox="0 0 1 1">') is None


def _line(palette):
    with themed(palette):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1])
    svg = svg_bytes(fig)
    plt.close(fig)
    return svg


def test_light_and_dark_differ_and_each_is_deterministic():
    assert _line(LIGHT) == _line(LIGHT)
    assert _line(LIGHT) != _line(DARK)


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
