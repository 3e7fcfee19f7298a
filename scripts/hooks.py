"""MkDocs hooks: refuse a page that exists in one language only; regenerate assets while serving;
stamp each generated figure with its build key (provenance).

static-i18n's fallback is on so both languages share one copy of each figure,
which would also let a missing translation silently show the Japanese page:
``on_pre_build`` turns that into a build error naming the page. A page that lags behind
its other language says so in its front matter (``translation_pending: true``), and
``on_page_markdown`` shows the reader a banner in the page's language: never silently.

The theme corrections (valid HTML, a named search dialog, absolute ``hreflang`` links, a
404 page whose switcher leads somewhere) are pure functions in ``activation_tutorial.theme``.
"""

from __future__ import annotations

import functools
import html
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from activation_tutorial.content.pending import with_pending_banner
from activation_tutorial.lean_assets import minified, own_assets
from activation_tutorial.lean_html import (
    collapse_layout_whitespace,
    drop_comments,
    unwrap_plain_tokens,
)
from activation_tutorial.theme import (
    absolute_hreflang,
    fix_theme_html,
    home_alternates,
    lazy_images,
    preferred_palette_early,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # the package, without importing torch or matplotlib
_command = {"name": ""}
_figure_keys: dict[str, str] = {}


def missing_translations(docs: Path) -> list[str]:
    """Pages present in one language only, as messages naming the missing file."""
    problems = []
    for page in sorted(docs.rglob("*.md")):
        rel = page.relative_to(docs)
        if rel.parts[0] == "generated":
            continue
        if page.name.endswith(".en.md"):
            partner = page.with_name(page.name.removesuffix(".en.md") + ".md")
        else:
            partner = page.with_name(page.stem + ".en.md")
        if not partner.exists():
            problems.append(f"docs/{rel} has no counterpart docs/{partner.relative_to(docs)}")
    return problems


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def on_pre_build(config) -> None:  # noqa: ANN001 - MkDocs hook signature
    problems = missing_translations(Path(config["docs_dir"]))
    if problems:
        raise PluginError("missing translation:\n  " + "\n  ".join(problems))
    if _command["name"] == "serve":
        # Live reload: an edit under src/ or docs/ regenerates what it feeds.
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_assets.py")])
        if result.returncode != 0:
            raise PluginError("generating assets failed (see the error above)")
    from activation_tutorial.staleness import MANIFEST_NAME, load_manifest

    entries, problem = load_manifest(Path(config["docs_dir"]) / "generated" / MANIFEST_NAME)
    if problem:
        raise PluginError(f"generated/{MANIFEST_NAME} {problem}: run make site")
    _svg_size.cache_clear()  # served builds regenerate figures
    _figure_keys.clear()
    _figure_keys.update({name: e[0] for name, e in entries.items() if name.startswith("figures/")})


def on_page_content(html: str, page, config, files) -> str:  # noqa: ANN001 - MkDocs hook signature
    from activation_tutorial.content.math import compact_mathml, math_with_punctuation
    from activation_tutorial.images import sized_images
    from activation_tutorial.pictures import narrow_twins, with_narrow_sources
    from activation_tutorial.provenance import stamp_figures

    lang = getattr(page.file, "locale", None) or config["theme"]["language"]
    size_of = functools.partial(_figure_size, Path(config["docs_dir"]))
    html = sized_images(html, size_of)
    # Figures that have a narrow layout (in the asset list) get it on phones: <picture>.
    twins = narrow_twins(name.removeprefix("figures/") for name in _figure_keys)
    html = with_narrow_sources(html, twins, size_of)
    # Formulas written by l2m4m on the pages, shortened like the generated tables' ones.
    html = compact_mathml(stamp_figures(html, _figure_keys, lang))
    # No line break between an inline formula and the punctuation beside it (phones).
    return math_with_punctuation(html)


@functools.cache
def _svg_size(path: Path) -> tuple[int, int] | None:
    from activation_tutorial.images import svg_pixel_size

    return svg_pixel_size(path.read_bytes()) if path.is_file() else None


def _figure_size(docs: Path, src: str) -> tuple[int, int] | None:
    """Size of a generated figure named by a page's (relative) ``src``; None for anything else."""
    _, found, name = src.split("#")[0].rpartition("generated/figures/")
    if not found or not name.endswith(".svg") or "/" in name:
        return None
    return _svg_size(docs / "generated" / "figures" / name)


def on_page_markdown(markdown: str, page, config, files) -> str:  # noqa: ANN001 - MkDocs hook
    pending = page.meta.get("translation_pending", False)
    if pending is not True and pending is not False:
        raise PluginError(f"{page.file.src_uri}: translation_pending must be true or false")
    if not pending:
        return markdown
    # static-i18n builds each language with the theme language set to it.
    return with_pending_banner(markdown, config["theme"]["language"])


# Quality fixes (accessibility, validity, SEO) that Material's template blocks cannot reach.


def on_page_context(context, page, config, nav):  # noqa: ANN001, ANN201 - MkDocs hook signature
    # The theme writes the description into an attribute unescaped: a quote in it breaks the page.
    if page.meta.get("description"):
        page.meta["description"] = html.escape(str(page.meta["description"]), quote=True)
    return context


def on_template_context(context, template_name, config):  # noqa: ANN001, ANN201
    if template_name == "404.html":
        # No page, so static-i18n leaves the last page's links here: offer each language's home.
        languages = config.plugins["i18n"].config.languages
        triples = [(lang.locale, lang.name, lang.link) for lang in languages if lang.build]
        config.extra.alternate = home_alternates(triples, config["site_url"])
    return context


EXPLORER_SCRIPT = "assets/xor-explorer.js"
EXPLORER_STYLES = "assets/xor-explorer.css"
EXPLORER_LOADER = "assets/xor-explorer-loader.js"


def with_explorer_assets(output: str, page_url: str) -> str:
    """Only on the page that has the explorer, a small loader that fetches the explorer's
    script and styles when the reader comes near it (or the address asks for it).

    Every other page saves 16 KB of script and 4 KB of CSS; the explorer's own page
    loads them only when needed, so its first view neither downloads nor runs them.
    """
    if 'id="xor-explorer"' not in output:
        return output
    loader, css, src = (get_relative_url(a, page_url)
                        for a in (EXPLORER_LOADER, EXPLORER_STYLES, EXPLORER_SCRIPT))  # fmt: skip
    tag = f'<script src="{loader}" data-script="{src}" data-styles="{css}" defer></script>'
    return output.replace("</body>", f"{tag}\n</body>", 1)


_BUNDLE = re.compile(r'<script src="([^"]*assets/)javascripts/bundle\.\w+\.min\.js"></script>')


def with_lazy_search(output: str) -> str:
    """Load ``assets/lazy-search.js`` just before Material's bundle, which it must precede:
    search's worker and index then load when the reader opens search, not with every page."""
    # Deferring the two was measured (FCP 0.5 s earlier in Lighthouse) and left out: on the
    # heaviest page the page's own work then falls after the first paint and counts as blocking.
    return _BUNDLE.sub(lambda m: f'<script src="{m[1]}lazy-search.js"></script>\n{m[0]}',
                       output, count=1)  # fmt: skip


def on_post_page(output, page, config):  # noqa: ANN001, ANN201
    page_url = urljoin(config["site_url"], page.url)
    output = with_lazy_search(with_explorer_assets(output, page.url))
    output = preferred_palette_early(fix_theme_html(output), config["theme"]["palette"])
    output = absolute_hreflang(lazy_images(output), page_url)
    # Page weight (issue 3): the same page in fewer bytes (activation_tutorial.lean_html).
    return collapse_layout_whitespace(drop_comments(unwrap_plain_tokens(output)))


def on_post_template(output_content, template_name, config):  # noqa: ANN001, ANN201
    if not template_name.endswith(".html"):
        return output_content
    # The 404 page is served at any address: its links are site-absolute paths already.
    output = fix_theme_html(with_lazy_search(output_content))
    output = preferred_palette_early(output, config["theme"]["palette"])
    return absolute_hreflang(output, config["site_url"])


def on_post_build(config):  # noqa: ANN001, ANN201
    """Replace our CSS and JS in the built site by their minified text (same names)."""
    for source in own_assets(Path(config["docs_dir"])):
        built = Path(config["site_dir"]) / "assets" / source.name
        built.write_text(
            minified(source.read_text(encoding="utf-8"), source.suffix), encoding="utf-8"
        )
