"""Our own stylesheets and scripts, minified for the built site (comments are bytes gzip cannot
remove) under the same names by ``scripts/hooks.py``; the sources keep their comments."""

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
