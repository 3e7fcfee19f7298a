"""The list of generated assets: for each, a path, what it is made from, and a function making it.

``scripts/build_assets.py`` is the one place that writes them, and only those whose
key changed (``staleness``). Keeping the list here lets tests and the build agree on what
exists. Listing the assets imports neither torch nor matplotlib: makers import what they
need when they run.

What an asset declares: a cheap one (a table, a fact box, values) the whole package; an
expensive one only what it runs: a page's code, one activation's training, the notebook.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import Literal

from activation_tutorial.content.labels import LANGUAGES
from activation_tutorial.registry_source import (
    entries,
    entry_module_source,
    package_modules_named,
)
from activation_tutorial.staleness import PACKAGE, Inputs

PAGES_WITH_FIGURES: tuple[str, ...] = (
    "index.md", "xor.md", "xor-network.md", "gradients.md", "comparison.md",
)  # fmt: skip
"""Default-language pages whose code blocks draw figures (English pages must match); each
registry function's page comes on top of these (``figure_pages``)."""

SRC = Path(__file__).resolve().parent.parent
REGISTRY_FILE = SRC / "activation_tutorial" / "activations" / "registry.py"
LIBRARIES = ("torch", "numpy", "matplotlib", "latex2mathml", "openpyxl")
CHEAP = Inputs(files=PACKAGE, libraries=LIBRARIES)
"""The default: any edit of the package, any library upgrade makes the asset again."""


def cheap(**params: str) -> Inputs:
    return replace(CHEAP, params=params)


Submit = Callable[..., Callable[[], object]]
"""Runs ``fn(*args)`` in the background; ``submit(fn, *args)()`` waits for its result."""


@dataclass(frozen=True)
class Batch:
    """Work shared by several assets and cheaper done once for all the stale ones.

    Before making anything, the build calls ``start`` with the ``item`` of every stale
    asset of the batch and a ``submit``: the work then runs in the background while the
    build goes on, and each asset's maker waits for its part.
    """

    name: str
    start: Callable[[tuple[str, ...], Submit | None], None]
    where: Literal["process", "thread"]
    """A worker process for Python that computes (it holds the GIL); a thread for
    waiting on another process (a notebook kernel)."""


@dataclass(frozen=True)
class Asset:
    path: str
    """Relative to ``docs/generated``."""
    make: Callable[..., bytes]
    """Called with no argument; or, when ``inputs.generated`` names other assets, with
    their bytes by path."""
    inputs: Inputs = field(default=CHEAP)
    batch: Batch | None = None
    item: str = ""
    """This asset's part of ``batch`` (an activation's key)."""


class Batched:
    """Results cheaper made several at once: ``make_many(names)`` returns them by name.

    ``start(names, submit)`` makes the names together, in the background when given a
    ``submit``; calling the object with one name waits for its batch (or makes it alone).
    """

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
    """The registry's keys in order, read from its source: listing assets must not need numpy.

    Falls back to importing the registry when its source has another shape.
    """
    import sys

    loaded = sys.modules.get("activation_tutorial.activations.registry")
    if loaded is not None:  # already paid for: the live mapping (tests may swap in a copy)
        return tuple(loaded.REGISTRY)
    found = tuple(entries(REGISTRY_FILE.read_text(encoding="utf-8")))
    if found:
        return found
    from activation_tutorial.activations import REGISTRY

    return tuple(REGISTRY)


def _text(s: str) -> bytes:
    return s.encode("utf-8")


@cache
def _xor_rows() -> tuple[object, ...]:
    from activation_tutorial.xor.table import xor_table_rows

    return tuple(xor_table_rows())


def _steps() -> bytes:
    from activation_tutorial.content.xor_tables import steps_markdown

    return _text(steps_markdown(_xor_rows()))


def _truth_table(lang: str) -> bytes:
    from activation_tutorial.content.xor_tables import truth_table_html

    return _text(truth_table_html(lang))


def _spreadsheet(lang: str) -> bytes:
    from activation_tutorial.content.xor_tables import spreadsheet_html

    return _text(spreadsheet_html(_xor_rows(), lang))


def _facts(key: str, lang: str) -> bytes:
    from activation_tutorial.activations import REGISTRY
    from activation_tutorial.content.activation_facts import facts_html

    return _text(facts_html(REGISTRY[key], lang))


def _functions_overview(lang: str) -> bytes:
    from activation_tutorial.activations import REGISTRY
    from activation_tutorial.content.functions_overview import overview_markdown

    return _text(overview_markdown(REGISTRY.values(), lang))


def _function_grid(palette_name: str, layout: str) -> bytes:
    from activation_tutorial.activations import REGISTRY
    from activation_tutorial.figures.function_grid import function_grid
    from activation_tutorial.figures.style import PALETTES, svg_bytes

    palette = next(p for p in PALETTES if p.name == palette_name)
    return svg_bytes(function_grid(tuple(REGISTRY.values()), palette, layout))  # type: ignore[arg-type]


def _values() -> bytes:
    from activation_tutorial.content.values import site_values

    return _text(json.dumps(site_values(), ensure_ascii=False, indent=1, sort_keys=True) + "\n")


@cache
def _comparison_rows() -> tuple[object, ...]:
    from activation_tutorial.content.comparison import comparison_rows

    return tuple(comparison_rows())


@cache
def _stack_rows() -> tuple[object, ...]:
    from activation_tutorial.content.gradient_tables import stack_rows

    return tuple(stack_rows())


def _comparison(lang: str) -> bytes:
    from activation_tutorial.content.comparison import comparison_html

    return _text(comparison_html(_comparison_rows(), lang))


def _references(lang: str) -> bytes:
    from activation_tutorial.content.references import references_html

    return _text(references_html(lang))


def _gradient_stack(lang: str) -> bytes:
    from activation_tutorial.content.gradient_tables import stack_table_html

    return _text(stack_table_html(_stack_rows(), lang))


def table_assets() -> Iterator[Asset]:
    """Tables, fact boxes, step-by-step maths and the quoted values."""
    yield Asset("includes/xor_steps.md", _steps)
    for lang in LANGUAGES:
        per_lang = {
            "xor_truth_table": partial(_truth_table, lang),
            "xor_spreadsheet": partial(_spreadsheet, lang),
            "comparison": partial(_comparison, lang),
            "references": partial(_references, lang),
            "gradient_stack": partial(_gradient_stack, lang),
        }
        for name, make in per_lang.items():
            yield Asset(f"includes/{name}-{lang}.html", make, cheap(lang=lang))
        yield Asset(f"includes/functions_overview-{lang}.md",
                    partial(_functions_overview, lang), cheap(lang=lang))  # fmt: skip
        for key in registry_keys():
            yield Asset(f"includes/facts_{key}-{lang}.html", partial(_facts, key, lang),
                        cheap(lang=lang))  # fmt: skip
    # Every function's curve, small, for the overview on /functions/ (a phone gets 3 columns).
    for layout in ("wide", "narrow"):
        for palette_name in ("light", "dark"):
            path = _figure_file("functions_grid", palette_name, layout)
            yield Asset(path, partial(_function_grid, palette_name, layout),
                        cheap(palette=palette_name, layout=layout))  # fmt: skip
    yield Asset("values.json", _values)


def figure_pages(docs: Path) -> tuple[str, ...]:
    """``PAGES_WITH_FIGURES`` and every registry function's own page, which must exist:
    a function added to the registry without its page stops the build, naming the file."""
    # Imported here: what this module imports at its top counts in every asset's key.
    from activation_tutorial.content.function_pages import function_page

    pages = tuple(function_page(key, "ja") for key in registry_keys())
    missing = [p for p in pages if not (docs / p).is_file()]
    if missing:
        raise FileNotFoundError(
            "every registry function needs its page (README: Adding an activation function); "
            "missing: " + ", ".join(f"docs/{p}" for p in missing)
        )
    return PAGES_WITH_FIGURES + pages


NARROW_SNIPPET_FIGURES: tuple[str, ...] = (
    "xor_linear_vs_network",
    "compare_functions",
    "compare_derivatives",
    "stacked_surfaces",
    "hidden_space",
    "deep_stack_chart",
)
"""Snippet figures drawn a second time in the ``narrow`` layout, for phones: the page's
snippet calls a builder without a layout, which then draws for a phone's column, or takes
its size from ``plt.rcParams["figure.figsize"]``, which is then a phone's (``style.py``).
A name no page draws adds nothing (tests/test_pictures.py lists the figures that have one)."""


def narrow_path(path: str) -> str:
    """A figure's narrow layout: ``figures/a.light.svg`` -> ``figures/a.narrow.light.svg``."""
    from activation_tutorial.pictures import narrow_name

    folder, _, name = path.rpartition("/")
    return f"{folder}/{narrow_name(name)}"


def _figure_file(name: str, palette_name: str, layout: str) -> str:
    """A figure's path in one palette and layout."""
    path = f"figures/{name}.{palette_name}.svg"
    return path if layout == "wide" else narrow_path(path)


CODE_LIBRARIES: tuple[str, ...] = ("torch", "matplotlib", "numpy")
"""What the pages' code may import: all a reader needs to run it."""


def code_files(docs: Path) -> list[Path]:
    """The pages' code files, ``docs/code/**/*.py``."""
    return sorted((docs / "code").rglob("*.py"))


def _run_page_code(files: tuple[str, ...]) -> dict[str, dict[str, bytes]]:
    """The stale code files run together in one subprocess: {file: {generated path: bytes}}.
    A failure fails them all, and they all count as stale."""
    from activation_tutorial.page_code import PageCodeError, run_isolated

    paths = [Path(f) for f in files]
    root = next(p.parent for p in paths[0].parents if p.name == "docs")
    try:
        made = run_isolated(paths, root, NARROW_SNIPPET_FIGURES)
    except PageCodeError as exc:
        exc.assets = tuple(a for f in files for a in _MADE_FROM.get(f, ()))
        raise
    return dict.fromkeys(files, made)


PAGE_CODE = Batched(_run_page_code)
PAGE_CODE_RUN = Batch("page code", PAGE_CODE.start, "thread")
"""The page code runs in another process: a thread waits for it while the build goes on."""
_MADE_FROM: dict[str, tuple[str, ...]] = {}
"""Per code file (absolute path), the assets made from it."""


def _page_code_asset(file: str, path: str) -> bytes:
    from activation_tutorial.page_code import PageCodeError

    made: dict[str, bytes] = PAGE_CODE(file)  # type: ignore[assignment]
    if path not in made:
        error = PageCodeError(f"{file}: running it made no {path} (a section that calls "
                              "print() printed nothing?)")  # fmt: skip
        error.assets = _MADE_FROM[file]
        raise error
    return made[path]


_RUNNER_FILES = ("src/activation_tutorial/page_code.py", "src/activation_tutorial/figures/style.py")


def snippet_figure_assets(docs: Path, root: Path) -> Iterator[Asset]:
    """What the pages' code files make: a figure per section that shows one (in each palette;
    also narrow for ``NARROW_SNIPPET_FIGURES``) and the output of each section that prints.

    Each file's assets depend on that file alone (with the runner and the style): editing
    one page's code reruns that file only. Figure names are unique across the files.
    """
    from activation_tutorial.figures.style import PALETTES
    from activation_tutorial.page_code import (
        PageCodeError,
        figure_path,
        output_path,
        sections,
        shown_figures,
    )

    figure_pages(docs)  # a registry function without its page stops the build, naming it
    shown = shown_figures(docs)
    figures: dict[str, str] = {}
    for file in code_files(docs):
        rel = file.relative_to(root).as_posix()
        code = file.relative_to(docs).as_posix()
        made: list[tuple[str, dict[str, str]]] = []
        for section in sections(file.read_text(encoding="utf-8"), rel):
            if section.name in shown:
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
            if "print(" in section.source:
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


def _explorer(lang: str) -> bytes:
    from activation_tutorial.content.xor_explorer import explorer_html

    return _text(explorer_html(lang))


def _explorer_reference() -> bytes:
    from activation_tutorial.explorer.reference import reference_values

    return _text(json.dumps(reference_values()) + "\n")


def _explorer_seeds() -> bytes:
    from activation_tutorial.explorer.training import seeds_file

    return _text(json.dumps(seeds_file()) + "\n")


def explorer_assets() -> Iterator[Asset]:
    """The XOR explorer's markup per language, and PyTorch's reference values to test it with."""
    for lang in LANGUAGES:
        yield Asset(
            f"includes/xor_explorer-{lang}.html", partial(_explorer, lang), cheap(lang=lang)
        )
    yield Asset("explorer_reference.json", _explorer_reference)
    yield Asset("xor_explorer_seeds.json", _explorer_seeds)


def _xor_workbook() -> bytes:
    from activation_tutorial.xor.spreadsheet import xor_workbook

    return xor_workbook()


def _xor_csv() -> bytes:
    from activation_tutorial.xor.spreadsheet import xor_csv

    return _text(xor_csv(_xor_rows()))


def download_assets() -> Iterator[Asset]:
    """Files readers download: the XOR spreadsheet with live formulas, and its values as CSV."""
    yield Asset("downloads/xor-network.xlsx", _xor_workbook)
    yield Asset("downloads/xor-network.csv", _xor_csv)


PROBLEMS = ("xor", "moons")
TRAINING_FILES = tuple(
    f"src/activation_tutorial/{m}.py"
    for m in ("experiment/__init__", "experiment/batched", "experiment/data",
              "experiment/moons", "experiment/results", "experiment/xor_runs",
              "xor/__init__", "xor/network", "activations/__init__")
)  # fmt: skip
"""Every module training runs but the registry, of which only the entry's module counts
(``entry_module_source``); a test checks this covers what training imports."""


def _train(problem: str, keys: tuple[str, ...]) -> Mapping[str, object]:
    from activation_tutorial.experiment.results import train

    return train(problem, keys)


TRAINED = {p: Batched(partial(_train, p)) for p in PROBLEMS}
"""Per problem: runs by activation key, trained in batches and kept for this process."""
TRAINING = {p: Batch(f"training {p}", TRAINED[p].start, "process") for p in PROBLEMS}
"""The stale activations of a problem train together, in a worker process."""


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
    from activation_tutorial.experiment import data

    read = data.xor_from_bytes if problem == "xor" else data.moons_from_bytes
    return [read(got[experiment_data_path(problem, key)]) for key in registry_keys()]


def _experiment_table(which: str, lang: str, got: Mapping[str, bytes]) -> bytes:
    from activation_tutorial.content import experiment_tables as tables

    if which == "xor":
        return _text(tables.xor_results_html(_runs("xor", got), lang))
    return _text(tables.moons_results_html(_runs("moons", got), lang))


def _experiment_links(lang: str, got: Mapping[str, bytes]) -> bytes:
    from activation_tutorial.content.explorer_links import experiment_links_html

    return _text(experiment_links_html(_runs("xor", got), lang))


def _experiment_figure(
    which: str, palette_name: str, layout: str, got: Mapping[str, bytes]
) -> bytes:
    from activation_tutorial.experiment import results
    from activation_tutorial.figures import experiment_plots as plots
    from activation_tutorial.figures.style import PALETTES, svg_bytes

    palette = next(p for p in PALETTES if p.name == palette_name)
    if which == "xor":
        return svg_bytes(plots.xor_success_chart(_runs("xor", got), palette, layout))
    runs = _runs("moons", got)
    return svg_bytes(plots.moons_boundaries(runs, results.MOONS_SETTINGS, palette, layout))


def _experiment_values(got: Mapping[str, bytes]) -> bytes:
    from activation_tutorial.content.experiment_values import result_values

    values = {"experiment_results": result_values(_runs("xor", got), _runs("moons", got))}
    return _text(json.dumps(values, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def experiment_assets() -> Iterator[Asset]:
    """The experiment: one data file per activation and problem, then what is made from them.

    Training is the expensive part (seconds): a data file is made again only when the
    training code or its activation's module changed, and the stale ones of a problem
    train together. Tables, figures and quoted values read the files: their keys follow
    the files' bytes, so a retrained activation that gave the same numbers changes nothing
    downstream.
    """
    keys = registry_keys()
    registry = REGISTRY_FILE.read_text(encoding="utf-8")
    for problem in PROBLEMS:
        for key in keys:
            make = partial(_experiment_data, problem, key)
            inputs = training_inputs(problem, key, registry)
            yield Asset(experiment_data_path(problem, key), make, inputs, TRAINING[problem], key)
    data = {p: tuple(experiment_data_path(p, k) for k in keys) for p in PROBLEMS}
    for lang in LANGUAGES:
        for which in PROBLEMS:
            yield Asset(f"includes/experiment_{which}-{lang}.html",
                        partial(_experiment_table, which, lang),
                        replace(cheap(lang=lang), generated=data[which]))  # fmt: skip
        yield Asset(f"includes/experiment_explorer_links-{lang}.html",
                    partial(_experiment_links, lang),
                    replace(cheap(lang=lang), generated=data["xor"]))  # fmt: skip
    # Both also come in a narrow layout for phones (fewer columns, text at a readable size).
    for name, which in (("experiment_xor_success", "xor"), ("experiment_moons", "moons")):
        for layout in ("wide", "narrow"):
            for palette_name in ("light", "dark"):
                path = _figure_file(name, palette_name, layout)
                yield Asset(path, partial(_experiment_figure, which, palette_name, layout),
                            replace(cheap(palette=palette_name, layout=layout),
                                    generated=data[which]))  # fmt: skip
    yield Asset("experiment_values.json", _experiment_values,
                replace(CHEAP, generated=data["xor"] + data["moons"]))  # fmt: skip


NOTEBOOK_INPUTS = Inputs(
    files=("notebooks/*.ipynb", "src/activation_tutorial/notebook/walkthrough.py"),
    libraries=("torch", "numpy", "matplotlib", "nbclient", "nbformat", "ipykernel"),
)
"""The notebook's code imports nothing of the package: it runs again only when it changed."""


def _execute_notebooks(roots: tuple[str, ...]) -> dict[str, object]:
    """The walk-through executed once per project root (its code cells are the same in
    every language)."""
    from activation_tutorial.notebook.walkthrough import execute, load, with_links

    return {root: execute(with_links(load(Path(root), "ja"), "ja"), Path(root)) for root in roots}


EXECUTED_NOTEBOOK = Batched(_execute_notebooks)
NOTEBOOK_RUN = Batch("notebook run", EXECUTED_NOTEBOOK.start, "thread")
"""Started first on a cold build: the kernel works on the other core meanwhile."""


def _notebook(root: Path, lang: str) -> bytes:
    from activation_tutorial.notebook.walkthrough import (
        load,
        notebook_bytes,
        with_links,
        with_outputs_of,
    )

    nb = with_links(load(root, lang), lang)
    return notebook_bytes(with_outputs_of(nb, EXECUTED_NOTEBOOK(str(root))))  # type: ignore[arg-type]


def notebook_assets(root: Path) -> Iterator[Asset]:
    """The walk-through notebook per language, executed once (the code cells are the same)."""
    for lang in LANGUAGES:
        name = "xor-walkthrough.ipynb" if lang == "ja" else f"xor-walkthrough.{lang}.ipynb"
        inputs = replace(NOTEBOOK_INPUTS, params={"lang": lang})
        yield Asset(
            f"notebooks/{name}", partial(_notebook, root, lang), inputs, NOTEBOOK_RUN, str(root)
        )


def all_assets(docs: Path, root: Path) -> Iterator[Asset]:
    """Every asset, in the order the build makes them: what runs in the background
    (the notebook, the training) comes last, so the build has other work meanwhile;
    an asset made from other generated ones comes after them."""
    yield from table_assets()
    yield from explorer_assets()
    yield from download_assets()
    yield from snippet_figure_assets(docs, root)
    yield from notebook_assets(root)
    yield from experiment_assets()
