"""The overview on /functions/: every registry function, linking its own page."""

from __future__ import annotations

from collections.abc import Iterable

from activation_tutorial.activations.registry import Activation
from activation_tutorial.content.activation_facts import torch_call
from activation_tutorial.content.labels import label

OVERVIEW_CLASS = "functions-overview"  # on a phone site.css shows each row as a card


def overview_markdown(entries: Iterable[Activation], lang: str) -> str:
    """A Markdown table, one row per function: its name linking its page (so the strict build
    checks it; its id keeps old ``/functions/#relu`` links), the PyTorch call, the source."""
    head = [label(lang, "function"), label(lang, "pytorch"), label(lang, "source")]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for act in entries:
        source = act.sources[0].short(lang) if act.sources else label(lang, "none")
        cells = [f"[{act.name}]({act.key}.md){{ #{act.key} }}", f"`{torch_call(act)}`", source]
        rows.append("| " + " | ".join(c.replace("|", r"\|") for c in cells) + " |")
    return f'<div class="{OVERVIEW_CLASS}" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"
