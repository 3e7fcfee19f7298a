"""The XOR network page's figures. The diagram is drawn from the network's own weights: change a
weight in the code and the picture changes with it. The decision boundary on the filled contours
(there and in the notebook) stands out from the colours it crosses (WCAG's 3:1 for graphics), in
both palettes, measured on the rendered figure: the page's own code run by the runner, in pixels."""

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from activation_tutorial.figures.style import LIGHT, PALETTES, Palette
from activation_tutorial.page_code import Result, Section, run, run_file, sections

ROOT = Path(__file__).resolve().parent.parent
CODE_PATH = "docs/code/xor-network.py"
CODE = ROOT / CODE_PATH
NOTEBOOK = ROOT / "notebooks" / "xor-walkthrough.ipynb"
FIGURES = {"xor_surface_y": CODE, "xor_surface_p": CODE, "notebook_surface": NOTEBOOK}
MINIMUM = 3.0
"""WCAG 2.1, 1.4.11 Non-text Contrast: a graphic a reader needs, against what is next to it."""


def relative_luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG's relative luminance of sRGB colours in 0..1 (last axis: r, g, b)."""
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """WCAG contrast ratio between colours ``a`` and ``b`` (1 to 21)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


@cache
def rendered(palette: Palette, file: Path) -> dict[str, Result]:
    return {r.name: r for r in run_file(file, ROOT, palette) if r.name in FIGURES}


def boundary_contrasts(result: Result, page_background: str) -> np.ndarray:
    """The contrast between the boundary line's colour and the figure's pixels on both sides
    of it, at points along the line (away from the four input markers and the axes' frame),
    over the page's background (the figures are transparent)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import to_rgb
    from matplotlib.contour import ContourSet

    fig = result.figure
    for patch in (fig.patch, *(ax.patch for ax in fig.axes)):
        patch.set_alpha(0)  # as the site saves it (transparent), over the page's background
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba(), dtype=float) / 255
    alpha = pixels[..., 3:4]
    seen = pixels[..., :3] * alpha + np.array(to_rgb(page_background)) * (1 - alpha)
    height = pixels.shape[0]

    ax = fig.axes[0]
    (line,) = [c for c in ax.collections if isinstance(c, ContourSet) and not c.filled]
    colour = np.array(line.get_edgecolor()[0][:3])
    width_px = float(np.max(line.get_linewidth())) * fig.dpi / 72
    found = []
    for path in line.get_paths():
        data = path.vertices
        near_input = np.min(np.linalg.norm(data[:, None, :] - _INPUTS[None], axis=2), axis=1)
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        inside = (data[:, 0] > x0 + 0.05) & (data[:, 0] < x1 - 0.05)  # not on the axes' frame
        inside &= (data[:, 1] > y0 + 0.05) & (data[:, 1] < y1 - 0.05)
        shown = ax.transData.transform(data)
        step = np.gradient(shown, axis=0)
        normal = np.stack([-step[:, 1], step[:, 0]], axis=1)
        normal /= np.linalg.norm(normal, axis=1, keepdims=True) + 1e-12
        for side in (-1, 1):
            x, y = (shown + side * (width_px / 2 + 3) * normal).T
            col, row = np.round(x).astype(int), np.round(height - y).astype(int)
            keep = inside & (near_input > 0.2) & (row >= 0) & (row < height) & (col >= 0)
            keep &= col < pixels.shape[1]
            found.append(contrast(colour, seen[row[keep], col[keep]]))
    values = np.concatenate(found)
    assert values.size > 50, "too few points along the boundary to measure"
    return values


_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
_PAGE_BACKGROUND = {"light": "#ffffff", "dark": "#1e2129"}
"""Material's page background in each palette (default and slate schemes)."""


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: p.name)
@pytest.mark.parametrize("name", FIGURES)
def test_the_decision_boundary_stands_out_from_the_colours_it_crosses(name, palette):
    figure = rendered(palette, FIGURES[name])[name]
    values = boundary_contrasts(figure, _PAGE_BACKGROUND[palette.name])
    worst = float(values.min())
    assert worst >= MINIMUM, (
        f"{name} ({palette.name}): the boundary's contrast against the colours beside it falls "
        f"to {worst:.2f}:1 (at least {MINIMUM}:1 needed)"
    )


def test_the_measure_sees_a_line_that_blends_in():
    """A line in the fill's own colour measures about 1:1: the test can fail."""
    light = np.array([0.97, 0.97, 0.97])
    assert contrast(light, light[None])[0] == pytest.approx(1.0)
    assert contrast(np.zeros(3), np.ones((1, 3)))[0] == pytest.approx(21.0)


def diagram_labels(*between: Section) -> set[str]:
    """The diagram's texts, drawn after the page's network is built and ``between`` has run."""
    from matplotlib.text import Text

    found = {s.name: s for s in sections(CODE.read_text(encoding="utf-8"), CODE_PATH)}
    order = [found["pytorch_network"], *between, found["network_diagram"]]
    figure = run(order, CODE_PATH, LIGHT, figures={"network_diagram"})[-1].figure
    return {t.get_text() for t in figure.findobj(Text)}


def test_the_diagram_shows_the_weights_and_biases_of_the_network_and_follows_a_change():
    labels = diagram_labels()
    assert {
        "$w_{11} = 10$",
        "$w_{22} = -10$",
        "$w_{31} = 10$",
        "$b_1 = -5$",
        "$b_3 = -15$",
    } <= labels
    change = "with torch.no_grad():\n    net[0].weight[0, 0] = 3.0\n    net[2].bias[0] = -7.5\n"
    labels = diagram_labels(Section("change", 1, change))
    assert "$w_{11} = 3$" in labels and "$w_{11} = 10$" not in labels
    assert "$b_3 = -7.5$" in labels
