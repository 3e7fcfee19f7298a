"""The experiment as the site runs it: its settings, several activations trained at once
(``assets`` keeps one data file per activation and problem), and one activation's results as
bytes and back, exactly (shortest round-tripping floats, the moons grid as float64 in base64):
files give back the very numbers trained."""

from __future__ import annotations

import base64
import dataclasses
import json

import numpy as np

from activation_tutorial.experiment.moons import MoonsRuns, MoonsSettings, train_moons_together
from activation_tutorial.experiment.xor_runs import XorRuns, XorSettings, train_xor_together

XOR_SETTINGS = XorSettings()
MOONS_SETTINGS = MoonsSettings()
PROBLEMS = ("xor", "moons")


def train(problem: str, keys: tuple[str, ...]) -> dict[str, XorRuns | MoonsRuns]:
    """Train ``keys`` together on ``problem`` (one of ``PROBLEMS``) with the site's settings."""
    if problem == "xor":
        return dict(train_xor_together(keys, XOR_SETTINGS))
    return dict(train_moons_together(keys, MOONS_SETTINGS))


def to_bytes(runs: XorRuns | MoonsRuns) -> bytes:
    raw = {f.name: getattr(runs, f.name) for f in dataclasses.fields(runs)}
    if isinstance(runs, MoonsRuns):
        grid = np.ascontiguousarray(runs.grid_logits, dtype="<f8")
        raw["grid_logits"] = {
            "shape": list(grid.shape),
            "float64_le_base64": base64.b64encode(grid.tobytes()).decode("ascii"),
        }
    return (json.dumps(raw, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _tuples(value: object) -> object:
    return tuple(map(_tuples, value)) if isinstance(value, list) else value


def from_bytes(data: bytes) -> XorRuns | MoonsRuns:
    # Every float was written with its point: it reads back a float.
    raw = {name: _tuples(value) for name, value in json.loads(data).items()}
    if "grid_logits" not in raw:
        return XorRuns(**raw)  # type: ignore[arg-type]
    grid = raw["grid_logits"]
    values = np.frombuffer(base64.b64decode(grid["float64_le_base64"]), dtype="<f8")  # type: ignore[index]
    raw["grid_logits"] = values.astype(np.float64).reshape(grid["shape"])  # type: ignore[index]
    return MoonsRuns(**raw)  # type: ignore[arg-type]
