"""The references page: each source once, oldest first, with the functions it is cited for."""

from __future__ import annotations

from html import escape

from activation_tutorial.activations import REGISTRY
from activation_tutorial.activations.registry import Source
from activation_tutorial.content.tables import function_href

WORDS = {
    "ja": {"primary": "{names} の主な出典", "further": "{names} の関連文献", "sep": "、"},
    "en": {"primary": "primary source for {names}", "further": "also cited for {names}",
           "sep": ", "},
}  # fmt: skip


def cited_sources() -> list[tuple[Source, list[str], list[str]]]:
    """(source, keys it is the primary source of, keys it is further reading for), by year."""
    found: dict[str, tuple[Source, list[str], list[str]]] = {}
    for act in REGISTRY.values():
        for i, source in enumerate(act.sources):
            entry = found.setdefault(source.key, (source, [], []))
            if entry[0] != source:
                raise ValueError(f"two different sources share the key {source.key!r}")
            entry[1 if i == 0 else 2].append(act.key)
    return sorted(found.values(), key=lambda e: (e[0].year, e[0].key))


def _names(keys: list[str], lang: str) -> str:
    return WORDS[lang]["sep"].join(
        f'<a href="{function_href(k)}">{escape(REGISTRY[k].name)}</a>' for k in keys
    )


def references_html(lang: str) -> str:
    """An ordered list; each item's id is the source's key, which fact boxes link to."""
    items = []
    for source, primary, further in cited_sources():
        uses = [
            WORDS[lang][kind].format(names=_names(keys, lang))
            for kind, keys in (("primary", primary), ("further", further))
            if keys
        ]
        items.append(
            f'<li id="{source.key}">{escape(", ".join(source.authors))} ({source.year}). '
            f'<a href="{escape(source.url)}">{escape(source.title)}</a>. '
            f"<em>{escape(source.venue)}</em>. " + WORDS[lang]["sep"].join(uses) + "</li>"
        )
    return '<ol class="references">\n' + "\n".join(items) + "\n</ol>\n"
