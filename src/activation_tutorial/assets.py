"""The list of generated assets: for each, a name and a pure function that makes its bytes.

``scripts/build_assets.py`` is the one place that writes them. Keeping the list
here lets tests and the build agree on what exists.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from activation_tutorial.content.labels import LANGUAGES

PAGES_WITH_FIGURES: tuple[str, ...] = ("functions.md", "index.md", "xor.md", "xor-network.md")
"""Default-language pages whose code blocks draw figures (English pages must match)."""


@dataclass(frozen=True)
class Asset:
    path: str
    """Relative to ``docs/generated``."""
    make: Callable[[], bytes]


def _text(s: str) -> bytes:
    return s.encode("utf-8")


def table_assets() -> Iterator[Asset]:
    """Tables, fact boxes, step-by-step maths and the quoted values."""
    from activation_tutorial.activations import REGISTRY
    from activation_tutorial.content.activation_facts import facts_html
    from activation_tutorial.content.values import site_values
    from activation_tutorial.content.xor_tables import (
        spreadsheet_html,
        steps_markdown,
        truth_table_html,
    )
    from activation_tutorial.xor.table import xor_table_rows

    rows = xor_table_rows()
    yield Asset("includes/xor_steps.md", lambda: _text(steps_markdown(rows)))
    for lang in LANGUAGES:
        yield Asset(
            f"includes/xor_truth_table-{lang}.html", lambda lang=lang: _text(truth_table_html(lang))
        )
        yield Asset(
            f"includes/xor_spreadsheet-{lang}.html",
            lambda lang=lang: _text(spreadsheet_html(rows, lang)),
        )
        for key, act in REGISTRY.items():
            yield Asset(
                f"includes/facts_{key}-{lang}.html",
                lambda act=act, lang=lang: _text(facts_html(act, lang)),
            )
    yield Asset(
        "values.json",
        lambda: _text(
            json.dumps(site_values(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        ),
    )


def snippet_figure_assets(docs: Path, root: Path) -> Iterator[Asset]:
    """Every figure: each is drawn by a plotting snippet on its page, run as a reader would."""
    from activation_tutorial.docs_code.blocks import CodeBlock, python_blocks
    from activation_tutorial.docs_code.runner import run_blocks
    from activation_tutorial.figures.style import PALETTES, svg_bytes

    for page in PAGES_WITH_FIGURES:
        blocks = python_blocks(docs / page, root)
        if not any(b.figure for b in blocks):
            continue
        cache: dict[str, dict[str, bytes]] = {}

        def rendered(
            palette_name: str,
            blocks: list[CodeBlock] = blocks,
            cache: dict[str, dict[str, bytes]] = cache,
        ) -> dict[str, bytes]:
            # Run the page once per palette, not once per figure.
            if palette_name not in cache:
                palette = next(p for p in PALETTES if p.name == palette_name)
                cache[palette_name] = {
                    k: svg_bytes(f) for k, f in run_blocks(blocks, palette).items()
                }
            return cache[palette_name]

        for block in blocks:
            if block.figure:
                for palette in PALETTES:
                    yield Asset(f"figures/{block.figure}.{palette.name}.svg",
                                lambda k=block.figure, n=palette.name: rendered(n)[k])  # fmt: skip


def download_assets() -> Iterator[Asset]:
    """Files readers download: the XOR spreadsheet with live formulas, and its values as CSV."""
    from activation_tutorial.xor.spreadsheet import xor_csv, xor_workbook
    from activation_tutorial.xor.table import xor_table_rows

    yield Asset("downloads/xor-network.xlsx", xor_workbook)
    yield Asset("downloads/xor-network.csv", lambda: _text(xor_csv(xor_table_rows())))


def experiment_assets() -> Iterator[Asset]:
    """The experiment's tables and figures; the training runs once and is shared by all of them.

    Expensive (seconds): the first asset here pays for every activation's training.
    """
    from activation_tutorial.content.experiment_tables import moons_results_html, xor_results_html
    from activation_tutorial.experiment.results import MOONS_SETTINGS, moons_results, xor_results
    from activation_tutorial.figures.experiment_plots import moons_boundaries, xor_success_chart
    from activation_tutorial.figures.style import PALETTES, svg_bytes

    for lang in LANGUAGES:
        yield Asset(f"includes/experiment_xor-{lang}.html",
                    lambda lang=lang: _text(xor_results_html(xor_results(), lang)))  # fmt: skip
        yield Asset(f"includes/experiment_moons-{lang}.html",
                    lambda lang=lang: _text(moons_results_html(moons_results(), lang)))  # fmt: skip
    for p in PALETTES:
        yield Asset(f"figures/experiment_xor_success.{p.name}.svg",
                    lambda p=p: svg_bytes(xor_success_chart(xor_results(), p)))  # fmt: skip
        yield Asset(
            f"figures/experiment_moons.{p.name}.svg",
            lambda p=p: svg_bytes(moons_boundaries(moons_results(), MOONS_SETTINGS, p)),
        )


def notebook_assets(root: Path) -> Iterator[Asset]:
    """The walk-through notebook per language, executed once (the code cells are the same)."""
    import functools

    from activation_tutorial.notebook.walkthrough import (
        execute,
        load,
        notebook_bytes,
        with_links,
        with_outputs_of,
    )

    @functools.cache
    def executed() -> object:
        return execute(with_links(load(root, "ja"), "ja"), root)

    def make(lang: str) -> bytes:
        nb = with_links(load(root, lang), lang)
        return notebook_bytes(with_outputs_of(nb, executed()))

    for lang in LANGUAGES:
        name = "xor-walkthrough.ipynb" if lang == "ja" else f"xor-walkthrough.{lang}.ipynb"
        yield Asset(f"notebooks/{name}", lambda lang=lang: make(lang))


def all_assets(docs: Path, root: Path) -> Iterator[Asset]:
    yield from table_assets()
    yield from notebook_assets(root)
    yield from experiment_assets()
    yield from download_assets()
    yield from snippet_figure_assets(docs, root)
