"""The XOR explorer's markup in each language, with what its JavaScript reads embedded (functions
with PyTorch's parameters, the network's start, each palette's colours), none of it typed twice.
It starts ``hidden``: without JavaScript the reader sees no dead controls."""

from __future__ import annotations

import json
import math
from html import escape
from typing import Any

from activation_tutorial.activations import REGISTRY
from activation_tutorial.content.labels import by_language, label
from activation_tutorial.content.xor_tables import spreadsheet_header
from activation_tutorial.explorer.training import (
    IDENTITY,
    PARAMETERS,
    SETTINGS,
    TOLERANCE,
    adam_settings,
)
from activation_tutorial.figures.style import LIGHT, PALETTES, Palette
from activation_tutorial.xor.network import ARTICLE_WEIGHTS, INPUTS, LIMITS, xor_target

EXPLORER_LABELS = by_language({
    "region": ("XOR ネットワークのエクスプローラー", "XOR network explorer"),
    "activation": ("隠れ層の活性化関数", "Hidden-layer activation"),
    "hidden1": ("隠れユニット 1（z<sub>1</sub>）", "Hidden unit 1 (z<sub>1</sub>)"),
    "hidden2": ("隠れユニット 2（z<sub>2</sub>）", "Hidden unit 2 (z<sub>2</sub>)"),
    "output": ("出力層（y）", "Output layer (y)"),
    "canvas": (
        "入力平面上の σ(y) のヒートマップ。σ(y) = 0.5 の境界線と 4 つの入力点を描いています。"
        "赤いほど 1 に、青いほど 0 に近く、丸は正解が 0、三角は正解が 1 の点、"
        "破線の円は予測が外れた点です。",
        "Heatmap of σ(y) over the input plane, with the σ(y) = 0.5 boundary and the four "
        "inputs. Red is close to 1, blue close to 0; circles are inputs whose target is 0, "
        "triangles those whose target is 1, and a dashed ring marks a wrong prediction.",
    ),
    "caption": ("現在の重みでの各入力の計算結果（ブラウザで計算）",
                "Every input through the current weights (computed in your browser)"),
    "solved": ("XOR を解いています。4 つの入力すべてで予測が正解と一致しています。",
               "Solves XOR: the prediction matches the target for all four inputs."),
    "unsolved": ("XOR を解けていません。正解と一致するのは 4 つのうち {correct} つです。",
                 "Does not solve XOR: the prediction matches the target "
                 "for {correct} of 4 inputs."),
    "reset": ("記事の重みに戻す", "Reset to the article's weights"),
    "link": ("この状態へのリンク", "Link to this state"),
    "missing": ("エクスプローラーに実装されていない活性化関数があります: {names}",
                "The explorer has no implementation of: {names}"),
    "noscript": (
        "このエクスプローラーには JavaScript が必要です。"
        "上の図と表は、記事の重みでの同じ計算を JavaScript なしで示しています。",
        "This explorer needs JavaScript. The figures and the table above show the "
        "same computation with the article's weights without it.",
    ),
    "identity": ("なし（恒等関数）", "None (identity)"),
    "exact": ("{name} の正確な値", "exact value of {name}"),
    "legend": (
        "破線は z<sub>1</sub> = 0、点線は z<sub>2</sub> = 0 の直線"
        "（各隠れユニットの境目）。白黒の二重丸は予測が外れた入力です。",
        "Dashed: the line z<sub>1</sub> = 0, dotted: z<sub>2</sub> = 0 (each hidden "
        "unit's own boundary). A black-and-white ring marks a wrong prediction.",
    ),
    "hidden_view": (
        "隠れ層から見た 4 つの入力: 点 (f(z<sub>1</sub>), f(z<sub>2</sub>)) と、出力層の境界 y = 0",
        "The four inputs as the hidden layer passes them on: points "
        "(f(z<sub>1</sub>), f(z<sub>2</sub>)) and the output layer's line y = 0",
    ),
    "hidden_canvas": (
        "4 つの入力を点 (f(z₁), f(z₂)) に描いた図。出力層の境界 y = 0 の両側を、"
        "その側で予測されるクラスの色で薄く塗っています。",
        "The four inputs drawn at (f(z₁), f(z₂)); each side of the output layer's boundary "
        "y = 0 is tinted in the colour of the class predicted there.",
    ),
    "training": ("学習（Adam、学習率 {lr}、実験ページと同じ設定）",
                 "Training (Adam, learning rate {lr}, as on the experiment page)"),
    "seed": ("シード（0〜{last}）", "Seed (0 to {last})"),
    "from_seed": ("このシードの初期値から", "Start from this seed"),
    "play": ("再生", "Play"),
    "pause": ("一時停止", "Pause"),
    "one_step": ("1 ステップ", "One step"),
    "restart": ("ステップ 0 に戻す", "Back to step 0"),
    "progress": ('ステップ <span id="xe-step-count">0</span>、損失 <span id="xe-loss"></span>',
                 'Step <span id="xe-step-count">0</span>, loss <span id="xe-loss"></span>'),
    "curve": ("損失の推移（縦軸は対数目盛り）", "Loss over the steps (logarithmic scale)"),
    "step": ("ステップ", "step"),
    "loss": ("損失", "loss"),
    "address": ("アドレスの次の値は使えないため、記事の値のままにしました: {list}",
                "Not usable in the address, so the article's value stays: {list}"),
    "why_activation": ("知らない活性化関数", "unknown activation"),
    "why_number": ("数ではない", "not a number"),
    "why_range": ("範囲外", "out of range"),
    "why_repeated": ("2 回以上指定", "given more than once"),
    "why_file": ("初期値のファイルを読めない", "the starting weights could not be read"),
})  # fmt: skip

# Wide enough to double the article's weights; the exact value box goes to VALUE_LIMIT
SLIDER_RANGE: tuple[float, float, float] = (-20.0, 20.0, 0.5)
VALUE_LIMIT = 1000.0
COLORMAP_STOPS = 21
# Every seed's starting weights, from the site's root
SEEDS_FILE = "generated/xor_explorer_seeds.json"


def _palette(p: Palette) -> dict[str, Any]:
    """A palette's colours, with the figures' colour map sampled evenly (the heatmap matches the
    static contours). The colour map is white at sigma(y) = 0.5 in both palettes, so the boundary
    drawn there takes the light palette's dark text colour in both: a light line would vanish."""
    import matplotlib
    from matplotlib.colors import to_hex

    cmap = [to_hex(matplotlib.colormaps[p.cmap](i / (COLORMAP_STOPS - 1)))
            for i in range(COLORMAP_STOPS)]  # fmt: skip
    return {"text": p.text, "grid": p.grid, "class0": p.lines[0], "class1": p.lines[1],
            "boundary": LIGHT.text, "cmap": cmap}  # fmt: skip


def explorer_data(identity_name: str = "Identity") -> dict[str, Any]:
    """Everything the explorer's script needs, JSON-serialisable."""
    lo, hi, step = SLIDER_RANGE
    return {
        # The registry's entries in its order, then no activation (the identity)
        "activations": [
            {"key": a.key, "name": a.name, "module": a.torch_module, "params": dict(a.params)}
            for a in REGISTRY.values()
        ]
        + [dict(IDENTITY, name=identity_name)],
        "training": {
            **adam_settings(),
            "seeds": len(SETTINGS.seeds),
            "steps": SETTINGS.steps,
            "file": SEEDS_FILE,
        },
        "default_activation": "sigmoid",
        "weights": dict(ARTICLE_WEIGHTS),
        "parameters": list(PARAMETERS),
        "range": {"min": lo, "max": hi, "step": step, "limit": VALUE_LIMIT},
        "limits": list(LIMITS),
        "inputs": [{"x1": x1, "x2": x2, "target": xor_target(x1, x2)} for x1, x2 in INPUTS],
        "palettes": {p.name: _palette(p) for p in PALETTES},
    }


_GROUPS = (("hidden1", PARAMETERS[0:3]), ("hidden2", PARAMETERS[3:6]), ("output", PARAMETERS[6:9]))
_COLUMNS = ("x1", "x2", "z1", "z2", "f1", "f2", "y", "p", "predicted", "target")


def _slider(name: str, t: dict[str, str]) -> str:
    """A slider for coarse moves and the exact value beside it, editable; w11 as w<sub>11</sub>."""
    lo, hi, step = SLIDER_RANGE
    value = format(ARTICLE_WEIGHTS[name], "g")
    return (
        f'<div class="xe-param"><label for="xe-{name}" id="xe-{name}-label">'
        f"{name[0]}<sub>{name[1:]}</sub></label>"
        f'<input type="range" id="xe-{name}" name="{name}" min="{lo:g}" max="{hi:g}" '
        f'step="{step:g}" value="{value}">'
        f'<input type="text" inputmode="decimal" id="xe-{name}-exact" value="{value}" '
        f'aria-label="{escape(t["exact"].format(name=name))}" spellcheck="false" '
        f'autocomplete="off"></div>'
    )


def explorer_html(lang: str) -> str:
    """The explorer for one language: controls, canvas, table, status; one line per element."""
    t = EXPLORER_LABELS[lang]
    groups = "\n".join(
        f'<fieldset class="xe-group"><legend>{t[g]}</legend>'
        + "".join(_slider(p, t) for p in params)
        + "</fieldset>"
        for g, params in _GROUPS
    )
    head = "".join(f'<th scope="col">{h}</th>' for h in spreadsheet_header(lang))
    body = "\n".join(
        f'<tr data-row="{i}">' + "".join(f'<td data-col="{c}"></td>' for c in _COLUMNS) + "</tr>"
        for i in range(4)
    )
    messages = {**{f"data-msg-{k}": t[k] for k in ("solved", "unsolved", "missing")},
                **{f"data-label-{k}": label(lang, k) for k in ("correct", "wrong")},
                **{f"data-label-{k}": t[k] for k in ("play", "pause", "step", "loss")},
                "data-msg-address": t["address"],
                **{f"data-why-{w}": t[f"why_{w}"]
                   for w in ("activation", "number", "range", "repeated", "file")}}  # fmt: skip
    attrs = " ".join(f'{k}="{escape(v)}"' for k, v in messages.items())
    # "</" would end the <script> element early; JSON allows "<\/". One item per line
    # (indent=0) keeps "}}" out of the page, where it would look like an unrendered macro.
    data = json.dumps(explorer_data(t["identity"]), ensure_ascii=False, sort_keys=True, indent=0)
    data = data.replace("</", "<\\/")
    last = len(SETTINGS.seeds) - 1
    button = '<button type="button" class="md-button" id="xe-{}"{}>{}</button>'
    return (
        f'<noscript><p class="xe-noscript">{escape(t["noscript"])}</p></noscript>\n'
        f'<div class="xor-explorer" id="xor-explorer" role="region" '
        f'aria-label="{escape(t["region"])}" hidden {attrs}>\n'
        f'<script type="application/json" class="xe-data">{data}</script>\n'
        '<p class="xe-notice" id="xe-notice" role="status" hidden></p>\n'
        '<div class="xe-controls">\n'
        f'<div class="xe-activation"><label for="xe-activation">{t["activation"]}</label>'
        f'<select id="xe-activation" name="activation"></select></div>\n'
        f"{groups}\n"
        '<div class="xe-actions">'
        f'<button type="button" class="md-button" id="xe-reset">{t["reset"]}</button>'
        f'<a id="xe-link" href="#explorer">{t["link"]}</a></div>\n'
        f'<fieldset class="xe-train"><legend>{t["training"].format(lr=SETTINGS.lr)}</legend>'
        f'<div class="xe-seed"><label for="xe-seed">{t["seed"].format(last=last)}'
        f'</label><input type="number" id="xe-seed" min="0" max="{last}" step="1" '
        f'value="0">{button.format("from-seed", "", t["from_seed"])}</div>'
        '<div class="xe-actions">'
        + button.format("play", ' aria-pressed="false"', t["play"])
        + button.format("one-step", "", t["one_step"])
        + button.format("restart", "", t["restart"])
        + f'</div><p class="xe-progress">{t["progress"]}</p>'
        f'<canvas id="xe-loss-curve" width="300" height="100" role="img" '
        f'aria-label="{escape(t["curve"])}"></canvas></fieldset>\n'
        "</div>\n"
        '<div class="xe-view">\n'
        f'<canvas id="xe-canvas" width="340" height="365" role="img" '
        f'aria-label="{escape(t["canvas"])}"></canvas>\n'
        f'<p class="xe-legend">{t["legend"]}</p>\n'
        '<p class="xe-status" id="xe-status" role="status" aria-live="polite"></p>\n'
        f'<figure class="xe-hidden-view"><canvas id="xe-hidden" width="200" height="200" '
        f'role="img" aria-label="{escape(t["hidden_canvas"])}"></canvas>'
        f"<figcaption>{t['hidden_view']}</figcaption></figure>\n"
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
