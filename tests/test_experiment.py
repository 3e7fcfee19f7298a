"""The experiment's pure functions, on small settings (the full run belongs to the build; that an
activation retrained alone and the figures give the same bytes: test_build_cache's clean build)."""

import re
from functools import cache

import numpy as np
import pytest
import torch
from torch import nn

from activation_tutorial.content.experiment_tables import moons_results_html, xor_results_html
from activation_tutorial.experiment import data
from activation_tutorial.experiment.batched import deterministic, hidden_activation
from activation_tutorial.experiment.moons import (
    MoonsRuns,
    MoonsSettings,
    train_moons_together,
    two_moons,
)
from activation_tutorial.experiment.xor_runs import XorRuns, XorSettings, train_xor_together


# Trained once per activation and settings: several tests read the same small runs.
@cache
def train_xor(key: str, settings: XorSettings) -> XorRuns:
    return train_xor_together((key,), settings)[key]


@cache
def train_moons(key: str, settings: MoonsSettings) -> MoonsRuns:
    return train_moons_together((key,), settings)[key]


SMALL_XOR = XorSettings(seeds=(0, 1, 2), steps=100)
SMALL_MOONS = MoonsSettings(seeds=(0, 1), steps=200, n_train=60, n_test=100, grid_points=21)


def _one_network(module: nn.Module, seed: int, steps: int, lr: float) -> tuple[bool, float]:
    """The textbook way: one nn.Sequential, one seed, trained on its own."""
    x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], dtype=torch.float64)
    t = torch.tensor([0.0, 1.0, 1.0, 0.0], dtype=torch.float64)
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(2, 2, dtype=torch.float64), module,
                        nn.Linear(2, 1, dtype=torch.float64))  # fmt: skip
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    loss_fn = nn.BCEWithLogitsLoss()
    for _ in range(steps):
        opt.zero_grad()
        loss_fn(net(x).squeeze(1), t).backward()
        opt.step()
    with torch.no_grad():
        logits = net(x).squeeze(1)
    return bool(((logits > 0) == (t > 0.5)).all()), float(loss_fn(logits, t))


def test_batched_training_equals_training_each_seed_alone():
    """The batch's own code does not depend on the activation; seeds that shared a start
    would disagree with their textbook runs."""
    key = "relu"
    runs = train_xor(key, SMALL_XOR)
    for seed in SMALL_XOR.seeds:
        with deterministic():  # one thread, as the batch trains: a loaded machine's threads wait
            solved, loss = _one_network(hidden_activation(key), seed, SMALL_XOR.steps, SMALL_XOR.lr)
        assert solved == (runs.solved_at[seed] is not None), f"{key}, seed {seed}"
        assert loss == pytest.approx(runs.final_loss[seed], abs=1e-9), f"{key}, seed {seed}"


def test_activations_trained_together_get_exactly_what_each_gets_alone(monkeypatch):
    # First, middle and last slice of the one flat tensor Adam steps (batched.in_one_tensor): a
    # weight's place there must not matter, or a cold build (all together) and a one-entry edit
    # (that one alone) would disagree.
    monkeypatch.setattr(data, "XOR_SETTINGS", SMALL_XOR)
    monkeypatch.setattr(data, "MOONS_SETTINGS", SMALL_MOONS)
    keys = ("sigmoid", "relu", "mish")
    xor, moons = data.train("xor", keys), data.train("moons", keys)
    assert list(xor) == list(moons) == list(keys)
    for key in keys:
        assert xor[key] == train_xor(key, SMALL_XOR), key  # exact floats, every seed
        alone = train_moons(key, SMALL_MOONS)
        assert moons[key] == alone, key
        assert np.array_equal(moons[key].grid_logits, alone.grid_logits), key


def test_data_files_give_back_exactly_the_runs():
    xor = [train_xor("relu", SMALL_XOR), XorRuns("step", 100, (None, 7), (0.6931, 1e-9))]
    for runs in xor:
        assert data.from_bytes(data.to_bytes(runs)) == runs
    moons = train_moons("tanh", SMALL_MOONS)
    back = data.from_bytes(data.to_bytes(moons))
    assert back == moons
    assert back.grid_logits.dtype == np.float64
    assert data.to_bytes(back) == data.to_bytes(moons)  # the grid's bytes too


def test_a_solved_seed_stays_solved_from_the_recorded_step():
    runs = train_xor("gelu", XorSettings(seeds=(0,), steps=400))
    at = runs.solved_at[0]
    assert at is not None
    # Trained for exactly that many steps, it is right; one step fewer, it is not yet.
    assert train_xor("gelu", XorSettings(seeds=(0,), steps=at)).solved_at[0] is not None
    assert train_xor("gelu", XorSettings(seeds=(0,), steps=at - 1)).solved_at[0] is None


def test_two_moons_are_balanced_reproducible_and_a_small_mlp_learns_them():
    x, t = two_moons(101, 0.1, seed=5)
    assert x.shape == (101, 2) and t.shape == (101,)
    assert int(t.sum()) == 51
    x2, _ = two_moons(101, 0.1, seed=5)
    x3, _ = two_moons(101, 0.1, seed=6)
    assert torch.equal(x, x2) and not torch.equal(x, x3)
    runs = train_moons("tanh", SMALL_MOONS)
    assert len(runs.test_accuracy) == 2
    assert runs.median_accuracy > 0.8
    assert runs.grid_logits.shape == (21, 21)


def test_tables_report_counts_rates_medians_and_none():
    runs = [
        XorRuns("sigmoid", 100, (5, 7, None, None), (0.0, 0.0, 0.5, 0.5)),
        XorRuns("relu", 100, (None, None, None, None), (0.5, 0.5, 0.5, 0.5)),
    ]
    # The cells' column names (data-label, for phones) are not what this test reads.
    ja, en = (
        re.sub(r' data-label="[^"]*"', "", xor_results_html(runs, lang)) for lang in ("ja", "en")
    )
    assert "<td>2\u00a0/\u00a04\u00a0(50\u00a0%)</td><td>15\u201385\u00a0%</td><td>6</td>" in en
    assert "<td>0\u00a0/\u00a04\u00a0(0\u00a0%)</td><td>0\u201349\u00a0%</td><td>none</td>" in en
    assert "<td>0.2500</td>" in en  # the median final loss
    assert "<td>なし</td>" in ja
    moons = [train_moons("relu", SMALL_MOONS)]
    assert moons_results_html(moons, "en").count("<tr>") == 2
