"""The one shape of every generated table: a caption, a header row, rows of HTML cells. On a
phone each row is a card whose cells show their column's name (``data-label``, site.css).
And the one way the site writes a share, a negative number and a link to a function's page."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape, unescape

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
NBSP = "\u00a0"  # between a number and "%": no line starts with "%" on a phone


def percent(fraction: float, digits: int = 0) -> str:
    """``0.51`` as ``"51 %"`` (``digits`` after the point), the space a no-break one."""
    return f"{100 * fraction:.{digits}f}{NBSP}%"


def minus(text: str) -> str:
    """A real minus sign: it reads better than a hyphen in a table of numbers."""
    return text.replace("-", "\u2212")


def function_href(key: str) -> str:
    """A function's page (``docs/functions/<key>.md``) from a page one level below the language
    root (``/comparison/``, ``/en/gradients/``): each language links to its own."""
    return f"../functions/{key}/"


def table_html(
    caption: str, header: Sequence[str], rows: Sequence[Sequence[str]], *, row_headers: bool = False
) -> str:
    """``<div class="generated-table">`` around the table; ``header`` and cells are HTML.
    ``row_headers``: each row's first cell is a ``<th scope="row">``."""
    # A header cell's text for an attribute: x<sub>1</sub> as x₁, other tags dropped
    subscripts = (re.sub(r"<sub>(\d+)</sub>", lambda m: m[1].translate(_SUB), h) for h in header)
    labels = [escape(unescape(re.sub(r"<[^>]+>", "", h))) for h in subscripts]
    head = "".join(f'<th scope="col">{h}</th>' for h in header)

    def cell(i: int, c: str) -> str:
        if row_headers and i == 0:
            return f'<th scope="row">{c}</th>'
        return f'<td data-label="{labels[i]}">{c}</td>'

    body = "\n".join("<tr>" + "".join(cell(i, c) for i, c in enumerate(r)) + "</tr>" for r in rows)
    # No class on <table>: Material styles only class-less tables.
    return (
        f'<div class="generated-table">\n<table>\n<caption>{escape(caption)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>\n"
    )
