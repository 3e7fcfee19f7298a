"""Gradients through activation functions, as the gradients page quotes them: single
derivatives by autograd, and how large a gradient is after flowing back through a deep stack
(its table: RMS gradient after n layers, per function)."""

from __future__ import annotations

from functools import cache
from html import escape
from typing import TYPE_CHECKING

import numpy as np

from activation_tutorial.activations import REGISTRY, get
from activation_tutorial.activations.formulas import autograd_derivative
from activation_tutorial.content.labels import LABELS, by_language
from activation_tutorial.content.tables import function_href, table_html

if TYPE_CHECKING:
    from torch import nn

DEPTH = 10
WIDTH = 64
SHOWN_AFTER = (1, 5, 10)  # layers passed backwards, for the table's columns


def gradient_sizes(activation: nn.Module, gain: float = 1.0, normal: bool = False) -> list[float]:
    """RMS gradient at each layer's input from the output back (element n: after n layers) with
    h_k = f(h_{k-1} W_k^T), W_k ~ N(0, gain^2/WIDTH); the output's gradient is 1, or random
    with RMS 1 (``normal``), as the textbook argument assumes."""
    import torch

    torch.manual_seed(0)
    h = torch.randn(256, WIDTH, requires_grad=True)  # a batch of inputs
    inputs = [h]
    for _ in range(DEPTH):
        weight = gain * torch.randn(WIDTH, WIDTH) / WIDTH**0.5
        h = activation(h @ weight.T)
        h.retain_grad()
        inputs.append(h)
    if normal:
        start = torch.randn_like(h)
        h.backward(start / start.pow(2).mean().sqrt())
    else:
        h.sum().backward()
    return [x.grad.pow(2).mean().sqrt().item() for x in reversed(inputs)]


@cache
def registry_gradient_sizes(key: str) -> tuple[float, ...]:
    """``gradient_sizes`` of a registry entry, computed once per process (table and values)."""
    return tuple(gradient_sizes(get(key).module()))


def sci_latex(v: float) -> str:
    """``9.5 \\times 10^{-7}``: a small number as LaTeX, two significant figures."""
    mantissa, exponent = f"{v:.1e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def _at(key: str, x: float) -> float:
    return float(autograd_derivative(get(key), np.array([x]))[0])


def gradient_values() -> dict[str, str]:
    """Strings for ``{{ v.grad.<name> }}``. ReLU through the deep stack: the textbook factor
    per layer (He et al., 2015: 1/sqrt(2) in RMS with weights of variance 1/n, 1 with 2/n)
    beside what the code measures."""
    from torch import nn

    sigmoid_max = _at("sigmoid", 0.0)
    sizes = {key: registry_gradient_sizes(key) for key in ("sigmoid", "relu", "selu")}
    relu_stack, theory = sizes["relu"][DEPTH], 2**-0.5
    return {
        "sigmoid_max": f"{sigmoid_max:g}",
        "depth": str(DEPTH),
        "width": str(WIDTH),
        "sigmoid_bound": sci_latex(sigmoid_max**DEPTH),
        "sigmoid_at_5": f"{_at('sigmoid', 5.0):.4f}",
        "tanh_at_0": f"{_at('tanh', 0.0):g}",
        "tanh_at_3": f"{_at('tanh', 3.0):.4f}",
        "relu_below": f"{_at('relu', -1.0):g}",
        "leaky_below": f"{_at('leaky_relu', -1.0):g}",
        "gelu_at_0": f"{_at('gelu', 0.0):g}",
        "mish_at_0": f"{_at('mish', 0.0):g}",
        "sigmoid_stack": sci_latex(sizes["sigmoid"][DEPTH]),
        "relu_stack": f"{relu_stack:.3f}",
        "selu_stack": f"{sizes['selu'][DEPTH]:.2f}",
        "relu_theory_layer": f"{theory:.2f}",
        "relu_theory_stack": f"{theory**DEPTH:.3f}",
        "relu_layer": f"{relu_stack ** (1 / DEPTH):.2f}",
        "relu_he_stack": f"{gradient_sizes(nn.ReLU(), gain=2**0.5)[DEPTH]:.2f}",
        "relu_he_ratio": f"{2 ** (DEPTH / 2):g}",
        "relu_normal_stack": f"{gradient_sizes(nn.ReLU(), normal=True)[DEPTH]:.3f}",
    }


WORDS = by_language({
    "caption": ("出力側の勾配を 1 としたときの、n 層さかのぼった後の勾配の大きさ（RMS）",
                "Size (RMS) of the gradient after flowing back through n layers,"
                " with the output's gradient set to 1"),
    "after": ("{n} 層後", "after {n}"),
})  # fmt: skip


def stack_rows() -> list[tuple[str, list[float]]]:
    """(registry key, gradient sizes after each of ``SHOWN_AFTER`` layers)."""
    return [(key, [registry_gradient_sizes(key)[n] for n in SHOWN_AFTER]) for key in REGISTRY]


def _size(v: float) -> str:
    if v == 0:
        return "0"
    if v >= 0.01:
        return f"{v:.3f}"
    mantissa, exponent = f"{v:.1e}".split("e")
    return f"{mantissa} × 10<sup>\u2212{abs(int(exponent))}</sup>"


def stack_table_html(rows: list[tuple[str, list[float]]], lang: str) -> str:
    w = {**LABELS[lang], **WORDS[lang]}  # "function": the fact boxes' word
    header = [escape(w["function"])] + [escape(w["after"].format(n=n)) for n in SHOWN_AFTER]
    body = [
        [f'<a href="{function_href(key)}">{escape(REGISTRY[key].name)}</a>']
        + [_size(v) for v in sizes]
        for key, sizes in rows
    ]
    return table_html(w["caption"], header, body, row_headers=True)
