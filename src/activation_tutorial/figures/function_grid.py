"""Every registry function at a glance for /functions/: one small panel each, on the same range."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from activation_tutorial.figures.style import Layout, Palette, themed

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from activation_tutorial.activations.registry import Activation

# One range for every panel, so that the shapes compare: wide enough for the sigmoid to
# flatten and for ReLU's relatives to show their negative side
X_RANGE = (-4.0, 4.0)
_COLUMNS: dict[Layout, int] = {"wide": 4, "narrow": 3}
# At a phone's column (358 CSS px) three panels fit side by side, titles at their set size
_PANEL_INCHES: dict[Layout, tuple[float, float]] = {"wide": (1.4, 1.15), "narrow": (1.25, 1.1)}


def function_grid(entries: Sequence[Activation], palette: Palette, layout: Layout) -> Figure:
    """Small multiples: each function's curve over ``X_RANGE``, titled with its name, with
    the axes x = 0 and y = 0 drawn faintly and y = x dotted as a reference."""
    import matplotlib.pyplot as plt

    from activation_tutorial.activations.formulas import reference

    columns = _COLUMNS[layout]
    rows = math.ceil(len(entries) / columns)
    width, height = _PANEL_INCHES[layout]
    x = np.linspace(*X_RANGE, 801)
    with themed(palette, layout):
        fig, axes = plt.subplots(rows, columns, figsize=(width * columns, height * rows),
                                 sharex=True, sharey=True, squeeze=False)  # fmt: skip
        for ax, entry in zip(axes.flat, entries, strict=False):
            y = reference(entry)(x)
            if entry.discrete_values is not None:
                y = np.where(np.isclose(x, 0.0, atol=(x[1] - x[0]) / 2), np.nan, y)  # the jump
            ax.axhline(0, color=palette.grid, linewidth=0.8)
            ax.axvline(0, color=palette.grid, linewidth=0.8)
            ax.plot(x, x, ":", color=palette.grid, linewidth=1)
            ax.plot(x, y, color=palette.lines[0], linewidth=1.8)
            ax.set_title(entry.name, fontsize=10, pad=3)
            ax.tick_params(labelsize=8, length=2, pad=1)
        for ax in axes.flat[len(entries) :]:
            ax.set_visible(False)
        axes[0, 0].set(xlim=X_RANGE, ylim=(-2.0, 4.2), xticks=[-4, 0, 4], yticks=range(-1, 5))
        fig.tight_layout(pad=0.3, h_pad=0.6, w_pad=0.4)
    return fig
