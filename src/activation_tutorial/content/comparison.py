"""The comparison table: a row per function, each property computed or declared in the registry."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from activation_tutorial.activations import REGISTRY
from activation_tutorial.activations.properties import (
    is_monotonic,
    max_slope,
    normal_mean,
    range_latex,
    smoothness,
)
from activation_tutorial.content.labels import LABELS, by_language
from activation_tutorial.content.math import mathml
from activation_tutorial.content.tables import function_href, minus, table_html

ZERO_CENTRED_BELOW = 0.01  # |E[f(X)]| below this, X ~ N(0, 1), counts as zero-centred

WORDS = by_language({
    "caption": ("活性化関数の性質の比較（すべてコードで計算。計算コストのみ式から宣言）",
                "Properties of the activation functions (all computed by code; only the cost"
                " class is declared from the formula)"),
    "smoothness": ("滑らかさ", "Smoothness"),
    "monotonic": ("単調", "Monotonic"),
    "mean": ("平均出力 E[f(X)]", "Mean output E[f(X)]"),
    "zero_centred": ("ゼロ中心", "Zero-centred"),
    "slope": ("最大の傾き", "Largest slope"),
    "cost": ("計算コスト", "Cost"),
    "yes": ("はい", "yes"),
    "no": ("いいえ", "no"),
    "jump": ("不連続", "discontinuous"),
    "kink": ("折れ点あり", "kink"),
    "c1": ("1 回微分可能", "once differentiable"),
    "c2": ("滑らか", "smooth"),
    "cost0": ("低", "low"),
    "cost1": ("中", "medium"),
    "cost2": ("高", "high"),
})  # fmt: skip


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    name: str
    range_latex: str
    smoothness: str
    monotonic: bool
    mean: float
    zero_centred: bool
    max_slope: float
    special_functions: int


def comparison_rows() -> list[ComparisonRow]:
    """One row per registry entry, in the registry's order."""
    rows = []
    for act in REGISTRY.values():
        mean = normal_mean(act)
        rows.append(ComparisonRow(
            act.key, act.name,
            # Four decimals, rounded outward: SELU's bound reads -1.7581, as precise as its page.
            range_latex(act, digits=4, compact=True), smoothness(act), is_monotonic(act),
            mean, abs(mean) < ZERO_CENTRED_BELOW, max_slope(act), act.special_functions,
        ))  # fmt: skip
    return rows


def _fixed(v: float, digits: int) -> str:
    # No "-0.000": a mean that rounds to zero is zero.
    return minus(f"{0.0 if abs(v) < 0.5 * 10**-digits else v:.{digits}f}")


def comparison_html(rows: list[ComparisonRow], lang: str) -> str:
    """The table, with each name linking to the function's own page."""
    w = {**LABELS[lang], **WORDS[lang]}  # "function" and "range": the fact boxes' words
    header = [escape(w[k]) for k in ("function", "range", "smoothness", "monotonic", "mean",
                                     "zero_centred", "slope", "cost")]  # fmt: skip
    body = []
    for r in rows:
        cost = w[f"cost{min(r.special_functions, 2)}"]
        body.append((
            f'<a href="{function_href(r.key)}">{escape(r.name)}</a>',
            mathml(r.range_latex),
            escape(w[r.smoothness]),
            w["yes"] if r.monotonic else w["no"],
            _fixed(r.mean, 3),
            w["yes"] if r.zero_centred else w["no"],
            _fixed(r.max_slope, 2),
            f"{escape(cost)} ({r.special_functions})",
        ))  # fmt: skip
    return table_html(w["caption"], header, body, row_headers=True)
