"""The overview on /functions/: every registry function, linking its own page."""

from __future__ import annotations

from collections.abc import Iterable

from activation_tutorial.activations.registry import Activation
from activation_tutorial.content.activation_facts import torch_call
from activation_tutorial.content.labels import label


def _cell(text: str) -> str:
    return text.replace("|", r"\|")


def overview_markdown(entries: Iterable[Activation], lang: str) -> str:
    """A Markdown table, one row per function: its name linking its page, the PyTorch call,
    the primary source.

    Markdown links (``relu.md``; static-i18n points each language at its own page), so
    MkDocs checks them: a function without its page fails the strict build naming the
    missing file. Each link carries the function's key as its id, so an old link to
    ``/functions/#relu`` (the sections of the single page that came before) lands on its row.
    """
    head = [label(lang, "function"), label(lang, "pytorch"), label(lang, "source")]
    rows = [
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for act in entries:
        source = act.sources[0].short(lang) if act.sources else label(lang, "none")
        cells = [f"[{act.name}]({act.key}.md){{ #{act.key} }}", f"`{torch_call(act)}`", source]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows) + "\n"
