"""A harder 2-D problem made in code: two interleaved half-moons, and a small MLP per activation."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import torch

MOONS_SIZES = (2, 6, 6, 1)
GRID = (-1.5, 2.5, -1.0, 1.5)  # x1 from, to, x2 from, to: where the decision boundary is drawn


@dataclass(frozen=True)
class MoonsSettings:
    seeds: tuple[int, ...] = tuple(range(20))
    steps: int = 1000
    lr: float = 0.03
    n_train: int = 200
    n_test: int = 1000
    noise: float = 0.2
    data_seed: int = 2024
    grid_points: int = 121


@dataclass(frozen=True)
class MoonsRuns:
    activation: str
    test_accuracy: tuple[float, ...]  # per seed, on n_test fresh points
    final_loss: tuple[float, ...]
    # The first seed's logits on the grid
    grid_logits: np.ndarray = field(repr=False, compare=False)

    @property
    def median_accuracy(self) -> float:
        return statistics.median(self.test_accuracy)


def two_moons(n: int, noise: float, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """``n`` points, half on each moon, with Gaussian noise; inputs (n, 2) and labels (n,)."""
    import torch

    g = torch.Generator().manual_seed(seed)
    half = n // 2
    a = torch.rand(half, generator=g, dtype=torch.float64) * math.pi
    b = torch.rand(n - half, generator=g, dtype=torch.float64) * math.pi
    upper = torch.stack([torch.cos(a), torch.sin(a)], dim=1)
    lower = torch.stack([1.0 - torch.cos(b), 0.5 - torch.sin(b)], dim=1)
    x = torch.cat([upper, lower]) + noise * torch.randn(n, 2, generator=g, dtype=torch.float64)
    t = torch.cat([torch.zeros(half), torch.ones(n - half)]).to(torch.float64)
    return x, t


def grid_inputs(points: int) -> torch.Tensor:
    """The plotting grid as (points * points, 2), rows running along x1."""
    import torch

    x0, x1, y0, y1 = GRID
    g1, g2 = torch.meshgrid(
        torch.linspace(x0, x1, points, dtype=torch.float64),
        torch.linspace(y0, y1, points, dtype=torch.float64),
        indexing="xy",
    )
    return torch.stack([g1.reshape(-1), g2.reshape(-1)], dim=1)


def train_moons_together(keys: Sequence[str], settings: MoonsSettings) -> dict[str, MoonsRuns]:
    """Full-batch Adam on the training moons, one network per seed, batched; the activations of
    ``keys`` in one loop, each getting exactly the numbers it gets alone."""
    import torch

    from activation_tutorial.experiment.batched import (
        deterministic,
        forward,
        hidden_activation,
        in_one_tensor,
        init_params,
        per_network_loss,
        training_loss,
    )

    acts = [hidden_activation(key) for key in keys]
    x, t = two_moons(settings.n_train, settings.noise, settings.data_seed)
    x_test, t_test = two_moons(settings.n_test, settings.noise, settings.data_seed + 1)
    n = settings.grid_points
    with deterministic():
        nets, flat = in_one_tensor([init_params(MOONS_SIZES, settings.seeds)] * len(keys))
        opt = torch.optim.Adam([flat], lr=settings.lr, foreach=False)  # one tensor: no lists
        for _ in range(settings.steps):
            flat.grad.zero_()  # in place: the weights' gradients are views of it
            logits = [forward(net, x, act) for net, act in zip(nets, acts, strict=True)]
            training_loss(logits, t).backward()  # one pass; each network's gradient is its own
            opt.step()
        out = {}
        with torch.no_grad():
            for key, net, act in zip(keys, nets, acts, strict=True):
                loss = per_network_loss(forward(net, x, act), t)
                correct = (forward(net, x_test, act) > 0) == (t_test > 0.5)
                first = [(w[:1], b[:1]) for w, b in net]
                grid = forward(first, grid_inputs(n), act)[0]
                out[key] = MoonsRuns(
                    activation=key,
                    test_accuracy=tuple(correct.double().mean(dim=1).tolist()),
                    final_loss=tuple(loss.tolist()),
                    grid_logits=grid.reshape(n, n).numpy(),
                )
    return out
