"""The experiment's result tables as HTML, in each language of the site, and its links to the
explorer: per activation, a run that failed and one that solved XOR, each opening the explorer
at that seed, where the same run replays."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from html import escape

from activation_tutorial.activations import get
from activation_tutorial.content.binomial import wilson_interval
from activation_tutorial.content.labels import by_language
from activation_tutorial.content.tables import NBSP, percent, table_html
from activation_tutorial.experiment.moons import MoonsRuns
from activation_tutorial.experiment.xor_runs import XorRuns

_LABELS = by_language({
    "activation": ("活性化関数", "Activation"),
    "solved": ("100\u00a0% 正解に達した割合", "Seeds reaching 100\u00a0% accuracy"),
    "interval": ("割合の 95\u00a0% 区間", "95\u00a0% interval of the share"),
    "median_steps": ("達するまでのステップ数（中央値）", "Steps to get there (median)"),
    "xor_loss": ("最終損失（中央値）", "Final loss (median)"),
    "xor_caption": ("XOR（2-2-1 ネットワーク）：シードごとの学習結果の集計",
                    "XOR (2-2-1 network): outcome over all seeds"),
    "none": ("なし", "none"),
    "median_acc": ("テスト正解率（中央値）", "Test accuracy (median)"),
    "worst_acc": ("テスト正解率（最悪のシード）", "Test accuracy (worst seed)"),
    "moons_loss": ("最終訓練損失（中央値）", "Final training loss (median)"),
    "moons_caption": ("2 つの月：シードごとの学習結果の集計", "Two moons: outcome over all seeds"),
    "links_caption": ("エクスプローラーで再生する: 各活性化関数で解けなかったシードと解けたシード",
                      "Replay in the explorer: a seed that failed and one that solved XOR, "
                      "per activation"),
    "failed_seed": ("解けなかったシード", "Seed that failed"),
    "solved_seed": ("解けたシード", "Seed that solved it"),
    "seed": ("シード {seed}", "seed {seed}"),
    "solved_at": ("シード {seed}（{step} ステップで正解）", "seed {seed} (solved at step {step})"),
})  # fmt: skip


def _table(caption: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    cells = [[escape(c) for c in r] for r in rows]
    return table_html(caption, [escape(h) for h in header], cells, row_headers=True)


def _loss(v: float) -> str:
    return f"{v:.4f}" if v >= 1e-4 else f"{v:.1e}"


def xor_results_html(runs: Sequence[XorRuns], lang: str) -> str:
    """Per activation: solved seeds (count and %) with the share's 95 % interval, median steps
    to 100 %, median final loss."""
    t = _LABELS[lang]
    header = [t[k] for k in ("activation", "solved", "interval", "median_steps", "xor_loss")]
    rows = []
    for r in runs:
        steps = [s for s in r.solved_at if s is not None]  # to 100 %, per seed that got there
        solved, n = len(steps), len(r.solved_at)
        low, high = wilson_interval(solved, n)
        rows.append((
            get(r.activation).name,
            # One value on a phone: "51 / 100" never over "(51 %)", with no nowrap rule in the CSS.
            NBSP.join((str(solved), "/", str(n), f"({percent(r.success_rate)})")),
            f"{100 * low:.0f}\u2013{percent(high)}",  # "41–61 %", on one line
            f"{statistics.median(steps):,.0f}" if steps else t["none"],
            _loss(statistics.median(r.final_loss)),
        ))  # fmt: skip
    return _table(t["xor_caption"], header, rows)


def moons_results_html(runs: Sequence[MoonsRuns], lang: str) -> str:
    """Per activation: median and worst test accuracy over the seeds, median final training loss."""
    t = _LABELS[lang]
    header = [t[k] for k in ("activation", "median_acc", "worst_acc", "moons_loss")]
    rows = [
        (get(r.activation).name, percent(r.median_accuracy, 1), percent(min(r.test_accuracy), 1),
         _loss(statistics.median(r.final_loss)))
        for r in runs
    ]  # fmt: skip
    return _table(t["moons_caption"], header, rows)


def experiment_links_html(runs: Sequence[XorRuns], lang: str) -> str:
    """Per activation of the experiment: its first failing and first solving seed, each linked
    to the explorer (from the experiment's page, in either language), which replays that run."""
    t = _LABELS[lang]

    def cell(r: XorRuns, failed: bool) -> str:
        seeds = [(s, step) for s, step in enumerate(r.solved_at) if (step is None) == failed]
        if not seeds:
            return escape(t["none"])
        seed, step = seeds[0]
        text = escape((t["seed"] if failed else t["solved_at"]).format(seed=seed, step=step))
        return f'<a href="../xor-network/?act={r.activation}&amp;seed={seed}#explorer">{text}</a>'

    rows = [(escape(get(r.activation).name), cell(r, True), cell(r, False)) for r in runs]
    header = [escape(t[k]) for k in ("activation", "failed_seed", "solved_seed")]
    return table_html(t["links_caption"], header, rows, row_headers=True)
