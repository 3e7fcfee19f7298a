"""Provenance of figures: the build key inside each SVG, and a small stamp under it on the page.

The key is the hash of everything that drew the figure (see ``activation_tutorial.staleness``).
A reader can compare the stamp with the ``dc:description`` of the SVG it links to;
the tests compare both with the key of the current code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from html import escape

from activation_tutorial.content.labels import label

_PREFIX = "activation-functions build key "
_IN_SVG = re.compile(re.escape(_PREFIX.encode()) + rb"([0-9a-f]{64})")
_DESCRIPTION = re.compile(rb"<dc:description>[^<]*</dc:description>")
_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")
FIGURE_IMG = re.compile(
    r'<img\b(?P<attrs>[^>]*?\bsrc="(?P<src>[^"#]*?generated/figures/(?P<name>[\w.-]+\.svg))'
    r'(?:#only-(?P<scheme>light|dark))?"[^>]*?)\s*/?>'
)
"""A generated figure's ``<img>``: ``src`` without its fragment, the file ``name``, the
palette it is shown in (``scheme``). Also read by ``pictures``."""
_FIGURE_SOURCE = re.compile(
    r'<source\b(?P<attrs>[^>]*?\bsrcset="(?P<src>[^"]*?generated/figures/(?P<name>[\w.-]+\.svg))"'
    r"[^>]*?)\s*/?>"
)
"""A narrow layout's ``<source>`` in front of its figure's ``<img>`` (``pictures``)."""
_FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>", re.DOTALL)
SHORT = 12
"""Hex digits of the key shown to readers."""


def svg_description(key: str) -> str:
    """The text stored in a figure's SVG metadata."""
    return _PREFIX + key


def stamp_svg(svg: bytes, key: str) -> bytes:
    """The SVG with ``key`` as its Dublin Core description (matplotlib's metadata block),
    or, for an SVG without one, in a ``<metadata>`` element of its own."""
    element = b"<dc:description>" + svg_description(key).encode() + b"</dc:description>"
    if _IN_SVG.search(svg):  # already stamped: change the key only
        return _IN_SVG.sub(lambda _: svg_description(key).encode(), svg, count=1)
    if _DESCRIPTION.search(svg):
        return _DESCRIPTION.sub(lambda _: element, svg, count=1)
    if b"<cc:Work>" in svg:
        return svg.replace(b"<cc:Work>", b"<cc:Work>\n    " + element, 1)
    m = _SVG_OPEN.search(svg)
    if m is None:
        raise ValueError("not an SVG: no <svg> element")
    note = b"\n <metadata>" + svg_description(key).encode() + b"</metadata>"
    return svg[: m.end()] + note + svg[m.end() :]


def key_in_svg(svg: bytes) -> str | None:
    """The build key an SVG carries, or ``None``."""
    m = _IN_SVG.search(svg)
    return m.group(1).decode() if m else None


def _stamp(src: str, key: str, scheme: str | None, lang: str, layout: str | None = None) -> str:
    data = f' data-scheme="{scheme}"' if scheme else ""
    data += f' data-layout="{layout}"' if layout else ""
    return (
        f'<a{data} href="{escape(src)}">'
        f"{escape(label(lang, 'build_key'))} <code>{key[:SHORT]}</code></a>"
    )


def stamp_figures(html: str, keys: Mapping[str, str], lang: str) -> str:
    """Mark every generated figure of a page with its build key.

    Each ``<img>`` gets ``data-build-key``, the key's first ``SHORT`` hex digits as its
    stamp shows them (the SVG it loads carries the whole key); a captioned figure gets one
    stamp per image (light and dark) at the end of its caption, linking to the SVG.
    A figure with a narrow layout (a ``<source>`` right in front of its ``<img>``) gets
    the same for that file: the ``<source>`` its key, the caption a stamp per layout
    (``data-layout``, which ``site.css`` shows by the same media query).
    A figure missing from ``keys`` is left unmarked, which the site tests catch.
    """

    def mark(tag: str) -> Callable[[re.Match[str]], str]:
        def marked(m: re.Match[str]) -> str:
            key = keys.get(f"figures/{m['name']}")
            if key is None:
                return m.group(0)
            return f'<{tag}{m["attrs"]} data-build-key="{key[:SHORT]}" />'

        return marked

    def mark_figure(m: re.Match[str]) -> str:
        block = m.group(0)
        sources = {s.end(): s for s in _FIGURE_SOURCE.finditer(block)}
        stamps = []
        for img in FIGURE_IMG.finditer(block):
            if f"figures/{img['name']}" not in keys:
                continue
            narrow = sources.get(img.start())
            if narrow is not None and f"figures/{narrow['name']}" in keys:
                key = keys[f"figures/{narrow['name']}"]
                stamps.append(_stamp(narrow["src"], key, img["scheme"], lang, "narrow"))
            layout = "wide" if narrow is not None else None
            key = keys[f"figures/{img['name']}"]
            stamps.append(_stamp(img["src"], key, img["scheme"], lang, layout))
        if not stamps or "</figcaption>" not in block:
            return block
        # What a build key is, said once per figure, not on each palette's stamp.
        title = escape(label(lang, "build_key_title"))
        line = f'<p class="figure-stamps" title="{title}">{" ".join(stamps)}</p>\n'
        return block.replace("</figcaption>", line + "</figcaption>", 1)

    html = _FIGURE.sub(mark_figure, html)
    return _FIGURE_SOURCE.sub(mark("source"), FIGURE_IMG.sub(mark("img"), html))
