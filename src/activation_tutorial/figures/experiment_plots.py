"""Figures of the experiment: XOR success per activation, decision boundaries on the two moons."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from activation_tutorial.activations import get
from activation_tutorial.figures.style import Layout, Palette, themed

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from activation_tutorial.experiment.moons import MoonsRuns, MoonsSettings
    from activation_tutorial.experiment.xor_runs import XorRuns


# Per layout. The narrow chart is about a phone's column wide (358 CSS px at 390 px), so
# its text shows at the size it was set in.
_XOR_WIDTH = {"wide": 5.6, "narrow": 3.7}
_MOONS_COLUMNS = {"wide": 4, "narrow": 2}


def xor_success_chart(runs: Sequence[XorRuns], palette: Palette, layout: Layout = "wide") -> Figure:
    """One bar per activation: the share of seeds that solved XOR within the budget, in %,
    with its 95 % interval (Wilson) as a line across the bar's end."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import PercentFormatter

    from activation_tutorial.content.binomial import wilson_interval

    with themed(palette, layout):
        fig, ax = plt.subplots(figsize=(_XOR_WIDTH[layout], 0.5 + 0.32 * len(runs)))
        rates = [100 * r.success_rate for r in runs]
        solved = [(sum(s is not None for s in r.solved_at), len(r.solved_at)) for r in runs]
        # Distances from each rate to its interval's ends: (2, n), as errorbar takes them
        low, high = np.abs(100 * np.array([wilson_interval(*s) for s in solved]).T - rates)
        y = np.arange(len(runs))[::-1]
        ax.barh(y, rates, color=palette.lines[0], height=0.65)
        ax.errorbar(rates, y, xerr=[low, high], fmt="none", ecolor=palette.text, elinewidth=1,
                    capsize=2.5)  # fmt: skip
        for yi, rate, up in zip(y, rates, high, strict=True):
            ax.text(rate + up + 1.5, yi, f"{rate:.0f}", va="center", fontsize=9,
                    color=palette.text)  # fmt: skip
        ax.set_yticks(y, [get(r.activation).name for r in runs])
        ax.set(xlim=(0, 112), xticks=[0, 25, 50, 75, 100], axisbelow=True)
        ax.xaxis.set_major_formatter(PercentFormatter())
        ax.grid(axis="x")
        ax.spines[["top", "right"]].set_visible(False)
    return fig


def moons_boundaries(
    runs: Sequence[MoonsRuns], settings: MoonsSettings, palette: Palette, layout: Layout = "wide"
) -> Figure:
    """A panel per activation: the first seed's decision regions and the data (2 columns
    instead of 4 in the ``narrow`` layout)."""
    import matplotlib.pyplot as plt

    from activation_tutorial.experiment.moons import GRID, grid_inputs, two_moons

    x, t = (a.numpy() for a in two_moons(settings.n_train, settings.noise, settings.data_seed))
    n = settings.grid_points
    g1, g2 = grid_inputs(n).numpy().T.reshape(2, n, n)
    with themed(palette, layout):
        cols = min(_MOONS_COLUMNS[layout], len(runs))
        rows = math.ceil(len(runs) / cols)
        fig, axes = plt.subplots(rows, cols, figsize=(2.3 * cols, 1.75 * rows + 0.2),
                                 squeeze=False, sharex=True, sharey=True)  # fmt: skip
        for ax, r in zip(axes.flat, runs, strict=False):
            region = (r.grid_logits > 0).astype(float)
            filled = ax.contourf(g1, g2, region, levels=[-0.5, 0.5, 1.5],
                                 colors=palette.lines[:2], alpha=0.28)  # fmt: skip
            filled.set_rasterized(True)  # a filled contour as vectors is hundreds of KB
            ax.contour(g1, g2, r.grid_logits, levels=[0.0], colors=[palette.text],
                       linewidths=1.0)  # fmt: skip
            for cls, marker, colour in ((0, "o", palette.lines[0]), (1, "^", palette.lines[1])):
                pick = t == cls
                ax.scatter(x[pick, 0], x[pick, 1], s=7, marker=marker, color=colour,
                           linewidths=0, rasterized=True)  # fmt: skip
            ax.set_title(get(r.activation).name, fontsize=10)
            ax.set(xlim=GRID[:2], ylim=GRID[2:], xticks=[], yticks=[])
        for ax in list(axes.flat)[len(runs) :]:
            ax.set_visible(False)
        fig.tight_layout()
    return fig
