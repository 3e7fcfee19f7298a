"""The list of generated assets: for each, a name, what it is made from, and a function making it.

``scripts/build_assets.py`` is the one place that writes them, and only those whose
inputs changed. Keeping the list here lets tests and the build agree on what exists.
Listing the assets imports neither torch nor matplotlib: makers import what they
need when they run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from activation_tutorial.cache.inputs import WHOLE_PACKAGE, Inputs
from activation_tutorial.cache.recording import BatchedWithReads, cached_with_reads
from activation_tutorial.content.labels import LANGUAGES

if TYPE_CHECKING:
    from concurrent.futures import Future

PAGES_WITH_FIGURES: tuple[str, ...] = (
    "index.md", "xor.md", "xor-network.md", "gradients.md", "comparison.md",
)  # fmt: skip
"""Default-language pages whose code blocks draw figures (English pages must match); each
registry function's page comes on top of these (``figure_pages``)."""

_HERE = __name__
"""This module is every asset's recipe, so its text is part of every key."""


Submit = Callable[..., "Future[object]"]


@dataclass(frozen=True)
class Batch:
    """Work shared by several assets and cheaper done once for all the stale ones.

    Before making anything, the build calls ``start`` with the ``item`` of every stale
    asset of the batch and an executor's ``submit``: the work then runs in the
    background while the build goes on, and each asset's maker waits for its part.
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
    inputs: Inputs = field(default=WHOLE_PACKAGE)
    """What the bytes depend on; undeclared means the whole package."""
    batch: Batch | None = None
    item: str = ""
    """This asset's part of ``batch`` (an activation's key)."""


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
    from activation_tutorial.cache.sources import SourceIndex

    parsed = SourceIndex(Path(__file__).resolve().parent.parent).registry
    if parsed is not None:
        return tuple(parsed[1])
    from activation_tutorial.activations import REGISTRY

    return tuple(REGISTRY)


def _inputs(*modules: str, **kwargs: object) -> Inputs:
    return Inputs(modules=modules, recipe=(_HERE,), **kwargs)


def _text(s: str) -> bytes:
    return s.encode("utf-8")


@cached_with_reads
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


@cached_with_reads
def _comparison_rows() -> tuple[object, ...]:
    from activation_tutorial.content.comparison import comparison_rows

    return tuple(comparison_rows())


@cached_with_reads
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
    xor_tables = "activation_tutorial.content.xor_tables"
    xor_rows = "activation_tutorial.xor.table"
    text_only = ("torch", "numpy", "latex2mathml")
    yield Asset("includes/xor_steps.md", _steps,
                _inputs(xor_tables, xor_rows, distributions=text_only))  # fmt: skip
    for lang in LANGUAGES:
        yield Asset(
            f"includes/xor_truth_table-{lang}.html",
            lambda lang=lang: _truth_table(lang),
            _inputs(xor_tables, params={"lang": lang}, distributions=("latex2mathml",)),
        )
        yield Asset(
            f"includes/xor_spreadsheet-{lang}.html",
            lambda lang=lang: _spreadsheet(lang),
            _inputs(xor_tables, xor_rows, params={"lang": lang}, distributions=text_only),
        )
        yield Asset(
            f"includes/comparison-{lang}.html",
            lambda lang=lang: _comparison(lang),
            _inputs("activation_tutorial.content.comparison", params={"lang": lang},
                    distributions=("torch", "numpy", "latex2mathml")),
        )  # fmt: skip
        yield Asset(
            f"includes/references-{lang}.html",
            lambda lang=lang: _references(lang),
            _inputs("activation_tutorial.content.references", params={"lang": lang}),
        )
        yield Asset(
            f"includes/gradient_stack-{lang}.html",
            lambda lang=lang: _gradient_stack(lang),
            _inputs("activation_tutorial.content.gradient_tables", params={"lang": lang},
                    distributions=("torch", "numpy")),
        )  # fmt: skip
        yield Asset(
            f"includes/functions_overview-{lang}.md",
            lambda lang=lang: _functions_overview(lang),
            _inputs("activation_tutorial.content.functions_overview", params={"lang": lang},
                    distributions=("numpy",)),
        )  # fmt: skip
        for key in registry_keys():
            yield Asset(
                f"includes/facts_{key}-{lang}.html",
                lambda key=key, lang=lang: _facts(key, lang),
                _inputs("activation_tutorial.content.activation_facts", entries=(key,),
                        params={"lang": lang}, distributions=("numpy", "latex2mathml")),
            )  # fmt: skip
    # Every function's curve, small, for the overview on /functions/ (a phone gets 3 columns).
    for layout in ("wide", "narrow"):
        for palette_name in ("light", "dark"):
            path, layout_param = _figure_file("functions_grid", palette_name, layout)
            yield Asset(path, lambda n=palette_name, lay=layout: _function_grid(n, lay),
                        _inputs("activation_tutorial.figures.function_grid",
                                "activation_tutorial.figures.style", entries=registry_keys(),
                                params={"palette": palette_name, **layout_param},
                                distributions=("matplotlib", "numpy")))  # fmt: skip
    yield Asset("values.json", _values, _inputs("activation_tutorial.content.values",
                distributions=("torch", "numpy")))  # fmt: skip


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


def _figure_file(name: str, palette_name: str, layout: str) -> tuple[str, dict[str, str]]:
    """A figure's path in one palette and layout, and the key parameter naming its layout:
    only a narrow figure names it, so a wide one's key is as it was before layouts."""
    path = f"figures/{name}.{palette_name}.svg"
    if layout == "wide":
        return path, {}
    return narrow_path(path), {"layout": layout}


CODE_LIBRARIES: tuple[str, ...] = ("torch", "matplotlib", "numpy")
"""What the pages' code may import: all a reader needs to run it."""


def code_files(docs: Path) -> list[Path]:
    """The pages' code files, ``docs/code/**/*.py``."""
    return sorted((docs / "code").rglob("*.py"))


def _run_page_code(files: tuple[str, ...]) -> dict[str, tuple[object, frozenset[str]]]:
    """The stale code files run together in one subprocess: {file: ({generated path: bytes},
    no registry reads)}. A failure fails them all, and they all count as stale."""
    from activation_tutorial.page_code import PageCodeError, run_isolated

    paths = [Path(f) for f in files]
    root = next(p.parent for p in paths[0].parents if p.name == "docs")
    try:
        made = run_isolated(paths, root, NARROW_SNIPPET_FIGURES)
    except PageCodeError as exc:
        exc.assets = tuple(a for f in files for a in _MADE_FROM.get(f, ()))
        raise
    return dict.fromkeys(files, (made, frozenset()))


PAGE_CODE: BatchedWithReads[dict[str, bytes]] = BatchedWithReads(_run_page_code)
PAGE_CODE_RUN = Batch("page code", PAGE_CODE.start, "thread")
"""The page code runs in another process: a thread waits for it while the build goes on."""
_MADE_FROM: dict[str, tuple[str, ...]] = {}
"""Per code file (absolute path), the assets made from it."""


def _page_code_asset(file: str, path: str) -> bytes:
    from activation_tutorial.page_code import PageCodeError

    made = PAGE_CODE(file)
    if path not in made:
        error = PageCodeError(f"{file}: running it made no {path} (a section that calls "
                              "print() printed nothing?)")  # fmt: skip
        error.assets = _MADE_FROM[file]
        raise error
    return made[path]


# --- Adapter (remove at merge) -----------------------------------------------------------
# The page code declares its inputs in the file-keyed shape of PLAN.md,
# ``staleness.Inputs(files=..., libraries=..., params=...)``; this turns that into the
# current cache's ``Inputs``. With ``staleness.Inputs`` in place, call it directly instead.
def _file_keyed(
    root: Path, files: tuple[str, ...], libraries: tuple[str, ...], params: Mapping[str, str]
) -> Inputs:
    package = [f for f in files if f.startswith("src/")]
    return Inputs(
        modules=tuple(f[4:].removesuffix(".py").replace("/", ".") for f in package),
        code=tuple((root / f).read_text(encoding="utf-8") for f in files if f not in package),
        code_origin=files[0],
        params=params,
        distributions=libraries,
    )


# ------------------------------------------------------------------------------------------


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
                _file_keyed(
                    root,
                    files=(
                        rel,
                        "src/activation_tutorial/page_code.py",
                        "src/activation_tutorial/figures/style.py",
                    ),
                    libraries=CODE_LIBRARIES,
                    params={"asset": path, **params},
                ),
                batch=PAGE_CODE_RUN,
                item=str(file),
            )


def _explorer(lang: str) -> bytes:
    from activation_tutorial.content.xor_explorer import explorer_html

    return _text(explorer_html(lang))


def _explorer_reference() -> bytes:
    from activation_tutorial.explorer.reference import reference_values

    return _text(json.dumps(reference_values()) + "\n")


def explorer_assets() -> Iterator[Asset]:
    """The XOR explorer's markup per language, and PyTorch's reference values to test it with."""
    for lang in LANGUAGES:
        yield Asset(
            f"includes/xor_explorer-{lang}.html",
            lambda lang=lang: _explorer(lang),
            _inputs("activation_tutorial.content.xor_explorer", params={"lang": lang},
                    distributions=("torch", "numpy", "matplotlib")),
        )  # fmt: skip
    yield Asset(
        "explorer_reference.json",
        _explorer_reference,
        _inputs("activation_tutorial.explorer.reference", distributions=("torch", "numpy")),
    )


def _xor_workbook() -> bytes:
    from activation_tutorial.xor.spreadsheet import xor_workbook

    return xor_workbook()


def _xor_csv() -> bytes:
    from activation_tutorial.xor.spreadsheet import xor_csv

    return _text(xor_csv(_xor_rows()))


def download_assets() -> Iterator[Asset]:
    """Files readers download: the XOR spreadsheet with live formulas, and its values as CSV."""
    sheet = "activation_tutorial.xor.spreadsheet"
    yield Asset("downloads/xor-network.xlsx", _xor_workbook,
                _inputs(sheet, distributions=("openpyxl",)))  # fmt: skip
    rows = "activation_tutorial.xor.table"
    yield Asset("downloads/xor-network.csv", _xor_csv,
                _inputs(sheet, rows, distributions=("torch", "numpy")))  # fmt: skip


_EXPERIMENT_DISTS = ("torch", "numpy", "matplotlib")
_RESULTS = "activation_tutorial.experiment.results"
_DATA = "activation_tutorial.experiment.data"


def _start_training(problem: str) -> Callable[[tuple[str, ...], Submit | None], None]:
    def start(keys: tuple[str, ...], submit: Submit | None) -> None:
        from activation_tutorial.experiment.results import TRAINED

        TRAINED[problem].start(keys, submit)

    return start


TRAINING = {p: Batch(f"training {p}", _start_training(p), "process") for p in ("xor", "moons")}
"""The stale activations of a problem train together, in a worker process."""


def experiment_data_path(problem: str, key: str) -> str:
    return f"data/experiment/{problem}-{key}.json"


def _experiment_data(problem: str, key: str) -> bytes:
    from activation_tutorial.experiment import data
    from activation_tutorial.experiment.results import TRAINED

    runs = TRAINED[problem](key)
    return data.xor_bytes(runs) if problem == "xor" else data.moons_bytes(runs)


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

    Training is the expensive part (seconds): a data file is made again only when its
    activation's registry entry or the training code changed, and the stale ones of a
    problem train together. Tables, figures and quoted values read the files: their
    keys follow the files' bytes, so a retrained activation that gave the same numbers
    changes nothing downstream.
    """
    keys = registry_keys()
    for problem in ("xor", "moons"):
        for key in keys:
            yield Asset(experiment_data_path(problem, key),
                        lambda p=problem, k=key: _experiment_data(p, k),
                        _inputs(_RESULTS, _DATA, entries=(key,),
                                params={"problem": problem, "activation": key},
                                distributions=("torch", "numpy")),
                        batch=TRAINING[problem], item=key)  # fmt: skip
    data = {p: tuple(experiment_data_path(p, k) for k in keys) for p in ("xor", "moons")}
    tables = "activation_tutorial.content.experiment_tables"
    plots = "activation_tutorial.figures.experiment_plots"
    for lang in LANGUAGES:
        for which in ("xor", "moons"):
            yield Asset(f"includes/experiment_{which}-{lang}.html",
                        lambda got, w=which, lang=lang: _experiment_table(w, lang, got),
                        _inputs(tables, _DATA, generated=data[which], params={"lang": lang},
                                distributions=_EXPERIMENT_DISTS))  # fmt: skip
    # Both also come in a narrow layout for phones (fewer columns, text at a readable size).
    for name, which in (("experiment_xor_success", "xor"), ("experiment_moons", "moons")):
        for layout in ("wide", "narrow"):
            for palette_name in ("light", "dark"):
                path, layout_param = _figure_file(name, palette_name, layout)
                yield Asset(path,
                            lambda got, w=which, n=palette_name, lay=layout:
                                _experiment_figure(w, n, lay, got),
                            _inputs(plots, _DATA, "activation_tutorial.figures.style",
                                    "activation_tutorial.provenance", generated=data[which],
                                    params={"palette": palette_name, **layout_param},
                                    distributions=_EXPERIMENT_DISTS))  # fmt: skip
    yield Asset("experiment_values.json", _experiment_values,
                _inputs("activation_tutorial.content.experiment_values", _DATA,
                        generated=data["xor"] + data["moons"],
                        distributions=("numpy",)))  # fmt: skip


def _execute_notebooks(roots: tuple[str, ...]) -> dict[str, tuple[object, frozenset[str]]]:
    """The walk-through executed once per project root (its code cells are the same in
    every language). Its cells run in a kernel, another process, and nothing here reads
    registry entries: no reads to record (none could be, from a background thread)."""
    from activation_tutorial.notebook.walkthrough import execute, load, with_links

    return {
        root: (execute(with_links(load(Path(root), "ja"), "ja"), Path(root)), frozenset())
        for root in roots
    }


EXECUTED_NOTEBOOK: BatchedWithReads[object] = BatchedWithReads(_execute_notebooks)
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
    return notebook_bytes(with_outputs_of(nb, EXECUTED_NOTEBOOK(str(root))))


def notebook_assets(root: Path) -> Iterator[Asset]:
    """The walk-through notebook per language, executed once (the code cells are the same).

    The sources live outside the package (notebooks/), so their text is declared as code.
    """
    sources = tuple(
        (root / "notebooks" / n).read_text(encoding="utf-8")
        for n in ("xor-walkthrough.ipynb", "xor-walkthrough.en.ipynb")
    )
    for lang in LANGUAGES:
        name = "xor-walkthrough.ipynb" if lang == "ja" else f"xor-walkthrough.{lang}.ipynb"
        yield Asset(
            f"notebooks/{name}",
            lambda lang=lang: _notebook(root, lang),
            _inputs("activation_tutorial.notebook.walkthrough", code=sources,
                    code_origin="notebooks/xor-walkthrough.ipynb", params={"lang": lang},
                    distributions=("torch", "numpy", "matplotlib", "nbclient", "nbformat",
                                   "ipykernel")),
            batch=NOTEBOOK_RUN, item=str(root),
        )  # fmt: skip


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
