"""The experiment as the site runs it: its settings, and training several activations at once
(``assets`` keeps one data file per activation and problem)."""

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
