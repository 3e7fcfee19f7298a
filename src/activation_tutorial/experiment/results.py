"""The experiment as the site runs it: its settings, and training several activations at once.

Each activation's runs become one generated data file per problem (``assets``), so
editing one activation's module retrains that activation only. Stale activations train
together in one batch, possibly in a worker process while the build does other work;
the tables, figures and quoted values are made from the files. What the pages quote is
in ``content/experiment_values.py``: editing it retrains nothing.
"""

from __future__ import annotations

from activation_tutorial.experiment.batched import hidden_activation
from activation_tutorial.experiment.moons import MoonsRuns, MoonsSettings, train_moons_together
from activation_tutorial.experiment.xor_runs import XorRuns, XorSettings, train_xor_together

XOR_SETTINGS = XorSettings()
MOONS_SETTINGS = MoonsSettings()
PROBLEMS = ("xor", "moons")


def train(problem: str, keys: tuple[str, ...]) -> dict[str, XorRuns | MoonsRuns]:
    """Train ``keys`` together on ``problem`` with the site's settings."""
    modules = {key: hidden_activation(key) for key in keys}
    if problem == "xor":
        return dict(train_xor_together(modules, XOR_SETTINGS))
    if problem == "moons":
        return dict(train_moons_together(modules, MOONS_SETTINGS))
    raise ValueError(f"no experiment {problem!r}; expected one of {PROBLEMS}")
