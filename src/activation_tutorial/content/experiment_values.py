"""The experiment's numbers the prose quotes, apart from the training so that editing them
changes no training data file's key; among them the cause of each XOR failure, read from the
network's hidden layer at the end of training."""

from __future__ import annotations

from collections.abc import Sequence

from activation_tutorial.activations import get
from activation_tutorial.content.binomial import rate_groups, wilson_interval
from activation_tutorial.content.tables import percent
from activation_tutorial.experiment.data import MOONS_SETTINGS, XOR_SETTINGS
from activation_tutorial.experiment.moons import MOONS_SIZES, MoonsRuns
from activation_tutorial.experiment.xor_runs import XorRuns

# Each failed seed gets the first that applies
CAUSES = ("dead_unit", "all_active", "input_cut_off", "other")


def cause_of(hidden: tuple[tuple[float, ...], ...]) -> str:
    """The cause for one network, from its hidden pre-activations (one row per input):
    ``dead_unit``, a unit has z <= 0 on every input (for ReLU: output and gradient 0);
    ``all_active``, every z > 0, so a ReLU network is one affine map on the four points (a
    line, which cannot separate XOR); ``input_cut_off``, an input has z <= 0 on every unit,
    so its error reaches no hidden weight; ``other``, none of these."""
    units = range(len(hidden[0]))
    if any(all(point[u] <= 0 for point in hidden) for u in units):
        return "dead_unit"
    if all(z > 0 for point in hidden for z in point):
        return "all_active"
    if any(all(z <= 0 for z in point) for point in hidden):
        return "input_cut_off"
    return "other"


def failure_causes(runs: XorRuns) -> dict[str, tuple[int, ...]]:
    """Per cause, the failed seeds of ``runs`` (wrong on some input) that it applies to first."""
    failed = [seed for seed, solved in enumerate(runs.solved_at) if solved is None]
    cause = {seed: cause_of(runs.hidden_inputs[seed]) for seed in failed}
    return {c: tuple(s for s in failed if cause[s] == c) for c in CAUSES}


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


def _rate_range(rates: Sequence[float]) -> str:
    """``"49–79"``, or ``"100"`` when all are equal: in percent, the page writes the sign
    (a list of values must not hold "%" after an escaped no-break space)."""
    low, high = min(rates), max(rates)
    return f"{100 * low:.0f}" if low == high else f"{100 * low:.0f}–{100 * high:.0f}"


def xor_rate_values(xor: Sequence[XorRuns]) -> dict[str, object]:
    """How far the XOR success rates can be told apart with this many seeds."""
    n = len(xor[0].solved_at)  # every activation runs the same seeds
    solved = [(r.activation, sum(s is not None for s in r.solved_at)) for r in xor]
    half = max((high - low) / 2 for low, high in (wilson_interval(k, n) for _, k in solved))
    rates = {r.activation: r.success_rate for r in xor}
    groups = rate_groups(solved, n)
    return {
        "xor_interval_half": f"{100 * half:.0f}",
        "xor_groups": [
            {"names": [get(k).name for k in group], "rates": _rate_range([rates[k] for k in group])}
            for group in groups
        ],
    }


def relu_failure_values(xor: Sequence[XorRuns]) -> dict[str, object]:
    """Why ReLU's XOR networks failed, counted from their hidden layers."""
    causes = failure_causes(next(r for r in xor if r.activation == "relu"))
    count = {cause: len(seeds) for cause, seeds in causes.items()}
    failed, all_active = sum(count.values()), causes["all_active"]
    return {
        "relu_failed": str(failed),
        "relu_dead": str(count["dead_unit"]),
        "relu_no_dead": str(failed - count["dead_unit"]),
        "relu_all_active": str(count["all_active"]),
        "relu_all_active_seed": str(all_active[0]) if all_active else "—",
        "relu_cut_off": str(count["input_cut_off"]),
        "relu_other": str(count["other"]),
    }


def result_values(xor: Sequence[XorRuns], moons: Sequence[MoonsRuns]) -> dict[str, object]:
    """The results the prose names; on the two moons, which median test accuracies are as good
    as the best within the uncertainty of an accuracy measured on the test points."""
    lowest = min(xor, key=lambda r: r.success_rate)
    full = [get(r.activation).name for r in xor if r.success_rate == 1.0]
    low = min(moons, key=lambda r: r.median_accuracy)
    high = max(moons, key=lambda r: r.median_accuracy)
    n_test = MOONS_SETTINGS.n_test
    best_low, _ = wilson_interval(round(high.median_accuracy * n_test), n_test)
    return {
        "xor_lowest": get(lowest.activation).name,
        "xor_lowest_rate": percent(lowest.success_rate),
        "xor_all_solved": full or ["—"],
        **xor_rate_values(xor),
        **relu_failure_values(xor),
        "moons_lowest": get(low.activation).name,
        "moons_lowest_acc": percent(low.median_accuracy, 1),
        "moons_highest_acc": percent(high.median_accuracy, 1),
        "moons_test_half": f"{100 * (high.median_accuracy - best_low):.1f}",
        "moons_near_best": [get(r.activation).name for r in moons if r.median_accuracy >= best_low],
    }
