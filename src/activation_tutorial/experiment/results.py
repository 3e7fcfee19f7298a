"""The experiment's results, computed once per process and shared by its tables and figures.

Each run is deterministic for the same seeds, settings and library versions, so a
build may cache these results by content (the whole experiment costs seconds, not
milliseconds); within one build, ``cached_with_reads`` makes the tables and figures
share one run (and tells the build cache which registry entries the run read).
"""

from __future__ import annotations

from activation_tutorial.cache.recording import cached_with_reads
from activation_tutorial.experiment.moons import (
    MOONS_SIZES,
    MoonsRuns,
    MoonsSettings,
    train_moons_all,
)
from activation_tutorial.experiment.xor_runs import XorRuns, XorSettings, train_xor_all

XOR_SETTINGS = XorSettings()
MOONS_SETTINGS = MoonsSettings()


@cached_with_reads
def xor_results() -> tuple[XorRuns, ...]:
    """Every registry activation on XOR with the site's settings."""
    return tuple(train_xor_all(settings=XOR_SETTINGS))


@cached_with_reads
def moons_results() -> tuple[MoonsRuns, ...]:
    """Every registry activation on the two moons with the site's settings."""
    return tuple(train_moons_all(settings=MOONS_SETTINGS))


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


def result_values() -> dict[str, object]:
    """The few results the prose names; running them costs the whole experiment (cached)."""
    from activation_tutorial.activations import get

    xor, moons = xor_results(), moons_results()
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
