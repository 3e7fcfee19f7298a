"""The list of generated assets: a path, what it is made from (a cheap one: the whole package; an
expensive one: only what it runs), and a function making it. Listing them imports neither torch
nor matplotlib; ``scripts/build_assets.py`` makes those whose key changed."""

from __future__ import annotations

import ast
import importlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import Literal

from activation_tutorial import page_code
from activation_tutorial.content.labels import LANGUAGES
from activation_tutorial.notebook.walkthrough import source_name
from activation_tutorial.page_code import PageCodeError, figure_path
from activation_tutorial.staleness import PACKAGE, Inputs, entries, entry_module_source

REGISTRY_FILE = Path(__file__).resolve().parent / "activations" / "registry.py"
# Any edit of the package, any library upgrade makes it again
CHEAP = Inputs(PACKAGE, ("torch", "numpy", "sympy", "matplotlib", "latex2mathml", "openpyxl"))


def cheap(generated: tuple[str, ...] = (), **params: str) -> Inputs:
    return replace(CHEAP, params=params, generated=generated)


class Batch:
    """Work shared by several assets, done once for all the stale ones: the build calls
    ``start`` with their items first, with a ``submit(fn, *args)`` running it in the background
    (in a worker ``"process"`` for Python that computes, in a ``"thread"`` to wait on another
    process) and giving a function that waits for the result; ``batch(item)`` waits for that
    item's part of ``make_many(items)``."""

    def __init__(
        self,
        make_many: Callable[[tuple[str, ...]], Mapping[str, object]],
        where: Literal["process", "thread"],
    ) -> None:
        self._make_many, self.where = make_many, where
        self._made: dict[str, Callable[[], object]] = {}

    def start(self, items: Iterable[str], submit: Callable[..., Callable[[], object]]) -> None:
        todo = tuple(n for n in dict.fromkeys(items) if n not in self._made)
        if todo:
            self._made.update(dict.fromkeys(todo, submit(self._make_many, todo)))

    def __call__(self, item: str) -> object:
        if item not in self._made:  # not started in the background: made now
            made = self._make_many((item,))
            self._made[item] = lambda: made
        return self._made[item]()[item]  # type: ignore[index]


@dataclass(frozen=True)
class Asset:
    path: str  # relative to ``docs/generated``
    make: Callable[..., bytes]  # called with the bytes of ``inputs.generated`` by path, if any
    inputs: Inputs = field(default=CHEAP)
    batch: Batch | None = None
    item: str = ""  # its part of ``batch``: an activation, a code file, the project root


def registry_keys() -> tuple[str, ...]:
    """The registry's keys in order, read from its source: listing assets must not need numpy."""
    loaded = sys.modules.get("activation_tutorial.activations.registry")
    if loaded is not None:  # already paid for: the live mapping (tests may swap in a copy)
        return tuple(loaded.REGISTRY)
    return tuple(entries(REGISTRY_FILE.read_text(encoding="utf-8")))


def _call(target: str, *args: object) -> object:
    """``"module:function"`` of the package called with ``args``, imported only now: listing
    the assets imports neither torch nor matplotlib."""
    module, name = target.split(":")
    return getattr(importlib.import_module(f"activation_tutorial.{module}"), name)(*args)


@cache
def _rows(target: str) -> tuple[object, ...]:
    """Rows that several assets show, computed once per build."""
    return tuple(_call(target))  # type: ignore[call-overload]


def _text(target: str, *args: object, rows: str = "") -> bytes:
    """``target``'s text as UTF-8; with ``rows``, called with those rows first."""
    return str(_call(target, *((_rows(rows),) if rows else ()), *args)).encode("utf-8")


def _json(data: object, pretty: bool = True) -> bytes:
    options = {"ensure_ascii": False, "indent": 1, "sort_keys": True} if pretty else {}
    return (json.dumps(data, **options) + "\n").encode()


def _with_registry(target: str, key: str, lang: str) -> bytes:
    """``target`` called with the registry entry ``key`` (all entries for ``""``) and ``lang``."""
    from activation_tutorial.activations import REGISTRY  # tests may swap in a copy

    return _text(target, REGISTRY[key] if key else REGISTRY.values(), lang)


def _figure_files(name: str, narrow: bool = True) -> Iterator[tuple[str, dict[str, str]]]:
    """A figure's files in each palette (and a phone's layout if ``narrow``): path, parameters."""
    for layout in ("wide", "narrow") if narrow else ("wide",):
        for palette in ("light", "dark"):
            yield figure_path(name, palette, layout), {"palette": palette, "layout": layout}


XOR_ROWS = "xor.table:xor_table_rows"
# File name: the function writing it in one language, and its rows
PER_LANGUAGE_TABLES = {
    "xor_truth_table": ("content.xor_tables:truth_table_html", ""),
    "xor_spreadsheet": ("content.xor_tables:spreadsheet_html", XOR_ROWS),
    "comparison": ("content.comparison:comparison_html", "content.comparison:comparison_rows"),
    "references": ("content.references:references_html", ""),
    "gradient_stack": ("gradients:stack_table_html", "gradients:stack_rows"),
    "xor_explorer": ("content.xor_explorer:explorer_html", ""),
}  # fmt: skip


def _function_grid(palette: str, layout: str) -> bytes:
    from activation_tutorial.activations import REGISTRY
    from activation_tutorial.figures.function_grid import function_grid
    from activation_tutorial.figures.style import PALETTE_NAMED, svg_bytes

    return svg_bytes(function_grid(tuple(REGISTRY.values()), PALETTE_NAMED[palette], layout))  # type: ignore[arg-type]


def table_assets() -> Iterator[Asset]:
    """Tables, fact boxes, step-by-step maths, the explorer's markup and the quoted values."""
    yield Asset("includes/xor_steps.md", partial(_text, "content.xor_tables:steps_markdown",
                                                 rows=XOR_ROWS))  # fmt: skip
    for lang in LANGUAGES:
        for name, (target, rows) in PER_LANGUAGE_TABLES.items():
            yield Asset(f"includes/{name}-{lang}.html", partial(_text, target, lang, rows=rows),
                        cheap(lang=lang))  # fmt: skip
        overview = partial(_with_registry, "content.activation_facts:overview_markdown", "")
        yield Asset(f"includes/functions_overview-{lang}.md", partial(overview, lang),
                    cheap(lang=lang))  # fmt: skip
        for key in registry_keys():
            yield Asset(f"includes/facts_{key}-{lang}.html",
                        partial(_with_registry, "content.activation_facts:facts_html", key, lang),
                        cheap(lang=lang))  # fmt: skip
    # Every function's curve, small, for the overview on /functions/ (a phone gets 3 columns).
    for path, params in _figure_files("functions_grid"):
        yield Asset(path, partial(_function_grid, **params), cheap(**params))
    yield Asset("values.json", lambda: _json(_call("content.values:site_values")))


def function_page(key: str, lang: str) -> str:
    """Relative to ``docs/``: ``functions/relu.md`` (ja), ``functions/relu.en.md`` (en)."""
    return f"functions/{key}.md" if lang == "ja" else f"functions/{key}.{lang}.md"


def figure_pages(docs: Path) -> None:
    """A function added to the registry without its page stops the build, naming the file."""
    pages = [function_page(key, "ja") for key in registry_keys()]
    missing = [f"docs/{p}" for p in pages if not (docs / p).is_file()]
    if missing:
        raise FileNotFoundError(
            "every registry function needs its page (CONTRIBUTING.md: Add an activation function); "
            "missing: " + ", ".join(missing)
        )


# Page-code figures drawn a second time in the ``narrow`` layout, for phones
NARROW_SNIPPET_FIGURES = ("xor_linear_vs_network", "compare_functions", "compare_derivatives",
                          "stacked_surfaces", "hidden_space", "deep_stack_chart",
                          "notebook_surface")  # fmt: skip
# Per code file (absolute path), the assets made from it
_MADE_FROM: dict[str, tuple[str, ...]] = {}


def _run_page_code(files: tuple[str, ...]) -> dict[str, dict[str, bytes]]:
    """The stale code files run together in one subprocess: {file: {generated path: bytes}}.
    A failure fails them all, and they all count as stale."""
    root = next(p for p in Path(files[0]).parents if (p / "docs").is_dir())
    try:
        made = page_code.run_isolated([Path(f) for f in files], root, NARROW_SNIPPET_FIGURES)
    except PageCodeError as exc:
        exc.assets = tuple(a for f in files for a in _MADE_FROM.get(f, ()))
        raise
    return dict.fromkeys(files, made)


# Started first; a thread waits for the page code's process
PAGE_CODE = Batch(_run_page_code, "thread")
# The runner reads a notebook's figure cells with the notebook module
_RUNNER_FILES = tuple(f"src/activation_tutorial/{m}.py"
                      for m in ("page_code", "figures/style", "notebook/walkthrough"))  # fmt: skip


def _page_code_asset(file: str, path: str) -> bytes:
    return PAGE_CODE(file)[path]  # type: ignore[index]


def snippet_figure_assets(docs: Path, root: Path) -> Iterator[Asset]:
    """What the pages' code files and the notebook make: a figure per section that shows one (in
    each palette, also narrow for ``NARROW_SNIPPET_FIGURES``) and the output of each section of a
    page that prints. Each depends on its file alone (with the runner and the style)."""
    shown = page_code.shown_figures(docs)
    figures: dict[str, str] = {}
    # The notebook's code is the same in both languages (glob: a project may have none).
    notebook = sorted((root / "notebooks").glob(source_name("ja")))
    for file in [*sorted((docs / "code").rglob("*.py")), *notebook]:
        rel = file.relative_to(root).as_posix()
        code = rel.removeprefix("docs/") if file.suffix == ".py" else ""
        if code:
            found, drawn = page_code.sections(file.read_text(encoding="utf-8"), rel), shown
        else:
            found, drawn = page_code.notebook_sections(file)
        # All a reader needs to run the pages' code
        inputs = Inputs(files=(rel, *_RUNNER_FILES), libraries=("torch", "matplotlib", "numpy"))
        made: list[tuple[str, dict[str, str]]] = []
        for section in found:
            if section.name in drawn:
                if section.name in figures:
                    raise PageCodeError(f"{rel}:{section.line}: figure {section.name!r} is "
                                        f"also drawn by {figures[section.name]}")  # fmt: skip
                figures[section.name] = rel
                made += _figure_files(section.name, section.name in NARROW_SNIPPET_FIGURES)
            if code and page_code.prints(section):
                made.append((page_code.output_path(code, section.name), {}))
        _MADE_FROM[str(file)] = tuple(path for path, _ in made)
        for path, params in made:
            yield Asset(path, partial(_page_code_asset, str(file), path),
                        replace(inputs, params=params), PAGE_CODE, str(file))  # fmt: skip


def download_assets() -> Iterator[Asset]:
    """Files fetched by readers: the XOR spreadsheet with live formulas and its values as CSV;
    by the explorer: every seed's starting weights."""
    yield Asset("downloads/xor-network.xlsx", partial(_call, "xor.spreadsheet:xor_workbook"))  # type: ignore[arg-type]
    csv = partial(_text, "xor.spreadsheet:xor_csv", rows=XOR_ROWS)
    yield Asset("downloads/xor-network.csv", csv)
    seeds = partial(_call, "explorer.training:seeds_file")
    yield Asset("xor_explorer_seeds.json", lambda: _json(seeds(), pretty=False))


PROBLEMS = ("xor", "moons")
# Every module training runs but the registry (only the entry's module counts)
TRAINING_FILES = tuple(
    f"src/activation_tutorial/{m}.py"
    for m in ("experiment/__init__", "experiment/batched", "experiment/data",
              "experiment/moons", "experiment/xor_runs",
              "xor/__init__", "xor/network", "activations/__init__")
)  # fmt: skip


# What the explorer's reference runs import besides the training files
REFERENCE_FILES = tuple(f"src/activation_tutorial/explorer/{m}.py"
                        for m in ("__init__", "training"))  # fmt: skip


def _train(problem: str, keys: tuple[str, ...]) -> dict[str, bytes]:
    from activation_tutorial.experiment.data import to_bytes, train

    return {key: to_bytes(runs) for key, runs in train(problem, keys).items()}


# Per problem, data files by activation key: the stale activations train together, in a worker
TRAINING = {p: Batch(partial(_train, p), "process") for p in PROBLEMS}


def experiment_data_path(problem: str, key: str) -> str:
    return f"data/experiment/{problem}-{key}.json"


def training_inputs(problem: str, key: str, registry_source: str) -> Inputs:
    """Training code and the entry's module: editing its formula, prose or sources retrains
    nothing. A module of the package named in it (the step function's) counts as a file."""
    module = entry_module_source(registry_source, key)
    own = [
        f"src/{n.value.replace('.', '/')}.py"
        for n in ast.walk(ast.parse(module))
        if isinstance(n, ast.Constant) and str(n.value).startswith("activation_tutorial.")
    ]
    return Inputs(files=(*TRAINING_FILES, *own), libraries=("torch", "numpy"), text=(module,),
                  params={"problem": problem, "activation": key})  # fmt: skip


def _runs(problem: str, got: Mapping[str, bytes]) -> tuple[object, ...]:
    """Every activation's runs from their data files, in registry order."""
    return _decoded(tuple(got[experiment_data_path(problem, k)] for k in registry_keys()))


@cache
def _decoded(files: tuple[bytes, ...]) -> tuple[object, ...]:
    """Decoded once per build for the many tables and figures made from the same files."""
    from activation_tutorial.experiment.data import from_bytes

    return tuple(map(from_bytes, files))


def _from_runs(target: str, problem: str, lang: str, got: Mapping[str, bytes]) -> bytes:
    return _text(target, _runs(problem, got), lang)


def _experiment_figure(problem: str, got: Mapping[str, bytes], palette: str, layout: str) -> bytes:
    from activation_tutorial.experiment.data import MOONS_SETTINGS
    from activation_tutorial.figures import experiment_plots as plots
    from activation_tutorial.figures.style import PALETTE_NAMED, svg_bytes

    runs, colours = _runs(problem, got), PALETTE_NAMED[palette]
    if problem == "xor":
        return svg_bytes(plots.xor_success_chart(runs, colours, layout))  # type: ignore[arg-type]
    return svg_bytes(plots.moons_boundaries(runs, MOONS_SETTINGS, colours, layout))  # type: ignore[arg-type]


def _experiment_values(got: Mapping[str, bytes]) -> bytes:
    runs = _runs("xor", got), _runs("moons", got)
    values = _call("content.experiment_values:result_values", *runs)
    return _json({"experiment_results": values})


def reference_asset() -> Asset:
    """PyTorch's runs that the explorer's test holds the browser to: training, keyed as the
    experiment's data are, on the training code and every entry's module."""
    keys, registry = registry_keys(), REGISTRY_FILE.read_text(encoding="utf-8")
    per_entry = [training_inputs("xor", key, registry) for key in keys]
    files = dict.fromkeys(f for inputs in per_entry for f in (*inputs.files, *REFERENCE_FILES))
    text = (*keys, *(t for inputs in per_entry for t in inputs.text))
    reference = partial(_call, "explorer.training:reference_values")
    return Asset("explorer_reference.json", lambda: _json(reference(), pretty=False),
                 Inputs(files=tuple(files), libraries=("torch", "numpy"), text=text))  # fmt: skip


def experiment_assets() -> Iterator[Asset]:
    """One data file per activation and problem, made again only when the training code or the
    activation's module changed; tables, figures and values are made from the files' bytes,
    so a retrained activation that gave the same numbers changes nothing downstream."""
    keys = registry_keys()
    registry = REGISTRY_FILE.read_text(encoding="utf-8")
    for problem in PROBLEMS:
        for key in keys:
            inputs = training_inputs(problem, key, registry)
            batch = TRAINING[problem]
            yield Asset(experiment_data_path(problem, key), partial(batch, key), inputs, batch, key)
    data = {p: tuple(experiment_data_path(p, k) for k in keys) for p in PROBLEMS}
    tables = {
        "experiment_xor": ("content.experiment_tables:xor_results_html", "xor"),
        "experiment_moons": ("content.experiment_tables:moons_results_html", "moons"),
        "experiment_explorer_links": ("content.experiment_tables:experiment_links_html", "xor"),
    }
    for lang in LANGUAGES:
        for name, (target, problem) in tables.items():
            make = partial(_from_runs, target, problem, lang)
            yield Asset(f"includes/{name}-{lang}.html", make, cheap(data[problem], lang=lang))
    # Both also come in a narrow layout for phones (fewer columns, text at a readable size).
    for name, problem in (("experiment_xor_success", "xor"), ("experiment_moons", "moons")):
        for path, params in _figure_files(name):
            make = partial(_experiment_figure, problem, **params)
            yield Asset(path, make, cheap(data[problem], **params))
    yield Asset("experiment_values.json", _experiment_values, cheap(data["xor"] + data["moons"]))


def _execute_notebooks(roots: tuple[str, ...]) -> dict[str, object]:
    """The walk-through executed once per project root, for every language."""
    from activation_tutorial.notebook.walkthrough import execute, load, with_links

    return {root: execute(with_links(load(Path(root), "ja"), "ja"), Path(root)) for root in roots}


# Started first on a cold build: the kernel works on the other core
EXECUTED_NOTEBOOK = Batch(_execute_notebooks, "thread")


def _notebook(root: Path, lang: str) -> bytes:
    from activation_tutorial.notebook import walkthrough as w

    nb = w.with_links(w.load(root, lang), lang)
    return w.notebook_bytes(w.with_outputs_of(nb, EXECUTED_NOTEBOOK(str(root))))  # type: ignore[arg-type]


def notebook_assets(root: Path) -> Iterator[Asset]:
    """The walk-through notebook per language, executed once (the code cells are the same). It
    imports nothing of the package: it runs again only when it changed."""
    for lang in LANGUAGES:
        inputs = Inputs(("notebooks/*.ipynb", "src/activation_tutorial/notebook/walkthrough.py"),
                        ("torch", "numpy", "matplotlib", "nbclient", "nbformat", "ipykernel"),
                        {"lang": lang})  # fmt: skip
        make = partial(_notebook, root, lang)
        yield Asset(f"notebooks/{source_name(lang)}", make, inputs, EXECUTED_NOTEBOOK, str(root))


def all_assets(docs: Path, root: Path) -> Iterator[Asset]:
    """Every asset, in the order the build makes them: what runs in the background (the
    notebook, the training) last, so the build has other work meanwhile."""
    figure_pages(docs)  # a registry function without its page stops the build, naming it
    yield from table_assets()
    yield from download_assets()
    yield reference_asset()  # computed here while the page code, the notebook and training run
    yield from snippet_figure_assets(docs, root)
    yield from notebook_assets(root)
    yield from experiment_assets()
