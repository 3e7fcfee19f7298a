"""LaTeX to MathML at build time: the reader's browser needs no script and no web font."""

from __future__ import annotations


def mathml(latex: str, display: str = "inline") -> str:
    """One formula as a ``<math>`` element (``display="block"`` for a display formula)."""
    from latex2mathml.converter import convert

    return convert(latex, display=display)
