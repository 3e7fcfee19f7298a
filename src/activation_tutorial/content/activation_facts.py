"""The fact box of each activation function (definition, range, PyTorch call), and the
overview on /functions/: every registry function, linking its own page."""

from __future__ import annotations

from collections.abc import Iterable
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
    # The primary source, and its entry on the references page (relative to /functions/<key>/)
    first = act.sources[0]
    more = f'<a href="../../references/#{first.key}">{escape(label(lang, "all_references"))}</a>'
    more = f"（{more}）" if lang == "ja" else f" ({more})"
    link = f'<a href="{escape(first.url)}">{escape(first.short(lang))}</a>{more}'
    rows.append((label(lang, "source"), link))
    body = "\n".join(f'<tr><th scope="row">{escape(k)}</th><td>{v}</td></tr>' for k, v in rows)
    return (
        f'<div class="activation-facts" id="facts-{act.key}">\n<table>\n<tbody>\n{body}\n'
        "</tbody>\n</table>\n</div>\n"
    )


OVERVIEW_CLASS = "functions-overview"  # on a phone site.css shows each row as a card


def overview_markdown(entries: Iterable[Activation], lang: str) -> str:
    """A Markdown table, one row per function: its name linking its page (so the strict build
    checks it; its id keeps old ``/functions/#relu`` links), the PyTorch call, the source."""
    head = [label(lang, "function"), label(lang, "pytorch"), label(lang, "source")]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for act in entries:
        source = act.sources[0].short(lang)
        cells = [f"[{act.name}]({act.key}.md){{ #{act.key} }}", f"`{torch_call(act)}`", source]
        rows.append("| " + " | ".join(c.replace("|", r"\|") for c in cells) + " |")
    return f'<div class="{OVERVIEW_CLASS}" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"
