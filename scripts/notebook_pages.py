"""MkDocs hook: the generated notebooks made pages again, in static-i18n's folder for their
language (static-i18n recreates every file, and they came out as raw JSON)."""

from __future__ import annotations

import json
import posixpath
import re
from html import escape as html_escape
from pathlib import Path
from types import SimpleNamespace

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

NOTEBOOKS = "generated/notebooks/"


@event_priority(-200)
def on_files(files: Files, config) -> Files:  # noqa: ANN001 - MkDocs hook signature
    from mkdocs_jupyter.plugin import NotebookFile

    languages = config["plugins"]["i18n"].config.languages
    prefixes = {lang.locale: f"{lang.locale}/" for lang in languages if not lang.default}
    for f in [f for f in files if f.src_uri.startswith(NOTEBOOKS) and f.src_uri.endswith(".ipynb")]:
        nb = NotebookFile(f, use_directory_urls=config["use_directory_urls"],
                          site_dir=config["site_dir"])  # fmt: skip
        # In static-i18n's folder for the language, x.ipynb (or x/index.html) made a page, with
        # the alternates static-i18n left out (it saw an asset), in place of the file (its Files
        # subclass must survive), and listed for sitemap.xml.
        folder = f.dest_path.removesuffix("/index.html").removesuffix(".ipynb")
        nb.dest_path = posixpath.join(folder, "index.html")
        nb.abs_dest_path = posixpath.join(config["site_dir"], nb.dest_path)
        nb.url = folder + "/"
        # The same notebook's address in every language: x/ for the default, en/x/.
        top, _, rest = folder.partition("/")
        base = rest if top in prefixes else folder
        nb.alternates = {lang.locale: SimpleNamespace(url=f"{prefixes.get(lang.locale, '')}{base}/",
                                                      page=None) for lang in languages}  # fmt: skip
        files.remove(f)
        files.append(nb)
        i18n = config["plugins"]["i18n"]
        i18n.i18n_files_per_language.setdefault(i18n.current_language, []).append(nb)
    return files


_UNUSED_SCRIPTS = re.compile(
    r'<script src="">\s*</script>'  # MathJax with no URL: the page would load itself as a script
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*?cdnjs\.cloudflare\.com.*?</script>',  # Mermaid
    re.S,
)
_COPY_BUTTON = re.compile(r'<clipboard-copy ,="" aria-label="[^"]*" (for="[^"]*")>')
_COPY_LABEL = {"ja": "コードをコピー", "en": "Copy the code"}
_OUTPUT_IMAGE = re.compile(r'<img alt="No description has been provided for this image"[^>]*>')


def _site_figures(html: str, page) -> str:  # noqa: ANN001 - a mkdocs Page
    """Each plot in the outputs replaced by the figures the build drew from its cell in the
    site's style (``page_code``), light and dark, with the cell's alt text and caption."""
    from activation_tutorial.notebook.walkthrough import figure_cells
    from activation_tutorial.page_code import figure_path

    notebook = json.loads(Path(page.file.abs_src_path).read_text(encoding="utf-8"))
    cells = iter(figure_cells(notebook["cells"]))
    root = "../" * page.url.count("/")  # as Markdown pages name figures: hooks.py finds them

    def figure(_: re.Match) -> str:
        cell = next(cells)
        alt = html_escape(cell["metadata"]["alt"], quote=True)
        images = "".join(
            f'<img alt="{alt}" src="{root}generated/{figure_path(cell["id"], palette)}'
            f'#only-{palette}" />'
            for palette in ("light", "dark")
        )
        caption = html_escape(cell["metadata"]["caption"])
        return f"<figure>{images}<figcaption><p>{caption}</p></figcaption></figure>"

    return _OUTPUT_IMAGE.sub(figure, html)


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_STYLES = re.compile(r"<style[^>]*>.*?</style>", re.S)
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)<a class="anchor-link" href="#[^"]*">', re.S)


def _toc_ids(items) -> list[str]:  # noqa: ANN001 - mkdocs TableOfContents items
    return [i for item in items for i in (item.id, *_toc_ids(item.children))]


@event_priority(10)  # before hooks.py sizes the figures and gives them their phone layouts
def on_page_content(html: str, page, config, files) -> str:  # noqa: ANN001 - MkDocs hook
    """Notebook pages: no MathJax or Mermaid (nothing uses them, and Mermaid names a CDN),
    the site's figures for the plots, and heading ids that match the table of contents
    (nbconvert leaves Japanese ones empty), their "¶" links styled as the theme's permalinks."""
    if not page.file.src_uri.startswith(NOTEBOOKS):
        return html
    first = _PARAGRAPH.search(html)
    if first and not page.meta.get("description"):
        # The notebook's opening paragraph, in its own language, describes the page.
        page.meta["description"] = " ".join(re.sub(r"<[^>]+>", "", first[1]).split())
    html = _UNUSED_SCRIPTS.sub("", html)
    # nbconvert's inline JupyterLab CSS: <style> in <body> is invalid HTML, its vendor
    # selectors are invalid CSS, and its code colours miss 4.5:1 contrast. Drop it and let
    # the theme style the cells: "highlight" gives code Material's (checked) colours.
    html = _STYLES.sub("", html)
    html = html.replace('class="highlight-ipynb', 'class="highlight highlight-ipynb')
    html = _site_figures(html, page)
    # Copy buttons: drop a stray "," attribute, make the custom element a button (an
    # aria-label needs a role), and label it in the page's language.
    label = _COPY_LABEL.get(config["theme"]["language"], _COPY_LABEL["en"])
    html = _COPY_BUTTON.sub(rf'<clipboard-copy role="button" tabindex="0" aria-label="{label}" \1>',
                            html)  # fmt: skip
    ids = iter(_toc_ids(page.toc.items))

    def renumber(m: re.Match) -> str:
        new = next(ids, m[2])
        # Material's own class for heading permalinks: hidden until hover or focus, as elsewhere.
        return f'<h{m[1]} id="{new}">{m[3]}<a class="anchor-link headerlink" href="#{new}">'

    return _HEADING.sub(renumber, html)
