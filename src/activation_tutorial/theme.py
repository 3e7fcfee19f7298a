"""Corrections to Material's HTML and language links that its template blocks cannot reach.

Pure functions on strings and lists; ``scripts/hooks.py`` applies them while MkDocs builds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from urllib.parse import urljoin

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
_HREFLANG = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang=)')
_IMG = re.compile(r"<img (?![^>]*\bloading=)")
_SEARCH_LABEL = re.compile(r'class="md-search__input"[^>]*? aria-label="([^"]*)"')
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link\b[^"]*"[^>]*?) tabindex=""')
_BODY = re.compile(r"<body\b[^>]*>")
_EARLY = '<script>if(!(__md_get("__palette")||{}).color)'


def absolute_hreflang(html: str, page_url: str) -> str:
    """Make the ``<link rel="alternate" hreflang>`` targets absolute, as search engines want.

    ``page_url`` is the page's own absolute URL. The visible language switcher keeps its
    relative links, so a copy of the site served elsewhere still switches within itself.
    """
    return _HREFLANG.sub(lambda m: m.group(1) + urljoin(page_url, m.group(2)) + m.group(3), html)


def home_alternates(languages: Iterable[tuple[str, str, str]], site_url: str) -> list[dict]:
    """Language links to each language's home page, from ``(locale, name, link)`` triples.

    A page without a counterpart (the 404 page) offers the other language's home instead.
    """
    return [
        {"name": name, "lang": locale, "link": urljoin(site_url, link.lstrip("/"))}
        for locale, name, link in languages
    ]


def fix_theme_html(html: str) -> str:
    """Make the theme's page chrome valid HTML and give the search dialog an accessible name.

    * ``autocomplete`` is invalid on a checkbox (Nu validator error); the theme's hidden
      drawer/search toggles carry it only to stop Firefox restoring them, which
      ``theme-fixes.js`` does on ``pageshow`` instead.
    * ``role="dialog"`` needs a name (axe ``aria-dialog-name``): the search field's own label,
      already in the page's language.
    * A nav section's heading (``navigation.sections``) gets ``tabindex=""``, not an integer
      (Nu validator error); browsers ignore it, so dropping it changes nothing.
    """
    html = _TOGGLE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    label = _SEARCH_LABEL.search(html)
    if label:
        html = _SEARCH_DIALOG.sub(
            lambda m: m.group(0)[:-1] + f' aria-label="{label.group(1)}">', html, count=1
        )
    return html


def preferred_palette_script(palettes: Iterable[Mapping[str, object]]) -> str:
    """The script that shows a first-time reader the palette their browser prefers.

    ``palettes`` is the theme's ``palette`` list from mkdocs.yml. Material applies a palette
    chosen on an earlier visit with a script in the header, but picks the palette matching
    ``prefers-color-scheme`` only in its bundle, at the end of the page; until that has
    arrived, a reader who prefers dark saw the light palette (seen with the bundle 1 s late: the
    light palette painted and both palettes' figures fetched). This makes the same choice as
    the bundle, the first palette whose ``media`` matches, with the same body attributes.
    """
    choices = [
        {"media": p["media"]}
        | {key: str(p[key]).replace(" ", "-") for key in ("scheme", "primary", "accent")}
        for p in palettes
        if "media" in p
    ]
    return (
        _EARLY + f"for(var p of {json.dumps(choices, separators=(',', ':'))})"
        "if(matchMedia(p.media).matches){"
        'for(var k in p)document.body.setAttribute("data-md-color-"+k,p[k]);break}'
        "</script>"
    )


def preferred_palette_early(html: str, palettes: Iterable[Mapping[str, object]]) -> str:
    """``preferred_palette_script`` as the first thing in ``<body>``: before the header and any
    content is parsed, so no frame shows the page in the other palette. Applied once."""
    if _EARLY in html:
        return html
    script = preferred_palette_script(palettes)
    return _BODY.sub(lambda m: m.group(0) + script, html, count=1)


def lazy_images(html: str) -> str:
    """Let the browser fetch an image only when it is about to be shown.

    Every figure comes twice, one per palette, and the hidden one (``display: none``) is then
    never fetched; figures further down wait until the reader scrolls near them.
    """
    return _IMG.sub('<img loading="lazy" decoding="async" ', html)
