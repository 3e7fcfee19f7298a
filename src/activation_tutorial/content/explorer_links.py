"""The experiment page's links to the explorer: per activation, a run that failed and one that
solved XOR, each opening the explorer at that seed, where the same run replays."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from activation_tutorial.activations import REGISTRY
from activation_tutorial.content.labels import by_language
from activation_tutorial.content.tables import table_html

if TYPE_CHECKING:
    from activation_tutorial.experiment.xor_runs import XorRuns


RUN_LABELS = by_language({
    "caption": ("エクスプローラーで再生する: 各活性化関数で解けなかったシードと解けたシード",
                "Replay in the explorer: a seed that failed and one that solved XOR, "
                "per activation"),
    "activation": ("活性化関数", "Activation"),
    "failed": ("解けなかったシード", "Seed that failed"),
    "solved": ("解けたシード", "Seed that solved it"),
    "seed": ("シード {seed}", "seed {seed}"),
    "solved_at": ("シード {seed}（{step} ステップで正解）", "seed {seed} (solved at step {step})"),
    "none": ("なし", "none"),
})  # fmt: skip


def experiment_links_html(runs: Sequence[XorRuns], lang: str) -> str:
    """Per activation of the experiment: its first failing and first solving seed, each linked
    to the explorer (from the experiment's page, in either language), which replays that run."""
    t = RUN_LABELS[lang]

    def cell(key: str, seeds: list[tuple[int, int | None]]) -> str:
        if not seeds:
            return escape(t["none"])
        seed, step = seeds[0]
        text = escape((t["seed"] if step is None else t["solved_at"]).format(seed=seed, step=step))
        return f'<a href="../xor-network/?act={key}&amp;seed={seed}#explorer">{text}</a>'

    rows = []
    for r in runs:
        outcomes = list(enumerate(r.solved_at))
        failed = [(s, None) for s, step in outcomes if step is None]
        solved = [(s, step) for s, step in outcomes if step is not None]
        name = escape(REGISTRY[r.activation].name)
        rows.append((name, cell(r.activation, failed), cell(r.activation, solved)))
    header = [escape(t[k]) for k in ("activation", "failed", "solved")]
    return table_html(t["caption"], header, rows, row_headers=True)
