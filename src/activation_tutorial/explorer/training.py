"""Training in the explorer: the experiment's starting weights (the browser cannot reproduce
PyTorch's generator, so they are shipped as a file), its optimiser; and what the browser test
holds the explorer's JavaScript to: PyTorch's runs, and the inputs on which it compares it with
PyTorch in float64 (an activation grid, weight sets)."""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from activation_tutorial.activations import REGISTRY
from activation_tutorial.experiment import batched
from activation_tutorial.experiment.xor_runs import XOR_SIZES, XorSettings
from activation_tutorial.xor.network import ARTICLE_WEIGHTS, INPUTS, xor_target

if TYPE_CHECKING:
    import torch

SETTINGS = XorSettings()
PARAMETERS: tuple[str, ...] = tuple(ARTICLE_WEIGHTS)  # w11, w12, b1, ..., b3
# No activation, to watch a network fail at XOR
IDENTITY: dict[str, Any] = {"key": "identity", "module": "Identity", "params": {}}
# The browser is held to their runs where rounding does not decide them (CONDITIONING)
TRAJECTORY_SEEDS: tuple[int, ...] = tuple(range(8))
CONDITIONING = 1e-9  # largest change a rounding-level perturbation may make to a run
CHECKPOINTS: tuple[int, ...] = (1, 10, 100, 2000)  # steps after which weights and loss are compared


def adam_settings() -> dict[str, float]:
    """The experiment's learning rate and PyTorch's Adam defaults (betas, eps)."""
    from torch.optim import Adam

    defaults = inspect.signature(Adam).parameters
    beta1, beta2 = defaults["betas"].default
    return {"lr": SETTINGS.lr, "beta1": beta1, "beta2": beta2, "eps": defaults["eps"].default}


def _flatten(params: Sequence[tuple[torch.Tensor, torch.Tensor]], s: int) -> list[float]:
    """Seed ``s``'s nine numbers in the article's order; ``init_params`` stores w_ij (unit i,
    input j) at [j][i]."""
    (w1, b1), (w2, b2) = ((w[s].tolist(), b[s][0].tolist()) for w, b in params)
    return [w1[0][0], w1[1][0], b1[0], w1[0][1], w1[1][1], b1[1], w2[0][0], w2[1][0], b2[0]]


def initial_weights(seeds: Sequence[int] = SETTINGS.seeds) -> list[list[float]]:
    """Each seed's starting weights, exactly as the experiment's XOR runs start."""
    params = batched.init_params(XOR_SIZES, seeds)
    return [_flatten(params, s) for s in range(len(seeds))]


def seeds_file() -> dict[str, Any]:
    """What the explorer fetches when the reader trains: every seed's starting weights."""
    return {"parameters": list(PARAMETERS), "seeds": initial_weights()}


def reference_values() -> dict[str, Any]:
    """PyTorch's float64 runs of every registry activation and the identity, per seed of
    ``TRAJECTORY_SEEDS``: weights and loss after each of ``CHECKPOINTS``, and ``"apart"``, how far
    the same run trained with the inputs reversed (its sums rounded in another order) is from it
    then. Beyond ``CONDITIONING`` last-bit changes move the run, and no other float64 code can be
    held to follow it. Too slow to compute in a test, so the build makes them."""
    import torch
    from torch import nn

    keys = [*REGISTRY, IDENTITY["key"]]
    # The hidden layer's module for each explorer choice: the registry's, or the identity
    acts = [nn.Identity() if k == IDENTITY["key"] else batched.hidden_activation(k) for k in keys]
    x = torch.tensor(INPUTS, dtype=torch.float64)
    t = torch.tensor([float(xor_target(a, b)) for a, b in INPUTS], dtype=torch.float64)
    orders = ((x, t), (x.flip(0), t.flip(0)))
    out: dict[str, Any] = {k: {str(s): {} for s in TRAJECTORY_SEEDS} for k in keys}
    with batched.deterministic():
        nets = [[batched.init_params(XOR_SIZES, TRAJECTORY_SEEDS) for _ in keys] for _ in orders]
        leaves = [p for order in nets for net in order for layer in net for p in layer]
        opt = torch.optim.Adam(leaves, lr=SETTINGS.lr, foreach=False)
        for step in range(1, max(CHECKPOINTS) + 1):
            opt.zero_grad()
            total = sum(
                batched.per_network_loss(batched.forward(net, xs, act), ts).sum()
                for (xs, ts), order in zip(orders, nets, strict=True)
                for net, act in zip(order, acts, strict=True)
            )
            total.backward()
            opt.step()
            if step not in CHECKPOINTS:
                continue
            with torch.no_grad():
                for key, net, other, act in zip(keys, *nets, acts, strict=True):
                    loss = batched.per_network_loss(batched.forward(net, x, act), t).tolist()
                    for i, run in enumerate(out[key].values()):  # in the seeds' order
                        w, v = _flatten(net, i), _flatten(other, i)
                        apart = max(abs(a - b) for a, b in zip(w, v, strict=True))
                        run[str(step)] = {"weights": w, "loss": loss[i], "apart": apart}
    return {"training": out}


TOLERANCE = 1e-6  # largest absolute difference allowed between the browser's numbers and PyTorch's


def _weights(*values: float) -> Mapping[str, float]:
    return MappingProxyType(dict(zip(PARAMETERS, values, strict=True)))


# The browser must reproduce these; the first is the article's
WEIGHT_SETS: Mapping[str, Mapping[str, float]] = {
    "article": ARTICLE_WEIGHTS,
    # The output layer negated: XNOR, so no input is classified right.
    "negated_output": _weights(10, 10, -5, -10, -10, 15, -10, -10, 15),
    # A fifth of the article's weights: softer, still on the sliders' 0.5 grid.
    "fifth": _weights(2, 2, -1, -2, -2, 3, 2, 2, -3),
    # Nothing special: irregular values off the sliders' grid, both signs.
    "irregular": _weights(3.7, -1.25, 0.4, -2.9, 5.3, -0.6, 7.1, -4.4, 1.3),
}


def activation_grid() -> list[float]:
    """0.05 apart across what a hidden unit reaches; kinks, signed zeros, Softplus's threshold."""
    edges = [-1e-9, -0.0, 0.0, 1e-9, 19.999, 20.0, 20.001, -60.0, 60.0]
    return [i / 20 for i in range(-600, 601)] + edges
