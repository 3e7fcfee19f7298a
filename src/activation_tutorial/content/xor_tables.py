"""The XOR truth table, the spreadsheet table and the step-by-step calculation, as text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from activation_tutorial.content.labels import label
from activation_tutorial.content.math import mathml
from activation_tutorial.content.tables import minus, table_html
from activation_tutorial.xor.network import ARTICLE_WEIGHTS, INPUTS, xor_target
from activation_tutorial.xor.table import XorRow, format_number, format_probability


def truth_table_html(lang: str) -> str:
    """x1, x2 and XOR(x1, x2) for the four inputs."""
    rows = [(str(a), str(b), str(xor_target(a, b))) for a, b in INPUTS]
    return table_html(label(lang, "truth_caption"), ("x<sub>1</sub>", "x<sub>2</sub>",
                  "XOR(x<sub>1</sub>, x<sub>2</sub>)"), rows)  # fmt: skip


def spreadsheet_header(lang: str) -> tuple[str, ...]:
    """The spreadsheet's columns as HTML (the explorer's table has the same)."""
    return ("x<sub>1</sub>", "x<sub>2</sub>", "z<sub>1</sub>", "z<sub>2</sub>", "f(z<sub>1</sub>)",
            "f(z<sub>2</sub>)", "y", "σ(y)", escape(label(lang, "predicted")),
            escape(label(lang, "target")))  # fmt: skip


def spreadsheet_html(rows: Sequence[XorRow], lang: str) -> str:
    """The article's spreadsheet, rounded as a reader expects, with the prediction."""
    body = []
    for r in rows:
        mark = "✓" if r.correct else "✗"
        verdict = escape(label(lang, "correct" if r.correct else "wrong"))
        # role="img": the mark is a symbol whose name is the verdict (aria-label on a bare span
        # is invalid HTML and ignored by some screen readers).
        marked = f'<span role="img" aria-label="{verdict}" title="{verdict}">{mark}</span>'
        body.append((
            str(r.x1), str(r.x2), minus(format_number(r.z1)), minus(format_number(r.z2)),
            format_probability(r.f_z1), format_probability(r.f_z2), minus(format_number(r.y)),
            format_probability(r.sigma_y),
            f"{r.predicted} {marked}",
            str(r.target),
        ))  # fmt: skip
    return table_html(label(lang, "spreadsheet_caption"), spreadsheet_header(lang), body)


def _affine(unit: int, a: str, b: str) -> str:
    """``w_unit1 · a + w_unit2 · b + b_unit`` with the article's weights, negatives in brackets."""
    w = [ARTICLE_WEIGHTS[k] for k in (f"w{unit}1", f"w{unit}2", f"b{unit}")]
    w1, w2, bias = (f"({format_number(v)})" if v < 0 else format_number(v) for v in w)
    return rf"{w1} \cdot {a} + {w2} \cdot {b} + {bias}"


STEPS_CLASS = "xor-steps"  # site.css lays a step block's rows out for phones
_RESULT_CELL = re.compile(r'<mtd columnalign="right"><mrow />')


def steps_markdown(rows: Sequence[XorRow]) -> str:
    """One tab per input with every step as MathML (symbols only): each step a row of the left
    side, the calculation and its result, which site.css puts under the calculation on a phone."""
    out = []
    for r in rows:
        fz1, fz2 = format_probability(r.f_z1), format_probability(r.f_z2)
        x1, x2 = str(r.x1), str(r.x2)
        # "& {}=": the result's own cell; "{}" keeps "=" a binary relation, spaced as one.
        lines = [
            rf"z_1 &= {_affine(1, x1, x2)} & {{}}= {format_number(r.z1)}",
            rf"z_2 &= {_affine(2, x1, x2)} & {{}}= {format_number(r.z2)}",
            rf"f(z_1) &= \frac{{1}}{{1 + e^{{{format_number(-r.z1)}}}}} & {{}}\approx {fz1}",
            rf"f(z_2) &= \frac{{1}}{{1 + e^{{{format_number(-r.z2)}}}}} & {{}}\approx {fz2}",
            rf"y &= {_affine(3, fz1, fz2)} & {{}}\approx {format_number(r.y)}",
            rf"\sigma(y) &\approx {format_probability(r.sigma_y)} & {{}}\Rightarrow \hat{{t}} = "
            rf"{r.predicted},\quad t = \mathrm{{XOR}}({r.x1}, {r.x2}) = {r.target}",
        ]
        # latex2mathml knows align* (not aligned); the MathML goes in as HTML so the
        # tab's indentation cannot be mistaken for a LaTeX block by the page's extension.
        block = mathml("\\begin{align*}" + " \\\\ ".join(lines) + "\\end{align*}", "block")
        # align* right-aligns every odd column; the results read left to right from their sign.
        block = _RESULT_CELL.sub('<mtd columnalign="left"><mrow />', block)
        block = block.replace("<math ", f'<math class="{STEPS_CLASS}" ', 1)
        out.append(f'=== "({r.x1}, {r.x2})"\n\n    {block}\n')
    return "\n".join(out)
