"""Our own stylesheets and scripts, minified for the built site; the sources keep their comments.

Comments are bytes that gzip cannot remove: minified, site.css, theme-fixes.js and
lazy-search.js (loaded by every page) transfer about half the gzip bytes of their sources
(tests/test_page_weight.py holds each under 0.8). ``scripts/hooks.py`` writes the results into
``site/assets/`` after the build, under the same names, so nothing that links them changes.
The minifiers are rjsmin and rcssmin (django-compressor's defaults).
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin


def minified(source: str, suffix: str) -> str:
    """``source`` (the text of a ``.css`` or ``.js`` file) without comments and spare spaces."""
    if suffix == ".css":
        return rcssmin.cssmin(source)
    if suffix == ".js":
        return rjsmin.jsmin(source)
    raise ValueError(f"no minifier for {suffix!r} files")


def own_assets(docs_dir: Path) -> list[Path]:
    """The stylesheets and scripts we wrote: every .css and .js file in docs/assets/."""
    return sorted(p for p in (docs_dir / "assets").glob("*") if p.suffix in {".css", ".js"})
