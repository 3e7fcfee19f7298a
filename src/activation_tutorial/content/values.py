"""Numbers the prose quotes, computed here and substituted into the pages at build time."""

from __future__ import annotations

import math
from typing import Any

from activation_tutorial.activations import REGISTRY
from activation_tutorial.activations.properties import output_range
from activation_tutorial.activations.registry import SELU_ALPHA, SELU_SCALE
from activation_tutorial.content.comparison import ZERO_CENTRED_BELOW
from activation_tutorial.content.experiment_values import settings_values
from activation_tutorial.content.xor_explorer import explorer_values
from activation_tutorial.gradients import gradient_values
from activation_tutorial.xor.network import ARTICLE_WEIGHTS
from activation_tutorial.xor.separability import best_linear_classifier
from activation_tutorial.xor.spreadsheet import sheet_values
from activation_tutorial.xor.table import format_number, format_probability, xor_table_rows


def activation_values() -> dict[str, dict[str, str]]:
    """Per registry entry: its parameters, its minimum and where it is (where it has one),
    or a finite lower bound it does not attain (SELU's -λα)."""
    activations: dict[str, dict[str, str]] = {}
    for key, act in REGISTRY.items():
        r = output_range(act)
        entry = {k: format_number(v, 2) for k, v in act.params.items()}
        if r.argmin is not None:
            entry["min"] = format_number(r.lower, 3)
            entry["argmin"] = format_number(r.argmin, 3)
        elif math.isfinite(r.lower) and not r.lower_closed:
            entry["lower"] = format_number(r.lower, 3)
        activations[key] = entry
    return activations


def site_values() -> dict[str, Any]:
    """Everything the pages quote as ``{{ v.<group>.<name> }}``, as strings; the experiment's
    results are in ``experiment_values.json``, so these never wait for training."""
    rows = {(r.x1, r.x2): r for r in xor_table_rows()}
    search = best_linear_classifier()
    return {
        "explorer": explorer_values(),
        "xor": {
            "f_minus5": format_probability(rows[0, 0].f_z1),
            "f_5": format_probability(rows[0, 1].f_z1),
            "f_15": format_probability(rows[0, 0].f_z2),
            "y_00": format_number(rows[0, 0].y),
            "y_01": format_number(rows[0, 1].y),
            "p_00": format_probability(rows[0, 0].sigma_y),
            "p_01": format_probability(rows[0, 1].sigma_y),
            "w": {k: format_number(w) for k, w in ARTICLE_WEIGHTS.items()},
        },
        "linear": {
            "lines": f"{search.lines:,}",
            "lines_meeting": f"{search.lines_meeting_square:,}",
            "best_correct": str(search.best_correct),
        },
        "act": activation_values(),
        "grad": gradient_values(),
        "cmp": {"zero_below": str(ZERO_CENTRED_BELOW)},
        "const": {"selu_scale": f"{SELU_SCALE:.4f}", "selu_alpha": f"{SELU_ALPHA:.4f}"},
        "sheet": sheet_values(),
        "experiment": settings_values(),
    }
