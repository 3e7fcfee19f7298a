"""The registry: every entry is what its formula says, and every consumer knows it."""

from __future__ import annotations

import dataclasses
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from activation_tutorial.activations import REGISTRY, get
from activation_tutorial.activations.formulas import (
    DefinitionError,
    check,
    reference,
    shown_formulas,
)
from activation_tutorial.activations.properties import output_range, range_latex, shown_interval
from activation_tutorial.activations.registry import x
from activation_tutorial.assets import function_page

ROOT = Path(__file__).resolve().parent.parent
REGISTRY_FILE = "src/activation_tutorial/activations/registry.py"
REGISTRY_LINES = (ROOT / REGISTRY_FILE).read_text(encoding="utf-8").splitlines()
ENTRIES = list(REGISTRY.values())


# The build's fact box of ReLU, with ReLU's definition made wrong in memory
WRONG_RELU = """
import dataclasses, runpy, sys
from types import MappingProxyType
import sympy as sp
import activation_tutorial.activations as activations
import activation_tutorial.assets as assets
from activation_tutorial.activations.registry import x
relu = dataclasses.replace(activations.REGISTRY["relu"], definition=sp.Max(0, 2 * x))
activations.REGISTRY = MappingProxyType({**activations.REGISTRY, "relu": relu})
assets.all_assets = lambda docs, root: [
    a for a in assets.table_assets() if a.path == "includes/facts_relu-en.html"
]
sys.argv = ["build_assets.py"]
runpy.run_path("scripts/build_assets.py", run_name="__main__")
"""


@pytest.mark.slow
def test_a_wrong_definition_stops_the_build_naming_its_line(tmp_path):
    env = dict(os.environ, ACTIVATION_GENERATED_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", WRONG_RELU], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 1 and not (tmp_path / "includes").exists(), result.stderr[-2000:]
    [message] = result.stderr.splitlines()
    where = f"error: {REGISTRY_FILE}:"
    assert message.startswith(where), message
    line = int(message[len(where) :].split(":")[0])
    assert "definition=sp.Max(0, x)" in REGISTRY_LINES[line - 1], line
    assert "the definition Max(0, 2*x) and PyTorch's ReLU differ" in message
    assert message.endswith("at x = 0.01: definition 0.02, PyTorch 0.01"), message


def test_a_wrong_derivative_shown_names_its_line():
    relu = get("relu")
    wrong = sp.Piecewise((2, x > 0), (0, x < 0))
    with pytest.raises(DefinitionError) as raised:
        check(dataclasses.replace(relu, derivative_shown=(wrong,)))
    line = int(str(raised.value).split(":")[1])
    assert REGISTRY_LINES[line - 1].lstrip().startswith("derivative_shown="), line
    assert "shown 2, derivative 1" in str(raised.value)


def test_shown_formulas_name_the_function_and_state_its_constants_once():
    assert shown_formulas(get("relu")) == (
        r"\mathrm{ReLU}(x) = \max\left(0, x\right)",
        r"\mathrm{ReLU}'(x) = \begin{cases} 1 & (x > 0) \\ 0 & (x < 0) \end{cases}",
    )
    assert shown_formulas(get("step"))[0].endswith(r"0 & (x \leq 0) \end{cases}")
    selu, selu_derivative = shown_formulas(get("selu"))
    assert selu.endswith(r",\quad \lambda \approx 1.0507,\ \alpha \approx 1.6733")
    assert r"\approx" not in selu_derivative
    assert shown_formulas(get("leaky_relu"))[0].endswith(r",\quad a = 0.01")
    # Named functions written out beside the definition; an abbreviation where first used.
    assert (
        shown_formulas(get("silu"))[0] == r"\mathrm{SiLU}(x) = x \sigma(x) = \frac{x}{1 + e^{- x}}"
    )
    mish, mish_derivative = shown_formulas(get("mish"))
    assert " s " not in mish and mish_derivative.endswith(
        r",\quad s = \ln{\left(e^{x} + 1 \right)}"
    )


@pytest.mark.parametrize("act", ENTRIES, ids=lambda a: a.key)
def test_the_range_is_tight_and_each_interval_a_table_shows_holds_it(act):
    """The stated bounds are the infimum and supremum of the outputs (attained or approached; a
    numerically found minimum to grid precision), a minimum is the value where it is said to be;
    rounded to 2-4 digits for a table, the interval still holds every output (SELU(-10) = -1.758020
    is below "-1.758"), closed only where the bound is a value, no wider than the rounding needs."""
    assert act.plot_range[0] < 0 < act.plot_range[1]  # finite: its figure's code has the numbers
    r = output_range(act)
    far = np.geomspace(1e2, 1e12, 11)  # for a bound approached slowly, as x/(1+|x|) nears 1
    with np.errstate(all="ignore"):
        y = reference(act)(np.concatenate([-far, np.linspace(-40, 40, 80001), far]))
    y = y[np.isfinite(y)]  # where e^x overflows, a written-out formula gives nothing
    assert r.lower - 1e-12 <= y.min() and y.max() <= r.upper + 1e-12
    for bound, found in ((r.lower, y.min()), (r.upper, y.max())):
        assert not math.isfinite(bound) or found == pytest.approx(bound, abs=1e-6)
    if r.argmin is not None:  # SiLU's -1 - W(1/e), or where SymPy found f' = 0
        assert reference(act)(np.array([r.argmin]))[0] == pytest.approx(r.lower, abs=1e-15)
    for digits in (2, 3, 4):
        shown = shown_interval(act, digits)
        # Not strict even for an open bound: in floating point, sigmoid(40) is exactly 1.
        assert shown.lower <= y.min() and y.max() <= shown.upper, digits
        if shown.lower_closed:
            assert y.min() == pytest.approx(shown.lower, abs=1e-9), digits
        if shown.upper_closed:
            assert y.max() == pytest.approx(shown.upper, abs=1e-9), digits
        for shown_bound, bound in ((shown.lower, r.lower), (shown.upper, r.upper)):
            assert shown_bound == bound or abs(shown_bound - bound) < 10**-digits, digits


def test_range_latex_reads_as_an_interval():
    assert range_latex(get("sigmoid")) == "(0, 1)"
    assert range_latex(get("relu")) == r"[0, \infty)"
    assert range_latex(get("leaky_relu")) == r"(-\infty, \infty)"
    assert range_latex(get("gelu")).startswith(r"[m, \infty)")
    assert range_latex(get("selu")).startswith(r"(- \alpha \lambda, \infty)")
    assert range_latex(get("selu"), digits=4, compact=True) == r"(-1.7581, \infty)"
    assert range_latex(get("hardswish"), digits=4, compact=True) == r"[-0.375, \infty)"


def test_an_entrys_module_takes_its_parameters():
    assert get("leaky_relu").module().negative_slope == get("leaky_relu").params["negative_slope"]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("act", ENTRIES, ids=lambda a: a.key)
def test_every_function_has_its_page_facts_and_figure_in_both_languages(act, lang, root=ROOT):
    page = root / "docs" / function_page(act.key, lang)
    where = page.relative_to(root).as_posix()
    assert page.is_file(), f"{where}: no page for {act.name} (one page per registry function)"
    text = page.read_text(encoding="utf-8")
    assert f'--8<-- "facts_{act.key}-{lang}.html"' in text, f"{where}: no fact box for {act.key}"
    snippet = f'--8<-- "code/functions/{act.key}.py:{act.key}"'
    assert snippet in text, f"{where}: no plotting snippet for {act.key} ({snippet})"
    for palette in ("light", "dark"):
        assert f"generated/figures/{act.key}.{palette}.svg#only-{palette}" in text, (
            f"{where}: the {palette} figure of {act.key} is not shown"
        )
