"""The fact box of each activation function: definition, range, PyTorch call."""

from __future__ import annotations

from html import escape

from activation_tutorial.activations.formulas import check, shown_formulas
from activation_tutorial.activations.properties import range_latex
from activation_tutorial.activations.registry import Activation
from activation_tutorial.content.labels import label
from activation_tutorial.content.math import mathml


def torch_call(act: Activation) -> str:
    """How a reader creates the module, with the registry's parameters spelled out."""
    if act.torch_expression is not None:
        return act.torch_expression
    args = ", ".join(f"{k}={v!r}" for k, v in act.params.items())
    return f"nn.{act.torch_module}({args})"


def source_link(act: Activation, lang: str) -> str:
    """The primary source, linked, and a link to its entry on the references page."""
    primary = act.sources[0]
    # Relative to a function's page, /functions/<key>/ (and /en/functions/<key>/).
    more = f'<a href="../../references/#{primary.key}">{escape(label(lang, "all_references"))}</a>'
    more = f"（{more}）" if lang == "ja" else f" ({more})"
    return f'<a href="{escape(primary.url)}">{escape(primary.short(lang))}</a>{more}'


def facts_html(act: Activation, lang: str) -> str:
    """A two-column table: what is defined (row header) and its value. The formulas are shown
    only once the definition agrees with PyTorch (``formulas.check``)."""
    check(act)
    formula, derivative = shown_formulas(act)
    rows = [
        # \displaystyle: full-size fractions inside a table cell.
        (label(lang, "formula"), mathml(r"\displaystyle " + formula)),
        (label(lang, "range"), mathml(range_latex(act))),
        (label(lang, "derivative"), mathml(derivative)),
        (label(lang, "pytorch"), f"<code>{escape(torch_call(act))}</code>"),
    ]
    # A new entry may arrive without sources; the box then omits the row.
    if act.sources:
        rows.append((label(lang, "source"), source_link(act, lang)))
    body = "\n".join(f'<tr><th scope="row">{escape(k)}</th><td>{v}</td></tr>' for k, v in rows)
    return (
        f'<div class="activation-facts" id="facts-{act.key}">\n<table>\n<tbody>\n{body}\n'
        "</tbody>\n</table>\n</div>\n"
    )
