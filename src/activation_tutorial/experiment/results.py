"""The experiment as the site runs it: its settings, training per activation, quoted results.

Each activation's runs become one generated data file per problem (``assets``), so
editing one registry entry retrains that activation only. Stale activations train
together in one batch (``train_with_reads``), possibly in a worker process while the
build does other work; the tables, figures and quoted values are made from the files.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from activation_tutorial.cache.recording import BatchedWithReads, registry_reads
from activation_tutorial.experiment.moons import (
    MOONS_SIZES,
    MoonsRuns,
    MoonsSettings,
    train_moons_together,
)
from activation_tutorial.experiment.xor_runs import (
    XorRuns,
    XorSettings,
    hidden_activation,
    train_xor_together,
)

XOR_SETTINGS = XorSettings()
MOONS_SETTINGS = MoonsSettings()
PROBLEMS = ("xor", "moons")


def train_with_reads(
    problem: str, keys: tuple[str, ...]
) -> dict[str, tuple[XorRuns | MoonsRuns, frozenset[str]]]:
    """Train ``keys`` together on ``problem`` with the site's settings.

    Per key: its runs, and the registry entries read for it (its own entry when its
    module is made, plus anything the shared loop read). Recorded here, not by the
    caller, because this may run in a worker process.
    """
    modules, reads = {}, {}
    for key in keys:
        with registry_reads() as own:
            modules[key] = hidden_activation(key)
        reads[key] = own
    with registry_reads() as shared:
        if problem == "xor":
            runs: dict[str, XorRuns | MoonsRuns] = dict(train_xor_together(modules, XOR_SETTINGS))
        elif problem == "moons":
            runs = dict(train_moons_together(modules, MOONS_SETTINGS))
        else:
            raise ValueError(f"no experiment {problem!r}; expected one of {PROBLEMS}")
    return {key: (runs[key], frozenset(reads[key] | shared)) for key in keys}


TRAINED: dict[str, BatchedWithReads[XorRuns | MoonsRuns]] = {
    problem: BatchedWithReads(partial(train_with_reads, problem)) for problem in PROBLEMS
}
"""Per problem: runs by activation key, trained in batches and kept for this process."""


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

    lowest = min(xor, key=lambda r: r.success_rate)
    full = [get(r.activation).name for r in xor if r.success_rate == 1.0]
    moons_low = min(moons, key=lambda r: r.median_accuracy)
    moons_high = max(moons, key=lambda r: r.median_accuracy)
    return {
        "xor_lowest": get(lowest.activation).name,
        "xor_lowest_rate": f"{100 * lowest.success_rate:.0f} %",
        "xor_all_solved": full or ["—"],
        "moons_lowest": get(moons_low.activation).name,
        "moons_lowest_acc": f"{100 * moons_low.median_accuracy:.1f} %",
        "moons_highest_acc": f"{100 * moons_high.median_accuracy:.1f} %",
    }
