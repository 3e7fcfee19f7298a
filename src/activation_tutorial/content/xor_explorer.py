"""The XOR explorer's markup in each language, with the registry's data embedded for its script.

The container starts ``hidden``: without JavaScript the reader sees only the
static figures and table above it, never dead controls. The script fills the
table, draws the heatmap and shows the container.
"""

from __future__ import annotations

import json
import math
from html import escape

from activation_tutorial.content.labels import label
from activation_tutorial.explorer.data import PARAMETERS, SLIDER_RANGE, explorer_data
from activation_tutorial.explorer.reference import TOLERANCE
from activation_tutorial.xor.network import ARTICLE_WEIGHTS

EXPLORER_LABELS: dict[str, dict[str, str]] = {
    "ja": {
        "region": "XOR ネットワークのエクスプローラー",
        "activation": "隠れ層の活性化関数",
        "hidden1": "隠れユニット 1（z<sub>1</sub>）",
        "hidden2": "隠れユニット 2（z<sub>2</sub>）",
        "output": "出力層（y）",
        "canvas": "入力平面上の σ(y) のヒートマップ。"
        "σ(y) = 0.5 の境界線と 4 つの入力点を描いています。"
        "赤いほど 1 に、青いほど 0 に近く、丸は正解が 0、三角は正解が 1 の点、"
        "破線の円は予測が外れた点です。",
        "caption": "現在の重みでの各入力の計算結果（ブラウザで計算）",
        "solved": "XOR を解いています。4 つの入力すべてで予測が正解と一致しています。",
        "unsolved": "XOR を解けていません。正解と一致するのは 4 つのうち {correct} つです。",
        "reset": "記事の重みに戻す",
        "link": "この状態へのリンク",
        "missing": "エクスプローラーに実装されていない活性化関数があります: {names}",
        "noscript": "このエクスプローラーには JavaScript が必要です。"
        "上の図と表は、記事の重みでの同じ計算を JavaScript なしで示しています。",
    },
    "en": {
        "region": "XOR network explorer",
        "activation": "Hidden-layer activation",
        "hidden1": "Hidden unit 1 (z<sub>1</sub>)",
        "hidden2": "Hidden unit 2 (z<sub>2</sub>)",
        "output": "Output layer (y)",
        "canvas": "Heatmap of σ(y) over the input plane, with the σ(y) = 0.5 boundary and the four "
        "inputs. Red is close to 1, blue close to 0; circles are inputs whose target is 0, "
        "triangles those whose target is 1, and a dashed ring marks a wrong prediction.",
        "caption": "Every input through the current weights (computed in your browser)",
        "solved": "Solves XOR: the prediction matches the target for all four inputs.",
        "unsolved": "Does not solve XOR: the prediction matches the target "
        "for {correct} of 4 inputs.",
        "reset": "Reset to the article's weights",
        "link": "Link to this state",
        "missing": "The explorer has no implementation of: {names}",
        "noscript": "This explorer needs JavaScript. The figures and the table above show the "
        "same computation with the article's weights without it.",
    },
}

_GROUPS = (("hidden1", PARAMETERS[0:3]), ("hidden2", PARAMETERS[3:6]), ("output", PARAMETERS[6:9]))
_COLUMNS = ("x1", "x2", "z1", "z2", "f1", "f2", "y", "p", "predicted", "target")


def _symbol(name: str) -> str:
    """w11 -> w<sub>11</sub>, b3 -> b<sub>3</sub>."""
    return f"{name[0]}<sub>{name[1:]}</sub>"


def _slider(name: str) -> str:
    lo, hi, step = SLIDER_RANGE
    value = format(ARTICLE_WEIGHTS[name], "g")
    return (
        f'<div class="xe-param"><label for="xe-{name}">{_symbol(name)}</label>'
        f'<input type="range" id="xe-{name}" name="{name}" min="{lo:g}" max="{hi:g}" '
        f'step="{step:g}" value="{value}">'
        f'<output for="xe-{name}" id="xe-{name}-value">{value}</output></div>'
    )


def _json_for_script(data: object) -> str:
    # "</" would end the <script> element early; JSON allows "<\/". One item per line
    # (indent=0) keeps "}}" out of the page, where it would look like an unrendered macro.
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0).replace("</", "<\\/")


def explorer_html(lang: str) -> str:
    """The explorer for one language: controls, canvas, table, status; one line per element."""
    t = EXPLORER_LABELS[lang]
    groups = "\n".join(
        f'<fieldset class="xe-group"><legend>{t[g]}</legend>'
        + "".join(_slider(p) for p in params)
        + "</fieldset>"
        for g, params in _GROUPS
    )
    header = (
        "x<sub>1</sub>", "x<sub>2</sub>", "z<sub>1</sub>", "z<sub>2</sub>",
        "f(z<sub>1</sub>)", "f(z<sub>2</sub>)", "y", "σ(y)",
        escape(label(lang, "predicted")), escape(label(lang, "target")),
    )  # fmt: skip
    head = "".join(f'<th scope="col">{h}</th>' for h in header)
    body = "\n".join(
        f'<tr data-row="{i}">' + "".join(f'<td data-col="{c}"></td>' for c in _COLUMNS) + "</tr>"
        for i in range(4)
    )
    messages = {
        "data-msg-solved": t["solved"],
        "data-msg-unsolved": t["unsolved"],
        "data-msg-missing": t["missing"],
        "data-label-correct": label(lang, "correct"),
        "data-label-wrong": label(lang, "wrong"),
    }
    attrs = " ".join(f'{k}="{escape(v)}"' for k, v in messages.items())
    return (
        f'<noscript><p class="xe-noscript">{escape(t["noscript"])}</p></noscript>\n'
        f'<div class="xor-explorer" id="xor-explorer" role="region" '
        f'aria-label="{escape(t["region"])}" hidden {attrs}>\n'
        f'<script type="application/json" class="xe-data">{_json_for_script(explorer_data())}'
        "</script>\n"
        '<div class="xe-controls">\n'
        f'<div class="xe-activation"><label for="xe-activation">{t["activation"]}</label>'
        f'<select id="xe-activation" name="activation"></select></div>\n'
        f"{groups}\n"
        '<div class="xe-actions">'
        f'<button type="button" class="md-button" id="xe-reset">{t["reset"]}</button>'
        f'<a id="xe-link" href="#explorer">{t["link"]}</a></div>\n'
        "</div>\n"
        '<div class="xe-view">\n'
        f'<canvas id="xe-canvas" width="320" height="320" role="img" '
        f'aria-label="{escape(t["canvas"])}"></canvas>\n'
        '<p class="xe-status" id="xe-status" role="status" aria-live="polite"></p>\n'
        "</div>\n"
        # The wrapper is the one scrolling box on a phone: focusable and named, so a keyboard
        # user can scroll it (Material's own table scrollers are turned off in the CSS).
        f'<div class="generated-table xe-table" tabindex="0" role="region" '
        f'aria-label="{escape(t["caption"])}">\n<table>\n'
        f"<caption>{escape(t['caption'])}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>\n"
        "</div>\n"
    )


def power_of_ten(x: float) -> str:
    """1e-06 -> "10⁻⁶", for prose; refuses anything that is not an exact power of ten."""
    exponent = round(math.log10(x))
    if x != 10.0**exponent:
        raise ValueError(f"{x} is not a power of ten")
    return "10" + str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def explorer_values() -> dict[str, str]:
    """What the explorer's section quotes as ``{{ v.explorer.<name> }}``."""
    return {"tolerance": power_of_ten(TOLERANCE)}
