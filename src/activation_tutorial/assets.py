"""The list of generated assets: a path, what it is made from (a cheap one: the whole package; an
expensive one: only what it runs), and a function making it. Listing them imports neither torch
nor matplotlib; ``scripts/build_assets.py`` makes those whose key changed."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import Literal

from activation_tutorial.content.labels import LANGUAGES
from activation_tutorial.registry_source import entries, entry_module_source, package_modules_named
from activation_tutorial.staleness import PACKAGE, Inputs

SRC = Path(__file__).resolve().parent.parent
REGISTRY_FILE = SRC / "activation_tutorial" / "activations" / "registry.py"
LIBRARIES = ("torch", "numpy", "sympy", "matplotlib", "latex2mathml", "openpyxl")
# Any edit of the package, any library upgrade makes it again
CHEAP = Inputs(files=PACKAGE, libraries=LIBRARIES)


def cheap(**params: str) -> Inputs:
    return replace(CHEAP, params=params)


# Runs fn(*args) in the background; submit(fn, *args)() waits for its result
Submit = Callable[..., Callable[[], object]]


@dataclass(frozen=True)
class Batch:
    """Work shared by several assets, done once for all the stale ones: the build calls
    ``start`` with their ``item``s first, and each asset's maker waits for its part."""

    name: str
    start: Callable[[tuple[str, ...], Submit | None], None]
    # A process for Python that computes (GIL), a thread to wait on another process
    where: Literal["process", "thread"]


@dataclass(frozen=True)
class Asset:
    path: str  # relative to ``docs/generated``
    make: Callable[..., bytes]  # called with the bytes of ``inputs.generated`` by path, if any
    inputs: Inputs = field(default=CHEAP)
    batch: Batch | None = None
    item: str = ""  # this asset's part of ``batch`` (an activation's key)


class Batched:
    """Results cheaper made several at once (``make_many(names)`` returns them by name), in the
    background when ``start`` gets a ``submit``; calling it with one name waits for its batch."""

    def __init__(self, make_many: Callable[[tuple[str, ...]], Mapping[str, object]]) -> None:
        self._make_many = make_many
        self._made: dict[str, Callable[[], object]] = {}

    def start(self, names: Iterable[str], submit: Submit | None = None) -> None:
        todo = tuple(n for n in dict.fromkeys(names) if n not in self._made)
        if todo:
            if submit is None:
                made = self._make_many(todo)
                self._made.update(dict.fromkeys(todo, lambda: made))
            else:
                self._made.update(dict.fromkeys(todo, submit(self._make_many, todo)))

    def __call__(self, name: str) -> object:
        self.start((name,))
        return self._made[name]()[name]  # type: ignore[index]


def batch_work(
    assets: Iterable[Asset], is_stale: Callable[[Asset], bool]
) -> list[tuple[Batch, tuple[str, ...]]]:
    """Per batch, in order of first appearance, the items of its stale assets: what to start."""
    work: dict[str, tuple[Batch, list[str]]] = {}
    for asset in assets:
        if asset.batch is not None and is_stale(asset):
            items = work.setdefault(asset.batch.name, (asset.batch, []))[1]
            if asset.item not in items:
                items.append(asset.item)
    return [(batch, tuple(items)) for batch, items in work.values()]


def registry_keys() -> tuple[str, ...]:
    """The registry's keys in order, read from its source (listing assets must not need numpy),
    or imported when its source has another shape."""
    import sys

    loaded = sys.modules.get("activation_tutorial.activations.registry")
    if loaded is not None:  # already paid for: the live mapping (tests may swap in a copy)
        return tuple(loaded.REGISTRY)
    found = tuple(entries(REGISTRY_FILE.read_text(encoding="utf-8")))
    if found:
        return found
    from activation_tutorial.activations import REGISTRY

    return tuple(REGISTRY)


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
    if pretty:
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
    return (json.dumps(data) + "\n").encode()


def _with_registry(target: str, key: str, lang: str) -> bytes:
    """``target`` called with the registry entry ``key`` (all entries for ``""``) and ``lang``."""
    from activation_tutorial.activations import REGISTRY  # tests may swap in a copy

    return _text(target, REGISTRY[key] if key else REGISTRY.values(), lang)


XOR_ROWS = "xor.table:xor_table_rows"
# File name: the function writing it in one language, and its rows
PER_LANGUAGE_TABLES = {
    "xor_truth_table": ("content.xor_tables:truth_table_html", ""),
    "xor_spreadsheet": ("content.xor_tables:spreadsheet_html", XOR_ROWS),
    "comparison": ("content.comparison:comparison_html", "content.comparison:comparison_rows"),
    "references": ("content.references:references_html", ""),
    "gradient_stack": ("gradients:stack_table_html", "gradients:stack_rows"),
}  # fmt: skip


def _function_grid(palette_name: str, layout: str) -> bytes:
    from activation_tutorial.activations import REGISTRY
    from activation_tutorial.figures.function_grid import function_grid
    from activation_tutorial.figures.style import PALETTE_NAMED, svg_bytes

    palette = PALETTE_NAMED[palette_name]
    return svg_bytes(function_grid(tuple(REGISTRY.values()), palette, layout))  # type: ignore[arg-type]


def table_assets() -> Iterator[Asset]:
    """Tables, fact boxes, step-by-step maths and the quoted values."""
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
    from activation_tutorial.page_code import figure_path

    for layout in ("wide", "narrow"):
        for palette_name in ("light", "dark"):
            yield Asset(figure_path("functions_grid", palette_name, layout),
                        partial(_function_grid, palette_name, layout),
                        cheap(palette=palette_name, layout=layout))  # fmt: skip
    yield Asset("values.json", lambda: _json(_call("content.values:site_values")))


def figure_pages(docs: Path) -> tuple[str, ...]:
    """Every registry function's own page, which must exist: a function added to the
    registry without its page stops the build, naming the file."""
    # Imported here: what this module imports at its top counts in every asset's key.
    from activation_tutorial.content.function_pages import function_page

    pages = tuple(function_page(key, "ja") for key in registry_keys())
    missing = [p for p in pages if not (docs / p).is_file()]
    if missing:
        raise FileNotFoundError(
            "every registry function needs its page (CONTRIBUTING.md: Add an activation function); "
            "missing: " + ", ".join(f"docs/{p}" for p in missing)
        )
    return pages


NARROW_SNIPPET_FIGURES: tuple[str, ...] = (
    "xor_linear_vs_network",
    "compare_functions",
    "compare_derivatives",
    "stacked_surfaces",
    "hidden_space",
    "deep_stack_chart",
    "notebook_surface",
)
"""Page-code figures drawn a second time in the ``narrow`` layout, for phones."""


# All a reader needs to run the pages' code
CODE_LIBRARIES: tuple[str, ...] = ("torch", "matplotlib", "numpy")


def _run_page_code(files: tuple[str, ...]) -> dict[str, dict[str, bytes]]:
    """The stale code files run together in one subprocess: {file: {generated path: bytes}}.
    A failure fails them all, and they all count as stale."""
    from activation_tutorial.page_code import PageCodeError, run_isolated

    paths = [Path(f) for f in files]
    root = next(p for p in paths[0].parents if (p / "docs").is_dir())
    try:
        made = run_isolated(paths, root, NARROW_SNIPPET_FIGURES)
    except PageCodeError as exc:
        exc.assets = tuple(a for f in files for a in _MADE_FROM.get(f, ()))
        raise
    # An output is planned where a section calls print(): one printed another way has no block
    planned = {a for f in files for a in _MADE_FROM.get(f, ())}
    for path in sorted(p for p in made if p.startswith("output/") and p not in planned):
        code, _, section = path.removeprefix("output/").removesuffix(".txt").rpartition("/")
        error = PageCodeError(f"docs/code/{code}.py: section {section!r} prints without calling "
                              "print(); print what the page should show under it")  # fmt: skip
        error.assets = tuple(a for f in files for a in _MADE_FROM.get(f, ()))
        raise error
    return dict.fromkeys(files, made)


PAGE_CODE = Batched(_run_page_code)
# A thread waits for the page code's process
PAGE_CODE_RUN = Batch("page code", PAGE_CODE.start, "thread")
# Per code file (absolute path), the assets made from it
_MADE_FROM: dict[str, tuple[str, ...]] = {}


def _page_code_asset(file: str, path: str) -> bytes:
    from activation_tutorial.page_code import PageCodeError

    made: dict[str, bytes] = PAGE_CODE(file)  # type: ignore[assignment]
    if path not in made:
        error = PageCodeError(f"{file}: running it made no {path} (a section that calls "
                              "print() printed nothing?)")  # fmt: skip
        error.assets = _MADE_FROM[file]
        raise error
    return made[path]


# The runner reads a notebook's figure cells with the notebook module
_RUNNER_FILES = tuple(f"src/activation_tutorial/{m}.py"
                      for m in ("page_code", "figures/style", "notebook/walkthrough"))  # fmt: skip


def snippet_figure_assets(docs: Path, root: Path) -> Iterator[Asset]:
    """What the pages' code files and the notebook make: a figure per section that shows one
    (in each palette, also narrow for ``NARROW_SNIPPET_FIGURES``) and the output of each
    section of a page that prints. Each depends on its file alone (with the runner and the
    style)."""
    from activation_tutorial.figures.style import PALETTES
    from activation_tutorial.notebook.walkthrough import source_name
    from activation_tutorial.page_code import (
        PageCodeError,
        figure_path,
        notebook_sections,
        output_path,
        sections,
        shown_figures,
    )

    shown = shown_figures(docs)
    figures: dict[str, str] = {}
    # The notebook's code is the same in both languages (glob: a project may have none).
    notebook = sorted((root / "notebooks").glob(source_name("ja")))
    for file in [*sorted((docs / "code").rglob("*.py")), *notebook]:
        rel = file.relative_to(root).as_posix()
        code = rel.removeprefix("docs/") if file.suffix == ".py" else ""
        if code:
            found, drawn = sections(file.read_text(encoding="utf-8"), rel), shown
        else:
            found, drawn = notebook_sections(file)
        made: list[tuple[str, dict[str, str]]] = []
        for section in found:
            if section.name in drawn:
                if section.name in figures:
                    raise PageCodeError(f"{rel}:{section.line}: figure {section.name!r} is "
                                        f"also drawn by {figures[section.name]}")  # fmt: skip
                figures[section.name] = rel
                narrow = section.name in NARROW_SNIPPET_FIGURES
                for layout in ("wide", "narrow") if narrow else ("wide",):
                    for palette in PALETTES:
                        param = {"layout": layout} if layout == "narrow" else {}
                        made.append((figure_path(section.name, palette.name, layout),
                                     {"palette": palette.name, **param}))  # fmt: skip
            if "print(" in section.source and code:
                made.append((output_path(code, section.name), {}))
        _MADE_FROM[str(file)] = tuple(path for path, _ in made)
        for path, params in made:
            yield Asset(
                path,
                lambda f=str(file), p=path: _page_code_asset(f, p),
                Inputs(files=(rel, *_RUNNER_FILES), libraries=CODE_LIBRARIES, params=params),
                batch=PAGE_CODE_RUN,
                item=str(file),
            )


def explorer_assets() -> Iterator[Asset]:
    """The XOR explorer's markup per language, and PyTorch's reference values to test it with."""
    for lang in LANGUAGES:
        explorer = partial(_text, "content.xor_explorer:explorer_html", lang)
        yield Asset(f"includes/xor_explorer-{lang}.html", explorer, cheap(lang=lang))
    for path, target in (("explorer_reference.json", "explorer.reference:reference_values"),
                         ("xor_explorer_seeds.json", "explorer.training:seeds_file")):  # fmt: skip
        yield Asset(path, lambda t=target: _json(_call(t), pretty=False))


def download_assets() -> Iterator[Asset]:
    """Files readers download: the XOR spreadsheet with live formulas, and its values as CSV."""
    yield Asset("downloads/xor-network.xlsx", partial(_call, "xor.spreadsheet:xor_workbook"))  # type: ignore[arg-type]
    csv = partial(_text, "xor.spreadsheet:xor_csv", rows=XOR_ROWS)
    yield Asset("downloads/xor-network.csv", csv)


PROBLEMS = ("xor", "moons")
# Every module training runs but the registry (only the entry's module counts)
TRAINING_FILES = tuple(
    f"src/activation_tutorial/{m}.py"
    for m in ("experiment/__init__", "experiment/batched", "experiment/data",
              "experiment/moons", "experiment/results", "experiment/xor_runs",
              "xor/__init__", "xor/network", "activations/__init__")
)  # fmt: skip


def _train(problem: str, keys: tuple[str, ...]) -> Mapping[str, object]:
    from activation_tutorial.experiment.results import train

    return train(problem, keys)


# Per problem: runs by activation key, kept for this process
TRAINED = {p: Batched(partial(_train, p)) for p in PROBLEMS}
# The stale activations of a problem train together, in a worker
TRAINING = {p: Batch(f"training {p}", TRAINED[p].start, "process") for p in PROBLEMS}


def experiment_data_path(problem: str, key: str) -> str:
    return f"data/experiment/{problem}-{key}.json"


def training_inputs(problem: str, key: str, registry_source: str) -> Inputs:
    """Training code and the entry's module: editing its formula, prose or sources retrains
    nothing. A module of the package (the step function's) counts as a file."""
    module = entry_module_source(registry_source, key)
    own = [f"src/{p.replace('.', '/')}.py" for p in package_modules_named(module)]
    return Inputs(files=(*TRAINING_FILES, *own), libraries=("torch", "numpy"), text=(module,),
                  params={"problem": problem, "activation": key})  # fmt: skip


def _experiment_data(problem: str, key: str) -> bytes:
    from activation_tutorial.experiment import data

    runs = TRAINED[problem](key)
    return data.xor_bytes(runs) if problem == "xor" else data.moons_bytes(runs)  # type: ignore[arg-type]


def _runs(problem: str, got: Mapping[str, bytes]) -> list[object]:
    """Every activation's runs from their data files, in registry order."""
    return list(
        _decoded(problem, tuple(got[experiment_data_path(problem, k)] for k in registry_keys()))
    )


@cache
def _decoded(problem: str, files: tuple[bytes, ...]) -> tuple[object, ...]:
    """Decoded once per build for the many tables and figures made from the same files."""
    from activation_tutorial.experiment import data

    read = data.xor_from_bytes if problem == "xor" else data.moons_from_bytes
    return tuple(read(f) for f in files)


def _from_runs(target: str, problem: str, lang: str, got: Mapping[str, bytes]) -> bytes:
    return _text(target, _runs(problem, got), lang)


def _experiment_figure(
    problem: str, palette_name: str, layout: str, got: Mapping[str, bytes]
) -> bytes:
    from activation_tutorial.experiment import results
    from activation_tutorial.figures import experiment_plots as plots
    from activation_tutorial.figures.style import PALETTE_NAMED, svg_bytes

    palette = PALETTE_NAMED[palette_name]
    runs = _runs(problem, got)
    if problem == "xor":
        return svg_bytes(plots.xor_success_chart(runs, palette, layout))
    return svg_bytes(plots.moons_boundaries(runs, results.MOONS_SETTINGS, palette, layout))


def _experiment_values(got: Mapping[str, bytes]) -> bytes:
    runs = _runs("xor", got), _runs("moons", got)
    values = _call("content.experiment_values:result_values", *runs)
    return _json({"experiment_results": values})


def experiment_assets() -> Iterator[Asset]:
    """One data file per activation and problem, made again only when the training code or the
    activation's module changed; tables, figures and values are made from the files' bytes,
    so a retrained activation that gave the same numbers changes nothing downstream."""
    from activation_tutorial.page_code import figure_path

    keys = registry_keys()
    registry = REGISTRY_FILE.read_text(encoding="utf-8")
    for problem in PROBLEMS:
        for key in keys:
            make = partial(_experiment_data, problem, key)
            inputs = training_inputs(problem, key, registry)
            yield Asset(experiment_data_path(problem, key), make, inputs, TRAINING[problem], key)
    data = {p: tuple(experiment_data_path(p, k) for k in keys) for p in PROBLEMS}
    tables = {
        "experiment_xor": ("content.experiment_tables:xor_results_html", "xor"),
        "experiment_moons": ("content.experiment_tables:moons_results_html", "moons"),
        "experiment_explorer_links": ("content.experiment_tables:experiment_links_html", "xor"),
    }
    for lang in LANGUAGES:
        for name, (target, problem) in tables.items():
            yield Asset(f"includes/{name}-{lang}.html", partial(_from_runs, target, problem, lang),
                        replace(cheap(lang=lang), generated=data[problem]))  # fmt: skip
    # Both also come in a narrow layout for phones (fewer columns, text at a readable size).
    for name, problem in (("experiment_xor_success", "xor"), ("experiment_moons", "moons")):
        for layout in ("wide", "narrow"):
            for palette_name in ("light", "dark"):
                yield Asset(figure_path(name, palette_name, layout),  # type: ignore[arg-type]
                            partial(_experiment_figure, problem, palette_name, layout),
                            replace(cheap(palette=palette_name, layout=layout),
                                    generated=data[problem]))  # fmt: skip
    yield Asset("experiment_values.json", _experiment_values,
                replace(CHEAP, generated=data["xor"] + data["moons"]))  # fmt: skip


# It imports nothing of the package: it runs again only when it changed
NOTEBOOK_INPUTS = Inputs(
    files=("notebooks/*.ipynb", "src/activation_tutorial/notebook/walkthrough.py"),
    libraries=("torch", "numpy", "matplotlib", "nbclient", "nbformat", "ipykernel"),
)


def _execute_notebooks(roots: tuple[str, ...]) -> dict[str, object]:
    """The walk-through executed once per project root, for every language."""
    from activation_tutorial.notebook.walkthrough import execute, load, with_links

    return {root: execute(with_links(load(Path(root), "ja"), "ja"), Path(root)) for root in roots}


EXECUTED_NOTEBOOK = Batched(_execute_notebooks)
# Started first on a cold build: the kernel works on the other core
NOTEBOOK_RUN = Batch("notebook run", EXECUTED_NOTEBOOK.start, "thread")


def _notebook(root: Path, lang: str) -> bytes:
    from activation_tutorial.notebook import walkthrough as w

    nb = w.with_links(w.load(root, lang), lang)
    return w.notebook_bytes(w.with_outputs_of(nb, EXECUTED_NOTEBOOK(str(root))))  # type: ignore[arg-type]


def notebook_assets(root: Path) -> Iterator[Asset]:
    """The walk-through notebook per language, executed once (the code cells are the same)."""
    from activation_tutorial.notebook.walkthrough import source_name

    for lang in LANGUAGES:
        inputs = replace(NOTEBOOK_INPUTS, params={"lang": lang})
        make = partial(_notebook, root, lang)
        yield Asset(f"notebooks/{source_name(lang)}", make, inputs, NOTEBOOK_RUN, str(root))


def all_assets(docs: Path, root: Path) -> Iterator[Asset]:
    """Every asset, in the order the build makes them: what runs in the background (the
    notebook, the training) last, so the build has other work meanwhile."""
    figure_pages(docs)  # a registry function without its page stops the build, naming it
    yield from table_assets()
    yield from explorer_assets()
    yield from download_assets()
    yield from snippet_figure_assets(docs, root)
    yield from notebook_assets(root)
    yield from experiment_assets()
