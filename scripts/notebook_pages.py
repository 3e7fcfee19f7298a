"""MkDocs hook: make the generated notebooks pages again after static-i18n has rebuilt the files.

mkdocs-jupyter wraps ``.ipynb`` files as documentation pages in ``on_files``;
static-i18n (priority -100) then recreates every file and the notebooks come out
as raw JSON (mkdocs-static-i18n #198). Running after it, this wraps them again,
keeping static-i18n's output folder for the language (``/en/...`` for English).
"""

from __future__ import annotations

import posixpath
import re
from types import SimpleNamespace

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

NOTEBOOKS = "generated/notebooks/"


@event_priority(-200)
def on_files(files: Files, config) -> Files:  # noqa: ANN001 - MkDocs hook signature
    from mkdocs_jupyter.plugin import NotebookFile

    for f in [f for f in files if f.src_uri.startswith(NOTEBOOKS) and f.src_uri.endswith(".ipynb")]:
        nb = NotebookFile(f, use_directory_urls=config["use_directory_urls"],
                          site_dir=config["site_dir"])  # fmt: skip
        # Keep static-i18n's folder for the language; make x.ipynb (or x/index.html) a page.
        folder = f.dest_path.removesuffix("/index.html").removesuffix(".ipynb")
        nb.dest_path = posixpath.join(folder, "index.html")
        nb.abs_dest_path = posixpath.join(config["site_dir"], nb.dest_path)
        nb.url = folder + "/"
        # static-i18n saw an asset, not a page, so it left no alternates for the switcher.
        nb.alternates = _alternates(config, folder)
        # Replace in place: static-i18n's own Files subclass must survive.
        files.remove(f)
        files.append(nb)
    return files


def _alternates(config, folder: str) -> dict[str, SimpleNamespace]:  # noqa: ANN001
    """The same notebook's address in every language: ``x/`` for the default, ``en/x/``."""
    languages = config["plugins"]["i18n"].config.languages
    prefixes = [f"{lang.locale}/" for lang in languages if not lang.default]
    base = next((folder.removeprefix(p) for p in prefixes if folder.startswith(p)), folder)
    return {
        lang.locale: SimpleNamespace(url=base + "/" if lang.default else f"{lang.locale}/{base}/")
        for lang in languages
    }


_UNUSED_SCRIPTS = re.compile(
    r'<script src="">\s*</script>'  # MathJax with no URL: the page would load itself as a script
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*?cdnjs\.cloudflare\.com.*?</script>',  # Mermaid
    re.S,
)
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)<a class="anchor-link" href="#[^"]*">', re.S)


def _toc_ids(items) -> list[str]:  # noqa: ANN001 - mkdocs TableOfContents items
    ids = []
    for item in items:
        ids.append(item.id)
        ids.extend(_toc_ids(item.children))
    return ids


def on_page_content(html: str, page, config, files) -> str:  # noqa: ANN001 - MkDocs hook
    """Notebook pages: no MathJax or Mermaid (nothing uses them, and Mermaid names a CDN),
    and heading ids that match the table of contents (nbconvert leaves Japanese ones empty)."""
    if not page.file.src_uri.startswith(NOTEBOOKS):
        return html
    html = _UNUSED_SCRIPTS.sub("", html)
    ids = iter(_toc_ids(page.toc.items))

    def renumber(m: re.Match) -> str:
        new = next(ids, m[2])
        return f'<h{m[1]} id="{new}">{m[3]}<a class="anchor-link" href="#{new}">'

    return _HEADING.sub(renumber, html)
