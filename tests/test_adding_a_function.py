"""CONTRIBUTING's recipe for adding a function, proved with its own templates (its example is
Softsign), given a key no real function will take, ``throwaway``. The entry is added to a COPY of
the registry, bound wherever the package reads ``REGISTRY``; the real registry is never edited.
Then the fact boxes and quoted values include it, the overview links it, every test that reads the
registry runs for it and only those naming a step of the recipe fail, the build names its missing
page, and the guide's pages and code pass the page checks and lint, and draw its figure."""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from types import MappingProxyType

import pytest

import activation_tutorial
import activation_tutorial.activations.registry as registry
from activation_tutorial.activations import REGISTRY
from activation_tutorial.translation import (
    first_difference,
    front_matter,
    in_language,
    title_problem,
)

ROOT = Path(__file__).resolve().parent.parent


def template(guide: str, marker: str) -> str:
    """The block of ``guide``'s recipe that contains ``marker``, for the key ``throwaway``."""
    text = (ROOT / guide).read_text(encoding="utf-8")
    for body in re.findall(r"^( *)(`{3,4})\w*\n(.*?)^\1\2$", text, re.M | re.S):
        if marker in body[2]:
            return textwrap.dedent(body[2]).replace("softsign", "throwaway")
    raise AssertionError(f"{guide}: no template containing {marker!r}")


_SOURCE = template("CONTRIBUTING.md", "= Source(")
_ENTRY = template("CONTRIBUTING.md", "Activation(").replace(
    '"Softsign",  # as', '"Throwaway",  # as'
)
_names = vars(registry).copy()
exec(_SOURCE, _names)  # the guide's own code, as a contributor pastes it
THROWAWAY = eval(_ENTRY, _names)
WITH_THROWAWAY = MappingProxyType({**REGISTRY, THROWAWAY.key: THROWAWAY})


def modules_holding_the_registry() -> list[object]:
    """Every module of the package that has REGISTRY bound: the registry module itself and at
    least one consumer (assets, values) must be among them."""
    for info in pkgutil.walk_packages(activation_tutorial.__path__, "activation_tutorial."):
        importlib.import_module(info.name)  # consumers bind REGISTRY when imported
    ours = [m for n, m in list(sys.modules.items()) if n.startswith("activation_tutorial")]
    holders = [m for m in ours if getattr(m, "REGISTRY", None) is REGISTRY]
    assert len(holders) >= 3, [m.__name__ for m in holders]
    return holders


@pytest.fixture
def with_throwaway(monkeypatch):
    for module in modules_holding_the_registry():
        monkeypatch.setattr(module, "REGISTRY", WITH_THROWAWAY)


def test_the_build_makes_what_follows_from_the_entry_and_names_its_missing_page(with_throwaway):
    """Its fact boxes (made only once its definition agrees with PyTorch), its quoted values,
    its row in the overview; its page, missing, is named."""
    from activation_tutorial.activations import get
    from activation_tutorial.assets import figure_pages, table_assets
    from activation_tutorial.content.values import activation_values

    assets = {a.path: a for a in table_assets()}
    for lang in ("ja", "en"):
        html = assets[f"includes/facts_throwaway-{lang}.html"].make().decode()
        assert "<code>nn.Softsign()</code>" in html and "<math" in html
        table = assets[f"includes/functions_overview-{lang}.md"].make().decode()
        last_row = [line for line in table.splitlines() if line.startswith("|")][-1]
        assert last_row.startswith("| [Throwaway](throwaway.md){ #throwaway } |")
    # The "act" group of values.json (the rest, e.g. the training experiment, is costly).
    assert "throwaway" in activation_values()
    assert get("throwaway") is THROWAWAY
    with pytest.raises(FileNotFoundError, match=r"missing: docs/functions/throwaway\.md$"):
        figure_pages(ROOT / "docs")


# Every test file that reads the registry; its tests that need no built site run for the
# throw-away function, and those that fail must be these, each naming a step of CONTRIBUTING.
READERS = sorted(
    p.name
    for p in Path(__file__).parent.glob("test_*.py")
    if "activation_tutorial.activations import" in p.read_text(encoding="utf-8")
    and p.name not in (Path(__file__).name, "test_build_cache.py")  # it reads the file's text
)
RECIPE_STEPS = {
    "test_registry.py::test_every_function_has_its_page_facts_and_figure_in_both_languages"
    "[throwaway-ja]": "docs/functions/throwaway.md: no page for Throwaway",
    "test_registry.py::test_every_function_has_its_page_facts_and_figure_in_both_languages"
    "[throwaway-en]": "docs/functions/throwaway.en.md: no page for Throwaway",
    "test_gradients.py::test_figures_use_the_registry_plot_ranges":
        "docs/code/functions/throwaway.py: no code file for Throwaway",
    "test_gradients.py::test_every_function_is_on_the_gradients_and_comparison_pages"
    "[gradients]": "append nn.Softsign() to the list `activations`",
    "test_gradients.py::test_every_function_is_on_the_gradients_and_comparison_pages"
    "[comparison]": "append nn.Softsign() to the list `activations`",
    "test_function_pages.py::test_nav_lists_the_overview_then_every_function_page_in_registry_order":
        "  - functions/throwaway.md",
}  # fmt: skip

PLUGIN = f"""
import sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from test_adding_a_function import WITH_THROWAWAY, for_another_entry, modules_holding_the_registry
for module in modules_holding_the_registry():  # the copy, for the whole session
    module.REGISTRY = WITH_THROWAWAY

def pytest_collection_modifyitems(items, config):
    # Another entry's instance of a per-entry test is the outer run's, which has that entry.
    others = [i for i in items if for_another_entry(i)]
    config.hook.pytest_deselected(items=others)
    items[:] = [i for i in items if i not in others]
"""


def for_another_entry(item: pytest.Item) -> bool:
    """Whether ``item`` is a per-entry test's instance for an entry other than the throw-away."""
    params = getattr(item, "callspec", None)
    return any(isinstance(v, registry.Activation) and v.key != THROWAWAY.key
               for v in (params.params.values() if params else ()))  # fmt: skip


def run_the_readers(where: Path) -> int:
    """The readers' tests for the throw-away entry, with the plugin written to ``where``: what
    ``python tests/test_adding_a_function.py DIR SITE`` does, started by conftest.py with the run.
    What needs the built site or a browser is the site tests' business, and a slow proof runs the
    build in a subprocess of its own, which does not see the copy."""
    (where / "throwaway_registry.py").write_text(PLUGIN, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", *(f"tests/{f}" for f in READERS), "-p",
         "throwaway_registry", "-m", "not site and not slow", "-q", "-rA", "--no-header",
         "-p", "no:cacheprovider"], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(where)),
    ).returncode  # fmt: skip


@pytest.mark.slow
@pytest.mark.waits
def test_every_test_reading_the_registry_runs_for_it_and_names_what_is_missing(background):
    assert {"test_registry.py", "test_gradients.py", "test_function_pages.py"} <= set(READERS)
    job = background[Path(__file__).name]
    job["ended"]()
    out = job["log"].read_text()
    failed = {line.split(" ")[1].removeprefix("tests/") for line in out.splitlines()
              if line.startswith(("FAILED ", "ERROR "))}  # fmt: skip
    assert failed == set(RECIPE_STEPS), out[-3000:]
    for test, message in RECIPE_STEPS.items():
        assert message in out, (test, message)
    # Its range and bounds, checked like any entry's (its definition: its fact boxes, above).
    assert "PASSED tests/test_registry.py::test_the_range_is_tight" in out, out


def test_the_guides_pages_and_code_pass_the_checks_and_draw_its_figure(with_throwaway, tmp_path):
    import activation_tutorial.assets as assets

    sys.path.insert(0, str(Path(__file__).parent))
    from test_registry import test_every_function_has_its_page_facts_and_figure_in_both_languages

    pages = {"ja": template("CONTRIBUTING.ja.md", '"facts_softsign-ja.html"'),
             "en": template("CONTRIBUTING.md", '"facts_softsign-en.html"')}  # fmt: skip
    assert first_difference(pages["ja"], "ja", pages["en"], "en") is None
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "functions", docs / "functions")
    for lang, text in pages.items():
        assert title_problem(text, lang, lang) is None
        assert in_language(front_matter(text)["description"], lang)
        (docs / "functions" / f"throwaway{'.en' * (lang == 'en')}.md").write_text(text, "utf-8")
        test_every_function_has_its_page_facts_and_figure_in_both_languages(
            THROWAWAY, lang, tmp_path
        )
    code = docs / "code" / "functions" / "throwaway.py"
    code.parent.mkdir(parents=True)
    code.write_text(template("CONTRIBUTING.md", "[start:softsign]"), encoding="utf-8")
    for lint in (["check"], ["format", "--check"]):
        ruff = [sys.executable, "-m", "ruff", *lint, "--config", str(ROOT / "pyproject.toml")]
        assert subprocess.run([*ruff, str(code)], capture_output=True).returncode == 0, lint
    figures = {a.path: a for a in assets.snippet_figure_assets(docs, tmp_path)}
    assert {"figures/throwaway.light.svg", "figures/throwaway.dark.svg"} <= set(figures)
    svg = figures["figures/throwaway.light.svg"].make()  # one palette: drawing is the slow part
    assert svg.startswith(b"<?xml") and b"<path" in svg


if __name__ == "__main__":
    sys.exit(run_the_readers(Path(sys.argv[1])))
