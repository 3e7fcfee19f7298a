"""The experiment's numbers the prose quotes: its settings, and a few results.

Kept apart from the training (``experiment.results``) so that editing what the pages
quote changes no training data file's key.
"""

from __future__ import annotations

from collections.abc import Sequence

from activation_tutorial.experiment.moons import MOONS_SIZES, MoonsRuns
from activation_tutorial.experiment.results import MOONS_SETTINGS, XOR_SETTINGS
from activation_tutorial.experiment.xor_runs import XorRuns


def settings_values() -> dict[str, str]:
    """The settings the experiment page quotes (no training needed to know them)."""
    x, m = XOR_SETTINGS, MOONS_SETTINGS
    return {
        "xor_seeds": str(len(x.seeds)),
        "xor_steps": f"{x.steps:,}",
        "xor_lr": str(x.lr),
        "moons_seeds": str(len(m.seeds)),
        "moons_steps": f"{m.steps:,}",
        "moons_lr": str(m.lr),
        "moons_train": str(m.n_train),
        "moons_test": f"{m.n_test:,}",
        "moons_noise": str(m.noise),
        "moons_sizes": "-".join(map(str, MOONS_SIZES)),
    }


def result_values(xor: Sequence[XorRuns], moons: Sequence[MoonsRuns]) -> dict[str, object]:
    """The few results the prose names, from every activation's runs."""
    from activation_tutorial.activations import get
    from activation_tutorial.content.percent import percent

    lowest = min(xor, key=lambda r: r.success_rate)
    full = [get(r.activation).name for r in xor if r.success_rate == 1.0]
    moons_low = min(moons, key=lambda r: r.median_accuracy)
    moons_high = max(moons, key=lambda r: r.median_accuracy)
    return {
        "xor_lowest": get(lowest.activation).name,
        "xor_lowest_rate": percent(lowest.success_rate),
        "xor_all_solved": full or ["—"],
        "moons_lowest": get(moons_low.activation).name,
        "moons_lowest_acc": percent(moons_low.median_accuracy, 1),
        "moons_highest_acc": percent(moons_high.median_accuracy, 1),
    }
