"""Figures as SVG: the same bytes each time, light differs from dark, cropped as matplotlib's
"tight" box would be, drawn once."""

from __future__ import annotations

import pytest

from activation_tutorial.figures.style import DARK, LIGHT, svg_bytes


def _line(palette):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from activation_tutorial.figures.style import themed

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
