"""One activation's experiment results as bytes and back, exactly (shortest round-tripping
floats, the moons grid as float64 in base64): files give back the very numbers trained."""

from __future__ import annotations

import base64
import json

import numpy as np

from activation_tutorial.experiment.moons import MoonsRuns
from activation_tutorial.experiment.xor_runs import XorRuns


def _dumps(raw: dict[str, object]) -> bytes:
    return (json.dumps(raw, indent=1, sort_keys=True) + "\n").encode("utf-8")


def xor_bytes(runs: XorRuns) -> bytes:
    return _dumps({
        "activation": runs.activation,
        "steps": runs.steps,
        "solved_at": list(runs.solved_at),
        "final_loss": list(runs.final_loss),
        "hidden_inputs": [[list(point) for point in seed] for seed in runs.hidden_inputs],
    })  # fmt: skip


def xor_from_bytes(data: bytes) -> XorRuns:
    raw = json.loads(data)  # every float was written with its point: it reads back a float
    hidden = tuple(tuple(map(tuple, seed)) for seed in raw["hidden_inputs"])
    return XorRuns(raw["activation"], raw["steps"], tuple(raw["solved_at"]),
                   tuple(raw["final_loss"]), hidden)  # fmt: skip


def moons_bytes(runs: MoonsRuns) -> bytes:
    grid = np.ascontiguousarray(runs.grid_logits, dtype="<f8")
    return _dumps({
        "activation": runs.activation,
        "test_accuracy": list(runs.test_accuracy),
        "final_loss": list(runs.final_loss),
        "grid_logits": {
            "shape": list(grid.shape),
            "float64_le_base64": base64.b64encode(grid.tobytes()).decode("ascii"),
        },
    })  # fmt: skip


def moons_from_bytes(data: bytes) -> MoonsRuns:
    raw = json.loads(data)
    grid = raw["grid_logits"]
    values = np.frombuffer(base64.b64decode(grid["float64_le_base64"]), dtype="<f8")
    return MoonsRuns(raw["activation"], tuple(raw["test_accuracy"]), tuple(raw["final_loss"]),
                     values.astype(np.float64).reshape(grid["shape"]))  # fmt: skip
