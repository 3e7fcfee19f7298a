"""Derivatives, sources and computed properties of every registry entry; the gradients page's
deep-stack table is what its snippet computes."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
import torch

from activation_tutorial.activations import REGISTRY, get
from activation_tutorial.activations.properties import (
    is_monotonic,
    max_slope,
    normal_mean,
    smoothness,
)
from activation_tutorial.activations.registry import SELU_ALPHA, SELU_SCALE, Activation, x
from activation_tutorial.content.comparison import comparison_html, comparison_rows
from activation_tutorial.content.references import cited_sources
from activation_tutorial.gradients import gradient_values, registry_gradient_sizes
from activation_tutorial.page_code import sections

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = list(REGISTRY.values())


def test_step_has_no_nn_module_so_the_registry_brings_one():
    step = get("step")
    assert not hasattr(torch.nn, "Step")
    x = torch.tensor([-3.0, -0.5, 0.0, 0.5, 3.0])  # H(0) = 0 is part of the contract
    expression = eval(step.torch_expression, {"torch": torch, "x": x})  # the fact box's call
    assert torch.equal(step.module()(x), expression)  # and the module is the definition: check
    # The page says torch.heaviside has no autograd derivative.
    x.requires_grad_(True)
    with pytest.raises(RuntimeError, match="not implemented"):
        torch.heaviside(x, torch.tensor(0.0)).sum().backward()


# What the mathematics says of these functions; the tests below state their properties only (a
# function added to the registry is measured the same way and needs no entry here).
SMOOTHNESS = {
    "step": "jump", "sigmoid": "c2", "tanh": "c2", "relu": "kink", "leaky_relu": "kink",
    "elu": "c1", "selu": "kink", "softplus": "c2", "gelu": "c2", "silu": "c2",
    "mish": "c2", "hardswish": "kink",
}  # fmt: skip


def test_properties_are_computed_as_the_mathematics_says(monkeypatch):
    assert {k: smoothness(get(k)) for k in SMOOTHNESS} == SMOOTHNESS
    assert {k for k in SMOOTHNESS if not is_monotonic(get(k))} == {"gelu", "silu", "mish",
                                                                   "hardswish"}  # fmt: skip
    assert normal_mean(get("relu")) == pytest.approx(1 / math.sqrt(2 * math.pi), abs=1e-9)
    assert normal_mean(get("gelu")) == pytest.approx(1 / (2 * math.sqrt(math.pi)), abs=1e-9)
    assert normal_mean(get("sigmoid")) == pytest.approx(0.5, abs=1e-12)
    assert normal_mean(get("step")) == pytest.approx(0.5, abs=1e-9)
    assert abs(normal_mean(get("tanh"))) < 1e-12
    assert abs(normal_mean(get("selu"))) < 1e-6  # SELU's design: mean 0 for N(0, 1) input
    assert max_slope(get("sigmoid")) == 0.25 and max_slope(get("step")) == 0.0
    assert max_slope(get("selu")) == pytest.approx(SELU_SCALE * SELU_ALPHA, rel=1e-12)
    assert max_slope(get("hardswish")) == pytest.approx(1.5, abs=1e-3)
    # |x - 7|: a kink where no registry function has one, so the grid is not tuned to zero.
    shifted = Activation(key="v", name="V", torch_module="Identity", lower=None, upper=None,
                         definition=sp.Abs(x - 7))  # fmt: skip
    import activation_tutorial.activations.formulas as derivatives

    monkeypatch.setattr(derivatives, "autograd_derivative", lambda act, x: np.sign(x - 7.0))
    assert smoothness(shifted) == "kink"


def test_comparison_rows_and_table():
    rows = {r.key: r for r in comparison_rows()}
    assert {k for k in SMOOTHNESS if rows[k].zero_centred} == {"tanh", "selu"}
    html = comparison_html(list(rows.values()), "en")
    step_row = re.search(r"<tr><th scope=\"row\"><a href=\"\.\./functions/step/\">.*?</tr>", html)
    assert step_row and "discontinuous" in step_row[0] and "low (0)" in step_row[0]
    assert html.count("<tr>") == len(REGISTRY) + 1 and "−0.000" not in html  # + header


def test_references_list_every_source_once_oldest_first():
    cited = cited_sources()
    assert [s.year for s, _, _ in cited] == sorted(s.year for s, _, _ in cited)
    assert all(a.sources for a in ENTRIES)  # every entry names its source
    for source, _, _ in cited:
        assert source.url.startswith("https://"), source
        assert 1940 <= source.year <= 2030 and source.authors and source.title
    nair, glorot, fukushima, _ = get("relu").sources  # as the pages cite them
    assert (nair.short("en"), fukushima.short("en")) == ("Nair & Hinton (2010)", "Fukushima (1969)")
    assert glorot.short("en") == "Glorot et al. (2011)"
    assert glorot.short("ja") == "Glorot ほか (2011)"


def test_gradient_values_quote_autograd_and_the_deep_stack_table_is_the_pages():
    """The numbers the gradients page quotes, its table (what its snippet computes, run here
    with the sections it needs) and ReLU's theory beside the measurement."""
    from torch import nn

    from activation_tutorial.gradients import gradient_sizes

    v = gradient_values()
    assert v["sigmoid_max"] == "0.25"
    assert v["sigmoid_bound"] == r"9.5 \times 10^{-7}"
    assert (v["relu_below"], v["leaky_below"]) == ("0", "0.01")
    assert (v["gelu_at_0"], v["mish_at_0"], v["tanh_at_0"]) == ("0.5", "0.6", "1")
    # He's initialisation is LeCun's times sqrt(2) per layer, exactly: ReLU(cx) = c ReLU(x).
    lecun, he = gradient_sizes(nn.ReLU()), gradient_sizes(nn.ReLU(), gain=2**0.5)
    assert he[10] / lecun[10] == pytest.approx(float(v["relu_he_ratio"]), rel=1e-5) == 2**5
    assert (v["relu_theory_layer"], v["relu_theory_stack"]) == ("0.71", "0.031")
    # A mean-zero output gradient, as the textbook argument assumes, lands near its 0.031.
    assert 0.015 < float(v["relu_normal_stack"]) < 0.05
    code = ROOT / "docs" / "code" / "gradients.py"
    found = {s.name: s.source for s in sections(code.read_text(encoding="utf-8"), str(code))}
    page: dict[str, object] = {}
    for name in ("plot_helper", "step_module", "deep_stack"):  # no figure: plt.show not called
        exec(found[name], page)
    sizes = page["sizes"]  # every function's: the test below
    assert set(sizes) <= {a.torch_module for a in ENTRIES}
    for act in ENTRIES:
        if act.torch_module in sizes:
            assert tuple(sizes[act.torch_module]) == registry_gradient_sizes(act.key), act.key
    # The page asserts the sigmoid's vanishing; the prose says SELU's gradient does not shrink.
    assert sizes["Sigmoid"][0] == 1.0 and sizes["SELU"][10] > 0.5


def test_figures_use_the_registry_plot_ranges():
    for act in ENTRIES:
        code = ROOT / "docs" / "code" / "functions" / f"{act.key}.py"
        assert code.is_file(), f"docs/code/functions/{act.key}.py: no code file for {act.name}"
        blocks = {s.name: s.source for s in sections(code.read_text(encoding="utf-8"), str(code))}
        m = re.search(r"torch\.linspace\((-?[\d.]+), (-?[\d.]+),", blocks[act.key])
        assert m and (float(m[1]), float(m[2])) == act.plot_range, act.key


@pytest.mark.parametrize("page", ["gradients", "comparison"])  # English: test_translations
def test_every_function_is_on_the_gradients_and_comparison_pages(page):
    text = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
    file = f"docs/code/{page}.py"
    code = (ROOT / file).read_text(encoding="utf-8")
    start = code.index("activations = [")
    end = code.index("\n]", start) + 1
    step = "CONTRIBUTING.md: Add an activation function"
    for act in ENTRIES:
        call = f"{'nn.' * (act.module_path == 'torch.nn')}{act.torch_module}()"
        # One curve per entry: two entries of one module (other parameters) need two.
        curves = len(re.findall(rf"\b{act.torch_module}\(", code[start:end]))
        assert curves >= sum(a.torch_module == act.torch_module for a in ENTRIES), (
            f"{file}:{code[:end].count(chr(10)) + 1}: append {call} to the list `activations`, "
            f"so that {act.name} is on docs/{page}.md and .en.md ({step})"
        )
        if page == "gradients":
            names = [s.name for s in sections(code, file)]
            last = code[: code.rindex("# --8<-- [end:grad_")].count("\n") + 1
            assert f"grad_{act.key}" in names, (
                f"{file}:{last}: below this line, add a section grad_{act.key} that plots {call} "
                f"with plot_with_derivative ({step})"
            )
            last = text[: text.rindex('"code/gradients.py:grad_')].count("\n") + 1
            assert f'"code/gradients.py:grad_{act.key}"' in text, (
                f"docs/gradients.md:{last}: after this function's figure and caption, show the "
                f"section grad_{act.key} with its own; the same in docs/gradients.en.md ({step})"
            )
