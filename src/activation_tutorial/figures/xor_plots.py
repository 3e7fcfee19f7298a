"""Figures of the XOR problem: the four points, a line against the network, contours."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from activation_tutorial.figures.style import (
    Layout,
    Palette,
    current_layout,
    current_palette,
    themed,
)
from activation_tutorial.xor.network import INPUTS, evaluate_grid, xor_target
from activation_tutorial.xor.separability import best_linear_classifier

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

LIMITS = (-0.5, 1.5)


def _points(ax: Axes, palette: Palette, wrong: set[tuple[int, int]] = frozenset()) -> None:
    """The four inputs: class 0 as circles, class 1 as triangles (shape, not only colour)."""
    for x1, x2 in INPUTS:
        cls = xor_target(x1, x2)
        ax.scatter(
            [x1], [x2], s=140, zorder=5,
            marker="o" if cls == 0 else "^",
            color=palette.class0 if cls == 0 else palette.class1,
            edgecolors=palette.text, linewidths=1.2,
        )  # fmt: skip
        if (x1, x2) in wrong:
            ax.scatter([x1], [x2], s=520, zorder=4, marker="o", facecolors="none",
                       edgecolors=palette.text, linewidths=1.5, linestyles="--")  # fmt: skip


def _square(ax: Axes) -> None:
    ax.set_xlim(*LIMITS)
    ax.set_ylim(*LIMITS)
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(True, alpha=0.6)


def xor_points(palette: Palette | None = None) -> Figure:
    """The XOR truth table as four points in the plane."""
    import matplotlib.pyplot as plt

    palette = palette or current_palette()
    with themed(palette):
        fig, ax = plt.subplots(figsize=(3.6, 3.6))
        _square(ax)
        _points(ax, palette)
        for x1, x2 in INPUTS:
            ax.annotate(f"({x1}, {x2})", (x1, x2), textcoords="offset points", xytext=(0, -24),
                        ha="center", color=palette.text)  # fmt: skip
    return fig


def linear_vs_network(palette: Palette | None = None, layout: Layout | None = None) -> Figure:
    """Left: the best straight line (3 of 4). Right: the network's curved 0.5 boundary.

    ``narrow`` keeps the panels side by side (captions say left and right) in a figure
    about a phone's column wide, so its text shows at the size it was set in."""
    import matplotlib.pyplot as plt

    palette = palette or current_palette()
    search = best_linear_classifier()
    w1, w2, b = search.best_line
    grid = evaluate_grid(*LIMITS, n=161)
    g1, g2 = grid["x1"], grid["x2"]
    with themed(palette, layout):
        size = (3.9, 2.4) if current_layout() == "narrow" else (7.2, 3.7)
        fig, (left, right) = plt.subplots(1, 2, figsize=size)
        linear = (w1 * g1 + w2 * g2 + b > 0).astype(float)
        nonlinear = (grid["p"] > 0.5).astype(float)
        for ax, region, boundary, level in (
            (left, linear, w1 * g1 + w2 * g2 + b, 0.0),
            (right, nonlinear, grid["p"], 0.5),
        ):
            _square(ax)
            ax.contourf(g1, g2, region, levels=[-0.5, 0.5, 1.5],
                        colors=[palette.class0, palette.class1], alpha=0.18)  # fmt: skip
            ax.contour(g1, g2, boundary, levels=[level], colors=[palette.text], linewidths=2)
        pred_line = {(x1, x2): int(w1 * x1 + w2 * x2 + b > 0) for x1, x2 in INPUTS}
        wrong = {pt for pt, cls in pred_line.items() if cls != xor_target(*pt)}
        _points(left, palette, wrong)
        _points(right, palette)
        left.set_title(f"{search.best_correct} / 4")
        right.set_title("4 / 4")
        fig.tight_layout()
    return fig


def xor_surface(quantity: str, palette: Palette | None = None) -> Figure:
    """Filled contours of ``y`` or ``p`` (= sigma(y)) with the decision boundary drawn.

    The fill is rasterised: as vector paths it would weigh ~600 KB.
    """
    import matplotlib.pyplot as plt

    palette = palette or current_palette()
    if quantity not in ("y", "p"):
        raise ValueError(f"quantity must be 'y' or 'p', not {quantity!r}")
    grid = evaluate_grid(*LIMITS, n=201)
    z = grid[quantity]
    level = 0.0 if quantity == "y" else 0.5
    label = "$y$" if quantity == "y" else r"$\sigma(y)$"
    levels = np.linspace(-6, 6, 25) if quantity == "y" else np.linspace(0, 1, 21)
    with themed(palette):
        fig, ax = plt.subplots(figsize=(4.6, 3.8))
        _square(ax)
        filled = ax.contourf(grid["x1"], grid["x2"], z, levels=levels, cmap=palette.cmap,
                             extend="both")  # fmt: skip
        filled.set_rasterized(True)
        ax.contour(grid["x1"], grid["x2"], z, levels=[level], colors=[palette.text],
                   linewidths=2, linestyles="--")  # fmt: skip
        _points(ax, palette)
        bar = fig.colorbar(filled, ax=ax)
        bar.set_label(label)
        fig.tight_layout()
    return fig
