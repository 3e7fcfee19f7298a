"""Run a page's Python blocks the way a reader would, and keep the figures they show.

The figure next to a plotting snippet on the site is what that snippet drew when
this module ran it: ``plt.show()`` is replaced by "hand the current figures over".
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from activation_tutorial.docs_code.blocks import CodeBlock
from activation_tutorial.figures.style import Layout, Palette, themed

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class SnippetError(RuntimeError):
    """A page's code failed or broke the figure contract; the message starts with page:line."""


def run_blocks(
    blocks: Sequence[CodeBlock], palette: Palette, layout: Layout = "wide"
) -> dict[str, Figure]:
    """Execute ``blocks`` in one namespace, in order; return {figure key: Figure}.

    Builders the blocks call without a palette or layout draw in ``palette`` and ``layout``.

    Tracebacks point at the page: each block is compiled with the page's path as
    file name and padded so its line numbers are the page's.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown: list[Figure] = []

    def show(*_args: object, **_kwargs: object) -> None:
        shown.extend(plt.figure(n) for n in plt.get_fignums())

    figures: dict[str, Figure] = {}
    namespace: dict[str, object] = {"__name__": "__main__"}
    original_show = plt.show
    plt.show = show
    try:
        with themed(palette, layout):
            for block in blocks:
                shown.clear()
                code = compile("\n" * block.line + block.source, block.path, "exec")
                try:
                    # What the snippet prints is for the reader, not the build log.
                    with contextlib.redirect_stdout(io.StringIO()):
                        exec(code, namespace)
                except Exception as exc:
                    raise SnippetError(f"{block.where}: {type(exc).__name__}: {exc}") from exc
                if block.figure is not None:
                    if len(shown) != 1:
                        raise SnippetError(
                            f"{block.where}: block marked 'figure: {block.figure}' must call "
                            f"plt.show() on exactly one figure; it showed {len(shown)}"
                        )
                    if block.figure in figures:
                        raise SnippetError(f"{block.where}: figure key {block.figure!r} used twice")
                    figures[block.figure] = shown[0]
                # Each block starts on a clean slate; kept figures stay drawable when closed.
                plt.close("all")
    finally:
        plt.show = original_show
    return figures
