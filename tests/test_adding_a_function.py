"""CONTRIBUTING's promise: one registry entry plus one page per language is all it takes.

A throw-away function (Softsign) is added to a COPY of the registry, bound wherever the
package reads ``REGISTRY``; the real registry is never edited. Then: the generated fact boxes
and quoted values include it, the overview links it, the registry tests and the build name its
missing page, and once its pages are added to a copy of the docs its figure is drawn.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from types import MappingProxyType

import pytest
import sympy as sp

import activation_tutorial
from activation_tutorial.activations import REGISTRY, Activation
from activation_tutorial.activations.registry import x

ROOT = Path(__file__).resolve().parent.parent

THROWAWAY = Activation(
    key="softsign",
    name="Softsign",
    torch_module="Softsign",
    definition=x / (1 + sp.Abs(x)),
    lower=-1.0,
    upper=1.0,
    plot_range=(-6.0, 6.0),
)

SECTION = {
    "ja": ("ソフトサイン（Softsign）", "ソフトサインのグラフ：原点を通り、-1 と 1 に近づく曲線。"),
    "en": ("Softsign", "Plot of softsign: a curve through the origin approaching -1 and 1."),
}


def modules_holding(original: object) -> list[object]:
    """Every module of the package that has the object ``original`` bound as REGISTRY."""
    for info in pkgutil.walk_packages(activation_tutorial.__path__, "activation_tutorial."):
        importlib.import_module(info.name)  # consumers bind REGISTRY when imported
    ours = [m for n, m in list(sys.modules.items()) if n.startswith("activation_tutorial")]
    return [m for m in ours if getattr(m, "REGISTRY", None) is original]


def registry_with_throwaway() -> MappingProxyType:
    return MappingProxyType({**REGISTRY, THROWAWAY.key: THROWAWAY})


def patch_everywhere() -> None:
    """For the pytest plugin below: swap the copy in for a whole test session."""
    copy = registry_with_throwaway()
    for module in modules_holding(REGISTRY):
        module.REGISTRY = copy


@pytest.fixture
def with_throwaway(monkeypatch):
    copy = registry_with_throwaway()
    holders = modules_holding(REGISTRY)
    # The registry module itself and at least one consumer (assets, values) must be patched.
    assert len(holders) >= 3, [m.__name__ for m in holders]
    for module in holders:
        monkeypatch.setattr(module, "REGISTRY", copy)
    return copy


def test_generated_fact_boxes_and_values_include_it(with_throwaway):
    from activation_tutorial.activations import get
    from activation_tutorial.assets import table_assets
    from activation_tutorial.content.values import activation_values

    assets = {a.path: a for a in table_assets()}
    for lang in ("ja", "en"):
        html = assets[f"includes/facts_softsign-{lang}.html"].make().decode()
        assert "<code>nn.Softsign()</code>" in html and "<math" in html
    # The "act" group of values.json (the rest, e.g. the training experiment, is costly).
    assert "softsign" in activation_values()
    assert get("softsign") is THROWAWAY


def test_registry_tests_run_for_it_and_name_its_missing_section(tmp_path):
    # A pytest plugin that swaps in the copy before test_registry.py is collected.
    (tmp_path / "throwaway_registry.py").write_text(
        textwrap.dedent(f"""
            import sys
            sys.path.insert(0, {str(Path(__file__).parent)!r})
            from test_adding_a_function import patch_everywhere
            patch_everywhere()
        """),
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(tmp_path), MPLBACKEND="Agg")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_registry.py", "-p", "throwaway_registry",
         "-q", "-rA", "--no-header", "-k", "softsign"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    out = result.stdout
    checked = "test_definition_agrees_with_pytorch_autograd_and_the_derivative_shown[softsign]"
    assert f"PASSED tests/test_registry.py::{checked}" in out
    assert "PASSED tests/test_registry.py::test_outputs_stay_inside_the_stated_range[softsign]" in (
        out
    )
    for lang, page in (("ja", "softsign.md"), ("en", "softsign.en.md")):
        test = (
            f"test_every_function_has_its_page_facts_and_figure_in_both_languages[softsign-{lang}]"
        )
        assert f"FAILED tests/test_registry.py::{test}" in out, out[-3000:]
        assert f"docs/functions/{page}: no page for Softsign" in out


def _page(lang: str) -> str:
    title, alt = SECTION[lang]
    return textwrap.dedent(f"""\
        # {title}

        --8<-- "facts_softsign-{lang}.html"

        ```python
        --8<-- "code/functions/softsign.py:imports"
        ```

        ```python
        --8<-- "code/functions/softsign.py:softsign"
        ```

        ![{alt}](../generated/figures/softsign.light.svg#only-light)
        ![{alt}](../generated/figures/softsign.dark.svg#only-dark)
    """)


CODE = """\
# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn
# --8<-- [end:imports]

# --8<-- [start:softsign]
x = torch.linspace(-6, 6, 401)
plt.plot(x, nn.Softsign()(x))
plt.show()
# --8<-- [end:softsign]
"""


def test_without_its_page_the_build_names_the_missing_file(with_throwaway):
    from activation_tutorial.assets import figure_pages

    with pytest.raises(FileNotFoundError, match=r"missing: docs/functions/softsign\.md$"):
        figure_pages(ROOT / "docs")


def test_the_overview_links_it(with_throwaway):
    from activation_tutorial.content.activation_facts import overview_markdown

    for lang in ("ja", "en"):
        table = overview_markdown(with_throwaway.values(), lang)
        last_row = [line for line in table.splitlines() if line.startswith("|")][-1]
        assert last_row.startswith("| [Softsign](softsign.md){ #softsign } |")


def test_with_its_pages_the_page_checks_pass_and_its_figure_is_drawn(
    with_throwaway, tmp_path, monkeypatch
):
    import activation_tutorial.assets as assets

    sys.path.insert(0, str(Path(__file__).parent))
    from test_registry import test_every_function_has_its_page_facts_and_figure_in_both_languages

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "functions", docs / "functions")
    for lang, name in (("ja", "softsign.md"), ("en", "softsign.en.md")):
        (docs / "functions" / name).write_text(_page(lang), encoding="utf-8")
        test_every_function_has_its_page_facts_and_figure_in_both_languages(
            THROWAWAY, lang, tmp_path
        )
    (docs / "code" / "functions").mkdir(parents=True)
    (docs / "code" / "functions" / "softsign.py").write_text(CODE, encoding="utf-8")
    figures = {a.path: a for a in assets.snippet_figure_assets(docs, tmp_path)}
    assert {"figures/softsign.light.svg", "figures/softsign.dark.svg"} <= set(figures)
    svg = figures["figures/softsign.light.svg"].make()  # one palette: drawing is the slow part
    assert svg.startswith(b"<?xml") and b"<path" in svg
