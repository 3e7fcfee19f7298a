"""Corrections to Material's HTML that its template blocks cannot reach; our CSS and JS minified."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urljoin

import rcssmin
import rjsmin

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
_HREFLANG = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang=)')
_IMG = re.compile(r"<img (?![^>]*\bloading=)")
_SEARCH_LABEL = re.compile(r'class="md-search__input"[^>]*? aria-label="([^"]*)"')
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link\b[^"]*"[^>]*?) tabindex=""')
_BODY = re.compile(r"<body\b[^>]*>")


def absolute_hreflang(html: str, page_url: str) -> str:
    """Absolute ``hreflang`` link targets, as search engines want; the visible switcher keeps
    its relative links, so a copy of the site served elsewhere switches within itself."""
    return _HREFLANG.sub(lambda m: m.group(1) + urljoin(page_url, m.group(2)) + m.group(3), html)


def fix_theme_html(html: str) -> str:
    """The theme's page chrome as valid HTML, its search dialog named (axe): no ``autocomplete``
    on checkboxes (``theme-fixes.js`` stops Firefox restoring them instead), no ``tabindex=""``
    on nav section headings, and the dialog labelled as its search field is."""
    html = _TOGGLE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    label = _SEARCH_LABEL.search(html)[1]  # every page has the search field
    return _SEARCH_DIALOG.sub(lambda m: f'{m[0][:-1]} aria-label="{label}">', html, count=1)


def preferred_palette_early(html: str, palettes: Iterable[Mapping[str, object]]) -> str:
    """The page with a script first in ``<body>`` that shows a first-time reader the palette
    their browser prefers before the header and any content is parsed: Material chooses it only
    in its bundle, at the end of the page. The same choice (the first palette in mkdocs.yml whose
    ``media`` matches) with the same body attributes."""
    choices = [
        {"media": p["media"]}
        | {key: str(p[key]).replace(" ", "-") for key in ("scheme", "primary", "accent")}
        for p in palettes
    ]
    script = (
        '<script>if(!(__md_get("__palette")||{}).color)'  # a palette chosen earlier wins
        f"for(var p of {json.dumps(choices, separators=(',', ':'))})"
        "if(matchMedia(p.media).matches){"
        'for(var k in p)document.body.setAttribute("data-md-color-"+k,p[k]);break}'
        "</script>"
    )
    return _BODY.sub(lambda m: m.group(0) + script, html, count=1)


def lazy_images(html: str) -> str:
    """Images fetched only when about to be shown: the other palette's figures never are."""
    return _IMG.sub('<img loading="lazy" decoding="async" ', html)


def minified(source: str, suffix: str) -> str:
    """``source`` (the text of a ``.css`` or ``.js`` file) without comments and spare spaces:
    bytes gzip cannot remove. The built site gets our files so, under the same names."""
    return rcssmin.cssmin(source) if suffix == ".css" else rjsmin.jsmin(source)


def own_assets(docs_dir: Path) -> list[Path]:
    """The stylesheets and scripts we wrote: every .css and .js file in docs/assets/."""
    return sorted(p for p in (docs_dir / "assets").glob("*") if p.suffix in {".css", ".js"})
