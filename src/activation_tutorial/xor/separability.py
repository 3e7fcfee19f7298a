"""Why no straight line separates XOR: count how many points the best line gets right."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from activation_tutorial.xor.network import INPUTS, xor_target


@dataclass(frozen=True)
class LineSearch:
    lines: int  # how many lines were tried: a grid of directions and offsets
    lines_meeting_square: int  # the others put all four points on one side
    best_correct: int  # the most XOR points any of them classifies correctly


def best_linear_classifier(angles: int = 720, offsets: int = 801) -> LineSearch:
    """Try the lines with unit normal at ``angles`` directions and ``offsets`` positions: a
    sample of the lines; the algebra on the page proves that none gets all four points."""
    x = np.array(INPUTS, dtype=float)
    t = np.array([xor_target(a, b) for a, b in INPUTS])
    theta = np.linspace(0.0, 2.0 * np.pi, angles, endpoint=False)
    w = np.stack([np.cos(theta), np.sin(theta)], axis=1)  # (A, 2)
    b = np.linspace(-1.5, 1.5, offsets)  # |w| = 1 and corners lie within sqrt(2) < 1.5
    values = (x @ w.T)[None, :, :] + b[:, None, None]  # (B, 4, A): the corners' signed distances
    correct = ((values > 0) == t[None, :, None].astype(bool)).sum(axis=1)  # (B, A)
    meets = (values.min(axis=1) <= 0) & (values.max(axis=1) >= 0)
    return LineSearch(
        lines=int(correct.size),
        lines_meeting_square=int(meets.sum()),
        best_correct=int(correct.max()),
    )
