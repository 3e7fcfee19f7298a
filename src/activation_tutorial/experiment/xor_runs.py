"""Train the 2-2-1 XOR network from many random starts with one activation in the hidden layer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from activation_tutorial.experiment.batched import (
    deterministic,
    forward,
    hidden_activation,
    in_one_tensor,
    init_params,
    per_network_loss,
    training_loss,
)
from activation_tutorial.xor.network import INPUTS, xor_target

XOR_SIZES = (2, 2, 1)


@dataclass(frozen=True)
class XorSettings:
    """The fixed budget every activation gets."""

    seeds: tuple[int, ...] = tuple(range(100))
    steps: int = 2000
    lr: float = 0.05  # Adam's learning rate


@dataclass(frozen=True)
class XorRuns:
    """The outcome of every seed for one activation."""

    activation: str
    steps: int
    # Per seed: the step from which all four stayed correct, or None
    solved_at: tuple[int | None, ...]
    final_loss: tuple[float, ...]
    # Per seed, at the end: each input's hidden pre-activations (z1, z2), as in INPUTS
    hidden_inputs: tuple[tuple[tuple[float, ...], ...], ...] = ()

    @property
    def success_rate(self) -> float:
        return sum(s is not None for s in self.solved_at) / len(self.solved_at)


def train_xor_together(keys: Sequence[str], settings: XorSettings) -> dict[str, XorRuns]:
    """Adam on the mean binary cross-entropy of the four inputs, one network per seed, batched;
    the activations of ``keys`` in one loop, each getting exactly the numbers it gets alone."""
    import torch

    acts = [hidden_activation(key) for key in keys]
    x = torch.tensor(INPUTS, dtype=torch.float64)
    t = torch.tensor([float(xor_target(a, b)) for a, b in INPUTS], dtype=torch.float64)
    with deterministic():
        nets, flat = in_one_tensor([init_params(XOR_SIZES, settings.seeds)] * len(keys))
        opt = torch.optim.Adam([flat], lr=settings.lr, foreach=False)  # one tensor: no lists
        last_wrong = torch.full((len(keys) * len(settings.seeds),), -1)
        for step in range(settings.steps):
            logits = [forward(net, x, act) for net, act in zip(nets, acts, strict=True)]
            with torch.no_grad():  # bookkeeping for all networks at once (exact: comparisons)
                all_correct = ((torch.cat(logits) > 0) == (t > 0.5)).all(dim=1)
                last_wrong = torch.where(all_correct, last_wrong, step)
            flat.grad.zero_()  # in place: the weights' gradients are views of it
            training_loss(logits, t).backward()  # one pass; each network's gradient is its own
            opt.step()
        out = {}
        with torch.no_grad():
            wrongs = last_wrong.chunk(len(keys))
            for key, net, act, wrong in zip(keys, nets, acts, wrongs, strict=True):
                logits = forward(net, x, act)
                all_correct = ((logits > 0) == (t > 0.5)).all(dim=1)
                wrong = torch.where(all_correct, wrong, settings.steps)
                out[key] = XorRuns(
                    activation=key,
                    steps=settings.steps,
                    solved_at=tuple(
                        None if w >= settings.steps else int(w) + 1 for w in wrong.tolist()
                    ),
                    final_loss=tuple(per_network_loss(logits, t).tolist()),
                    # The first layer alone: its outputs, before the activation
                    hidden_inputs=tuple(
                        tuple(map(tuple, seed)) for seed in forward(net[:1], x, act).tolist()
                    ),
                )
    return out
