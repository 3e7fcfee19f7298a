"""What the XOR explorer's JavaScript reads, taken from the registry, the network and the palettes.

The browser computes every activation itself; this module only tells it which
functions exist (with PyTorch's parameters), where the network starts, and which
colours each palette uses. Nothing here is typed twice.
"""

from __future__ import annotations

from typing import Any

from activation_tutorial.activations import REGISTRY
from activation_tutorial.figures.style import LIGHT, PALETTES, Palette
from activation_tutorial.xor.network import ARTICLE_WEIGHTS, INPUTS, LIMITS, xor_target

PARAMETERS: tuple[str, ...] = tuple(ARTICLE_WEIGHTS)
"""The nine weights and biases, in the article's order (w11, w12, b1, ..., b3)."""
SLIDER_RANGE: tuple[float, float, float] = (-20.0, 20.0, 0.5)
"""min, max, step of each control: wide enough to double the article's weights."""
COLORMAP_STOPS = 21


def _colormap(name: str, stops: int = COLORMAP_STOPS) -> list[str]:
    """The figures' colour map sampled evenly, so the heatmap matches the static contours."""
    import matplotlib
    from matplotlib.colors import to_hex

    cmap = matplotlib.colormaps[name]
    return [to_hex(cmap(i / (stops - 1))) for i in range(stops)]


def _palette(p: Palette) -> dict[str, Any]:
    # The colour map is white at sigma(y) = 0.5 in both palettes, so the boundary drawn there
    # takes the light palette's dark text colour in both: a light line would vanish.
    return {"text": p.text, "grid": p.grid, "class0": p.class0, "class1": p.class1,
            "boundary": LIGHT.text, "cmap": _colormap(p.cmap)}  # fmt: skip


def explorer_data() -> dict[str, Any]:
    """Everything the explorer's script needs, JSON-serialisable."""
    lo, hi, step = SLIDER_RANGE
    return {
        "activations": [
            {"key": a.key, "name": a.name, "module": a.torch_module, "params": dict(a.params)}
            for a in REGISTRY.values()
        ],
        "default_activation": "sigmoid",
        "weights": dict(ARTICLE_WEIGHTS),
        "parameters": list(PARAMETERS),
        "range": {"min": lo, "max": hi, "step": step},
        "limits": list(LIMITS),
        "inputs": [{"x1": x1, "x2": x2, "target": xor_target(x1, x2)} for x1, x2 in INPUTS],
        "palettes": {p.name: _palette(p) for p in PALETTES},
    }
