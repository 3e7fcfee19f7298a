"""The walk-through notebooks (``notebooks/``, one per language, same code, no outputs): links
added, executed once for both languages, serialised repeatably."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nbformat import NotebookNode

NAME = "xor-walkthrough"
# GitHub owner/name; Colab opens its main branch
REPOSITORY = "activation-functions/activation-functions"

_LINKS = {
    "ja": "[ノートブックをダウンロード (.ipynb)]({download}) ・ [Google Colab で開く]({colab})",
    "en": "[Download the notebook (.ipynb)]({download}) · [Open in Google Colab]({colab})",
}


def source_name(lang: str) -> str:
    """File name of the notebook for ``lang``: Japanese is the default, English has ``.en``."""
    return f"{NAME}.ipynb" if lang == "ja" else f"{NAME}.{lang}.ipynb"


def colab_url(lang: str) -> str:
    """Colab's address for the committed source notebook (a plain link, nothing is fetched)."""
    return (
        f"https://colab.research.google.com/github/{REPOSITORY}/blob/main/"
        f"notebooks/{source_name(lang)}"
    )


def load(root: Path, lang: str) -> NotebookNode:
    """The source notebook of one language."""
    import nbformat

    return nbformat.read(root / "notebooks" / source_name(lang), as_version=4)


def with_links(nb: NotebookNode, lang: str) -> NotebookNode:
    """A copy with a download link (the file mkdocs-jupyter copies beside the page) and an
    "Open in Colab" link under the title."""
    import nbformat

    out = copy.deepcopy(nb)
    text = _LINKS[lang].format(download=source_name(lang), colab=colab_url(lang))
    out.cells.insert(1, nbformat.v4.new_markdown_cell(text, id="links"))
    return out


def execute(nb: NotebookNode, cwd: Path) -> NotebookNode:
    """A copy with every code cell run in a fresh kernel, in order; any error fails the build."""
    import os

    from nbclient import NotebookClient

    out = copy.deepcopy(nb)
    # The build sets MPLBACKEND=Agg, which would keep the kernel from showing figures inline.
    env = {**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    # The kernel sends printed text in pieces whenever its output thread flushes, so a busy
    # machine can split one print into two outputs (seen once: different notebook bytes from the
    # same code). Merging each cell's stream outputs makes the bytes depend on the code alone.
    NotebookClient(out, kernel_name="python3", timeout=300, record_timing=False,
                   coalesce_streams=True,
                   resources={"metadata": {"path": str(cwd)}}).execute(env=env)  # fmt: skip
    return out


def with_outputs_of(nb: NotebookNode, executed: NotebookNode) -> NotebookNode:
    """A copy of ``nb`` carrying the outputs of ``executed`` (same code, other language)."""
    out = copy.deepcopy(nb)
    cells, ran = ([c for c in n.cells if c.cell_type == "code"] for n in (out, executed))
    if [c.source for c in cells] != [c.source for c in ran]:
        raise ValueError("the notebooks' code cells differ: outputs cannot be shared")
    for cell, done in zip(cells, ran, strict=True):
        cell.outputs = copy.deepcopy(done.outputs)
        cell.execution_count = done.execution_count
    return out


def notebook_bytes(nb: NotebookNode) -> bytes:
    """Serialised as Jupyter does (sorted keys, one-space indent): equal notebooks, equal bytes."""
    import nbformat

    return (nbformat.writes(nb) + "\n").encode("utf-8")


def figure_cells(cells: list[dict]) -> list[dict]:
    """The code cells that draw a figure: those with alt text (``metadata.alt``, and a
    ``metadata.caption``). The build draws each in the site's style, named after the cell's id."""
    return [c for c in cells if c["cell_type"] == "code" and "alt" in c["metadata"]]
