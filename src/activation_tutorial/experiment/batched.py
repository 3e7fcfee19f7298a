"""Many small MLPs trained at once: one batch dimension holds one network per seed. Seed ``s``
gets exactly the weights ``torch.manual_seed(s)`` and ``nn.Linear`` give, so a batched run equals
training each network alone, vectorised (``torch.baddbmm``). Several activations train in one
loop too, each with its own tensors shaped as if alone, sharing one backward pass and optimizer
step; stacking them along the seed dimension would not be exact (PyTorch's CPU kernels pick their
order of additions by batch size)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    import torch
    from torch import nn

# Per layer: weights (S, in, out), biases (S, 1, out); S seeds
Params = list[tuple["torch.Tensor", "torch.Tensor"]]


@contextmanager
def deterministic() -> Iterator[None]:
    """One thread: the same seeds give the same numbers every run. On the CPU the kernels used
    here (matrix products, activations, the loss, Adam) have one algorithm each, so PyTorch's
    deterministic mode would change nothing; turning it on imports its compiler (a second of
    CPU per process). The clean-build test compares the trained bytes."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def init_params(sizes: Sequence[int], seeds: Sequence[int]) -> Params:
    """PyTorch's default ``nn.Linear`` initialisation per seed, stacked along a batch dimension."""
    import torch
    from torch import nn

    per_seed = []
    for seed in seeds:
        torch.manual_seed(seed)
        layers = [nn.Linear(a, b, dtype=torch.float64) for a, b in itertools.pairwise(sizes)]
        per_seed.append([(lin.weight.detach().T, lin.bias.detach()[None, :]) for lin in layers])
    # Per layer, its weights of every seed stacked, then its biases
    return [
        tuple(torch.stack(same).requires_grad_() for same in zip(*layer, strict=True))
        for layer in zip(*per_seed, strict=True)
    ]


def forward(params: Params, x: torch.Tensor, activation: nn.Module) -> torch.Tensor:
    """Logits of every network for inputs ``x`` (n, in) or (S, n, in): shape (S, n)."""
    import torch

    h = x.expand(params[0][0].shape[0], *x.shape[-2:])
    for i, (w, b) in enumerate(params):
        h = torch.baddbmm(b, h, w)
        if i < len(params) - 1:
            h = activation(h)
    return h.squeeze(-1)


def in_one_tensor(nets: list[Params]) -> tuple[list[Params], torch.Tensor]:
    """A copy of the weights as views of one flat tensor (returned too; the same ``Params`` may
    come twice, one per activation), their gradients views of its gradient, so the optimizer
    steps one tensor: Adam works element by element, so each
    weight gets exactly what it would alone. Zero the gradient in place (``flat.grad.zero_()``):
    ``zero_grad()`` would cut the weights' gradients off it."""
    import torch

    flat = torch.cat([p.detach().reshape(-1) for net in nets for layer in net for p in layer])
    flat.grad = torch.zeros_like(flat)
    offset = 0

    def view(p: torch.Tensor) -> torch.Tensor:
        nonlocal offset
        part = slice(offset, offset + p.numel())
        offset += p.numel()
        leaf = flat[part].view(p.shape).requires_grad_()
        leaf.grad = flat.grad[part].view(p.shape)  # backward adds into it, in place
        return leaf

    return [[(view(w), view(b)) for w, b in net] for net in nets], flat


def per_network_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Binary cross-entropy on the logits, averaged over the points of each network: (S,)."""
    from torch.nn.functional import binary_cross_entropy_with_logits

    t = targets.expand_as(logits)
    return binary_cross_entropy_with_logits(logits, t, reduction="none").mean(dim=1)


def training_loss(logits: Sequence[torch.Tensor], targets: torch.Tensor) -> torch.Tensor:
    """The sum of ``per_network_loss`` over every network of every activation in fewer autograd
    nodes: every logit gets exactly the same gradient, so a step is the same to the bit."""
    import torch
    from torch.nn.functional import binary_cross_entropy_with_logits as bce

    n = targets.shape[-1]
    sums = [bce(lg, targets.expand_as(lg), reduction="sum") / n for lg in logits]
    return torch.stack(sums).sum()


def hidden_activation(key: str) -> nn.Module:
    """The registry's module in float64 with any parameters frozen (shared across the batch)."""
    import torch

    from activation_tutorial.activations import get

    module = get(key).module().to(torch.float64)
    module.requires_grad_(False)
    return module
