"""What the XOR explorer's JavaScript reads: which functions exist (with PyTorch's parameters),
where the network starts and each palette's colours. Nothing here is typed twice."""

from __future__ import annotations

from typing import Any

from activation_tutorial.activations import REGISTRY
from activation_tutorial.explorer.training import IDENTITY, PARAMETERS, SETTINGS, adam_settings
from activation_tutorial.figures.style import LIGHT, PALETTES, Palette
from activation_tutorial.xor.network import ARTICLE_WEIGHTS, INPUTS, LIMITS, xor_target

# Wide enough to double the article's weights; the exact value box goes to VALUE_LIMIT
SLIDER_RANGE: tuple[float, float, float] = (-20.0, 20.0, 0.5)
VALUE_LIMIT = 1000.0
COLORMAP_STOPS = 21
# Every seed's starting weights, from the site's root
SEEDS_FILE = "generated/xor_explorer_seeds.json"


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


def explorer_activations(identity_name: str) -> list[dict[str, Any]]:
    """The registry's entries in its order, then no activation (the identity)."""
    return [
        {"key": a.key, "name": a.name, "module": a.torch_module, "params": dict(a.params)}
        for a in REGISTRY.values()
    ] + [dict(IDENTITY, name=identity_name)]


def explorer_data(identity_name: str = "Identity") -> dict[str, Any]:
    """Everything the explorer's script needs, JSON-serialisable."""
    lo, hi, step = SLIDER_RANGE
    return {
        "activations": explorer_activations(identity_name),
        "training": {
            **adam_settings(),
            "seeds": len(SETTINGS.seeds),
            "steps": SETTINGS.steps,
            "file": SEEDS_FILE,
        },
        "default_activation": "sigmoid",
        "weights": dict(ARTICLE_WEIGHTS),
        "parameters": list(PARAMETERS),
        "range": {"min": lo, "max": hi, "step": step, "limit": VALUE_LIMIT},
        "limits": list(LIMITS),
        "inputs": [{"x1": x1, "x2": x2, "target": xor_target(x1, x2)} for x1, x2 in INPUTS],
        "palettes": {p.name: _palette(p) for p in PALETTES},
    }
