"""The experiment as the site runs it: its settings, and training per activation.

Each activation's runs become one generated data file per problem (``assets``), so
editing one registry entry retrains that activation only. Stale activations train
together in one batch (``train_with_reads``), possibly in a worker process while the
build does other work; the tables, figures and quoted values are made from the files.
What the pages quote is in ``content/experiment_values.py``: editing it retrains nothing.
"""

from __future__ import annotations

from functools import partial

from activation_tutorial.cache.recording import BatchedWithReads, registry_reads
from activation_tutorial.experiment.moons import MoonsRuns, MoonsSettings, train_moons_together
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
