"""Where each activation function's page is (``docs/functions/<key>.md`` and ``.en.md``) and how
other pages link it. Imports nothing: listing assets needs the paths without numpy."""

from __future__ import annotations

DIRECTORY = "functions"  # under ``docs/``: the overview (``index.md``) and one page per function


def function_page(key: str, lang: str) -> str:
    """Relative to ``docs/``: ``functions/relu.md`` (ja), ``functions/relu.en.md`` (en)."""
    return f"{DIRECTORY}/{key}.md" if lang == "ja" else f"{DIRECTORY}/{key}.{lang}.md"


def function_href(key: str) -> str:
    """From a page one level below the language root (``/comparison/``, ``/en/gradients/``):
    each language links to its own."""
    return f"../{DIRECTORY}/{key}/"
