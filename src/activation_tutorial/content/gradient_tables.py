"""The deep-stack table of the gradients page: RMS gradient after n layers, per function."""

from __future__ import annotations

from html import escape

from activation_tutorial.activations import REGISTRY
from activation_tutorial.content.function_pages import function_href
from activation_tutorial.content.labels import by_language
from activation_tutorial.content.tables import table_html
from activation_tutorial.gradients import SHOWN_AFTER, registry_gradient_sizes

WORDS = by_language({
    "caption": ("出力側の勾配を 1 としたときの、n 層さかのぼった後の勾配の大きさ（RMS）",
                "Size (RMS) of the gradient after flowing back through n layers,"
                " with the output's gradient set to 1"),
    "function": ("関数", "Function"),
    "after": ("{n} 層後", "after {n}"),
})  # fmt: skip


def stack_rows() -> list[tuple[str, list[float]]]:
    """(registry key, gradient sizes after each of ``SHOWN_AFTER`` layers)."""
    return [(key, [registry_gradient_sizes(key)[n] for n in SHOWN_AFTER]) for key in REGISTRY]


def _size(v: float) -> str:
    if v == 0:
        return "0"
    if v >= 0.01:
        return f"{v:.3f}"
    mantissa, exponent = f"{v:.1e}".split("e")
    return f"{mantissa} × 10<sup>\u2212{abs(int(exponent))}</sup>"


def stack_table_html(rows: list[tuple[str, list[float]]], lang: str) -> str:
    w = WORDS[lang]
    header = [escape(w["function"])] + [escape(w["after"].format(n=n)) for n in SHOWN_AFTER]
    body = [
        [f'<a href="{function_href(key)}">{escape(REGISTRY[key].name)}</a>']
        + [_size(v) for v in sizes]
        for key, sizes in rows
    ]
    return table_html(w["caption"], header, body, row_headers=True)
