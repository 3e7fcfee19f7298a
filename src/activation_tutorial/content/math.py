"""LaTeX to MathML at build time: the reader's browser needs no script and no web font."""

from __future__ import annotations

import re

_MATH = re.compile(r"<math\b.*?</math>", re.S)
_XMLNS = re.compile(r' xmlns="http://www\.w3\.org/1998/Math/MathML"')
_INLINE = re.compile(r'(<math\b[^>]*?) display="inline"')
_CHAR_REF = re.compile(r"&#x0*([0-9A-Fa-f]+);")
# Kept as references: markup characters, controls, and the invisible operators (U+2061-2064),
# which would be invisible in the page source too.
_KEEP_AS_REF = {0x22, 0x26, 0x27, 0x3C, 0x3E, 0xA0, *range(0x2061, 0x2065)}


def _char(m: re.Match) -> str:
    code = int(m[1], 16)
    return f"&#x{m[1].upper()};" if code < 0x20 or code in _KEEP_AS_REF else chr(code)


# f' on a base of one identifier or a row of them (\mathrm{GELU}'); other superscripts stay
_PRIMED = re.compile(
    r"<msup>(<mi\b[^>]*>[^<]*</mi>|<mrow>(?:<mi\b[^>]*>[^<]*</mi>)+</mrow>)"
    r"(?:<mi>|<mrow><mi>)([′″‴])(?:</mi>|</mi></mrow>)</msup>"
)


def compact_math(element: str) -> str:
    """One ``<math>`` element written shorter, meaning the same: no MathML namespace or
    ``display="inline"`` (implied in HTML), characters for zero-padded references (a tenth of a
    formula-heavy page), a prime after its base at text size (as a superscript it rose twice)."""
    element = _CHAR_REF.sub(_char, _INLINE.sub(r"\1", _XMLNS.sub("", element)))
    return _PRIMED.sub(lambda m: f'{m[1]}<mo lspace="0" rspace="0">{m[2]}</mo>', element)


def compact_mathml(html: str) -> str:
    """Every ``<math>`` element of an HTML page through :func:`compact_math`."""
    return _MATH.sub(lambda m: compact_math(m[0]), html)


def mathml(latex: str, display: str = "inline") -> str:
    """One formula as a ``<math>`` element (``display="block"`` for a display formula)."""
    from latex2mathml.converter import convert

    return compact_math(convert(latex, display=display))


# Punctuation that must not start a line after an inline formula, or end one before it.
# Chromium allows a line break between an inline <math> box and the text beside it, even
# before ")" or "、": on a phone "(also called SiLU, xσ(x))" put ")" alone at a line's start.
_OPENING = "(（「『[［【〔“‘"
_CLOSING = ")）,，.．:：;；!！?？、。」』]］】〕”’"
_INLINE_MATH = r'<math\b(?![^>]*\bdisplay="block")[^>]*>.*?</math>'
_MATH_WITH_PUNCTUATION = re.compile(
    rf"([{re.escape(_OPENING)}]*)((?:{_INLINE_MATH})+)([{re.escape(_CLOSING)}]*)", re.S
)
# What a reader copies (or no reader sees): never rewritten
_VERBATIM = re.compile(r"<(pre|code|script|style|textarea)\b.*?</\1>", re.S | re.I)
NOBR_CLASS = "math-nobr"  # styled ``white-space: nowrap`` in docs/assets/site.css


def _keep_together(m: re.Match) -> str:
    if not m[1] and not m[3] and m[2].count("<math") == 1:  # one formula, no punctuation
        return m[0]
    return f'<span class="{NOBR_CLASS}">{m[0]}</span>'


def math_with_punctuation(html: str) -> str:
    """Each inline ``<math>`` with the punctuation directly beside it (and formulas directly one
    after another) in one ``<span class="math-nobr">``, so a line never breaks between them;
    display formulas and ``pre``/``code`` stay as they are."""
    out, pos = [], 0
    for m in _VERBATIM.finditer(html):
        out += [_MATH_WITH_PUNCTUATION.sub(_keep_together, html[pos : m.start()]), m[0]]
        pos = m.end()
    out.append(_MATH_WITH_PUNCTUATION.sub(_keep_together, html[pos:]))
    return "".join(out)
