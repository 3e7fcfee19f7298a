"""The derivative values the gradients page quotes, by autograd."""

from __future__ import annotations

import numpy as np

from activation_tutorial.activations import get
from activation_tutorial.activations.derivatives import autograd_derivative
from activation_tutorial.gradients.stack import (
    DEPTH,
    WIDTH,
    gradient_sizes,
    registry_gradient_sizes,
)


def sci_latex(v: float, digits: int = 2) -> str:
    """``9.5 \\times 10^{-7}``: a small number as LaTeX, ``digits`` significant figures."""
    mantissa, exponent = f"{v:.{digits - 1}e}".split("e")
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
        "relu_normal_stack": f"{gradient_sizes(nn.ReLU(), output_gradient='normal')[DEPTH]:.3f}",
    }
