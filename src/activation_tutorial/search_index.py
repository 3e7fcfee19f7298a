"""One search index per language, so a reader's search lists pages in the page's language only
(``docs/assets/lazy-search.js`` asks for it by the page's ``lang``); the English one also leaves
out the Japanese segmenter's configuration."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def split_by_language(
    index: Mapping[str, object], default: str, others: Sequence[str]
) -> dict[str, dict[str, object]]:
    """``{lang: index}``: each language's documents, with that language's search settings."""
    docs: list[dict[str, object]] = list(index["docs"])  # type: ignore[arg-type]

    def language(doc: Mapping[str, object]) -> str:
        folder = str(doc["location"]).split("/", 1)[0]
        return folder if folder in others else default

    config = dict(index["config"])  # type: ignore[arg-type]
    split = {}
    for lang in (default, *others):
        langs = config.get("lang", [lang])
        own = {**config, "lang": langs if lang == default else [lang]}
        split[lang] = {**index, "config": own, "docs": [d for d in docs if language(d) == lang]}
    return split
