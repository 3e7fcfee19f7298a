"""Shorter page HTML that renders exactly the same: nothing a reader sees or copies changes.

``scripts/hooks.py`` applies them to every built page. Measured on the heaviest pages
(README, "Page weight"): the theme's template indentation is 6-8 KB of every page, and
Pygments' spans around plain names are about 20 bytes per name in the code blocks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PLAIN_TOKENS: frozenset[str] = frozenset({"n", "kc", "w", "sa", "vm"})
"""Pygments token classes that Material's stylesheet leaves in the code block's own colour:
``n`` (names) and ``kc`` (True, None) are ``--md-code-hl-name-color``, which Material
defines as ``var(--md-code-fg-color)``, the colour of the whole block; ``w`` (whitespace),
``sa`` (string prefix) and ``vm`` (``__name__``) have no rule at all. ``tests/test_lean_markup``
checks this against the installed theme."""

SAME_COLOUR: tuple[frozenset[str], ...] = (
    frozenset({"o", "ow", "p"}),
    frozenset({"l", "s", "s1", "s2", "sb", "sc", "si", "ss"}),
)
"""Token classes Material colours alike: operators and punctuation are both
``--md-default-fg-color--light``, strings (and their ``{}`` interpolation) all
``--md-code-hl-string-color``. Neighbours of one group, with only spaces between them
(spaces have no ink), become one span."""

_PRE = re.compile(r"<pre\b.*?</pre>", re.S)
_EMPTY_SPAN = re.compile(r"<span></span>(?=<code)")
"""Pygments' guard against HTML dropping a line break right after ``<pre>``; ``<code>``
guards that already where it follows (the notebooks' cells have no ``<code>``)."""
_PLAIN_SPAN = re.compile(
    r'<span class="(?:' + "|".join(sorted(PLAIN_TOKENS)) + r')">([^<]*)</span>'
)
_SAME_COLOUR_SEAMS = [
    re.compile(
        rf'(<span class="(?:{alternation})">[^<]*)</span>([ \n]*)<span class="(?:{alternation})">'
    )
    for alternation in ("|".join(sorted(group)) for group in SAME_COLOUR)
]
_VERBATIM = re.compile(r"<(pre|code|kbd|textarea|script|style)\b.*?</\1>", re.S | re.I)
"""Elements whose whitespace shows (``pre``; Material's ``code`` and ``kbd`` are
``white-space: pre-wrap``) or is not HTML (scripts, styles)."""
_LINE_BREAK_RUN = re.compile(r"[ \t\f\r]*\n[ \t\n\f\r]*")
"""ASCII whitespace with a line break in it; never U+3000, the ideographic space, which shows."""
_COMMENT = re.compile(r"<!--(?!!).*?-->", re.S)
"""Not ``<!--! ... -->``, the form licence notices (Font Awesome's) use to be kept."""


def unwrap_plain_tokens(html: str) -> str:
    """Inside ``<pre>``: drop the spans of ``PLAIN_TOKENS`` (keeping their text) and
    Pygments' empty ``<span></span>``, and join neighbouring spans of one ``SAME_COLOUR``
    group. The code, its colours and what the copy button copies stay the same."""
    return _PRE.sub(lambda m: _leaner_code(m[0]), html)


def _leaner_code(pre: str) -> str:
    pre = _PLAIN_SPAN.sub(r"\1", _EMPTY_SPAN.sub("", pre))
    for seam in _SAME_COLOUR_SEAMS:
        while True:  # each pass joins every other seam of a run
            joined = seam.sub(r"\1\2", pre)
            if joined == pre:
                break
            pre = joined
    return pre


def collapse_layout_whitespace(html: str) -> str:
    """Shorten every whitespace run that holds a line break to one line break, outside
    ``_VERBATIM`` elements. HTML renders any such run as one space, so the page looks the
    same; the theme's templates indent their blocks, which is most of those bytes.

    Not a minifier: tags, attributes, quotes and text stay byte for byte as they were.
    """
    return _outside_verbatim(html, lambda text: _LINE_BREAK_RUN.sub("\n", text))


def drop_comments(html: str) -> str:
    """Remove HTML comments outside ``_VERBATIM`` elements: the pages' build markers
    (``<!-- figure: relu -->``) and the theme's notes, which no reader sees."""
    return _outside_verbatim(html, lambda text: _COMMENT.sub("", text))


def _outside_verbatim(html: str, change: Callable[[str], str]) -> str:
    out, pos = [], 0
    for m in _VERBATIM.finditer(html):
        out += [change(html[pos : m.start()]), m[0]]
        pos = m.end()
    out.append(change(html[pos:]))
    return "".join(out)
