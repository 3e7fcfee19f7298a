"""Find the fenced code blocks of a Markdown page, with their line numbers and markers.

A block that draws a figure for the page is announced by an HTML comment on the
line just above its fence, which readers do not see:

    <!-- figure: sigmoid -->
    ```python
    ...
    plt.show()
    ```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n`]*)$")
_FIGURE = re.compile(r"^\s*<!--\s*figure:\s*(?P<key>[\w.-]+)\s*-->\s*$")


@dataclass(frozen=True)
class CodeBlock:
    path: str
    """Path of the page as the reader of an error knows it, e.g. ``docs/xor.md``."""
    line: int
    """1-based line of the opening fence."""
    lang: str
    source: str
    figure: str | None
    """Key of the figure this block draws, from a ``<!-- figure: KEY -->`` marker."""

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def code_blocks(text: str, path: str) -> list[CodeBlock]:
    """All fenced blocks of ``text`` in order. An unclosed fence is an error naming its line."""
    lines = text.splitlines()
    blocks: list[CodeBlock] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start, fence, indent = i, m["fence"], m["indent"]
        lang = m["info"].strip().split(" ")[0].lstrip("{.").rstrip("}")
        body: list[str] = []
        i += 1
        while i < len(lines):
            close = _FENCE.match(lines[i])
            if close and close["fence"].startswith(fence[0]) and len(close["fence"]) >= len(fence) \
                    and not close["info"].strip():  # fmt: skip
                break
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
            i += 1
        else:
            raise ValueError(f"{path}:{start + 1}: code fence is never closed")
        marker = _FIGURE.match(lines[start - 1]) if start > 0 else None
        blocks.append(
            CodeBlock(
                path=path,
                line=start + 1,
                lang=lang,
                source="\n".join(body) + "\n",
                figure=marker["key"] if marker else None,
            )
        )
        i += 1
    return blocks


def python_blocks(page: Path, root: Path) -> list[CodeBlock]:
    """The Python blocks of one page file; ``root`` makes the reported path relative."""
    rel = page.resolve().relative_to(root.resolve()).as_posix()
    return [b for b in code_blocks(page.read_text(encoding="utf-8"), rel) if b.lang == "python"]
