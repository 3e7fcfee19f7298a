"""MkDocs hooks: refuse a page that exists in one language only (static-i18n's fallback would
show the Japanese page); regenerate assets while serving; size figures and give them phone
layouts; a banner on a page that says ``translation_pending: true``; theme HTML corrections;
last, every page's Content-Security-Policy (activation_tutorial.csp says why)."""

from __future__ import annotations

import functools
import html
import json
import logging
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

from jinja2.bccache import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from watchdog.observers.polling import PollingObserver

from activation_tutorial import pictures, theme
from activation_tutorial.csp import with_content_security_policy
from activation_tutorial.page_code import include_problem, shown_figures
from activation_tutorial.translation import title_problem, with_pending_banner

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ("docs", "src", "scripts", "mkdocs.yml")
_twins: dict[str, str] = {}  # the generated figures' narrow twins, read once per build
# While serving: when the rebuild started, what it reports, and what the last asset check saw
_rebuild = {"serving": False, "since": time.time(), "changed": [], "assets": "", "signature": None}


def missing_translations(docs: Path) -> list[str]:
    """Pages present in one language only, as messages naming the missing file."""
    problems = []
    for page in sorted(docs.rglob("*.md")):
        rel, english = page.relative_to(docs), page.name.endswith(".en.md")
        partner = page.with_name(page.name.removesuffix(".md").removesuffix(".en")
                                 + (".md" if english else ".en.md"))  # fmt: skip
        if rel.parts[0] != "generated" and not partner.exists():
            problems.append(f"docs/{rel} has no counterpart docs/{partner.relative_to(docs)}")
    return problems


def on_startup(command: str, dirty: bool) -> None:
    _rebuild["serving"] = command == "serve"
    if command == "serve":  # one line per build instead of MkDocs' and the plugins' INFO lines
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        memoise_for_serving()


def memoise_for_serving() -> None:
    """While serving, work whose inputs a rebuild rarely changes is done once per input: the theme's
    file listing (installed files; every build walks thousands of icons), a page's search entries
    (made again when its HTML, title or metadata changed) and a code block's highlighting (its
    arguments and settings): the largest costs of a rebuild that a prose edit leaves unchanged."""
    from jinja2 import FileSystemLoader
    from material.plugins.search.plugin import SearchIndex
    from pymdownx.highlight import Highlight

    _reuse(FileSystemLoader, "list_templates", lambda loader: tuple(loader.searchpath))

    def highlight_key(highlighter: Highlight, *args: object, **kwargs: object) -> str | None:
        if highlighter.auto_title:  # its titles may be stored in the page's Markdown state
            return None
        settings = {name: v for name, v in vars(highlighter).items() if name != "md"}
        return repr((args, sorted(kwargs.items()), settings))

    _reuse(Highlight, "highlight", highlight_key)

    # Search entries are appended to the index, not returned: kept as the entries one call added
    entries: dict[tuple[str, ...], list[dict]] = {}
    add_entries = SearchIndex.add_entry_from_context

    def add_entries_once(index: SearchIndex, page) -> None:  # noqa: ANN001 - a MkDocs Page
        key = (page.url, page.title, page.content, repr(page.meta))
        if key not in entries:
            before = len(index.entries)
            add_entries(index, page)
            entries[key] = index.entries[before:]
        else:
            index.entries += [dict(entry) for entry in entries[key]]

    SearchIndex.add_entry_from_context = add_entries_once


def _reuse(cls: type, name: str, key: Callable[..., object]) -> None:
    """``cls.name`` computed once per ``key(self, *args)`` for the serve process (None: always)."""
    compute, results = getattr(cls, name), {}

    def reused(self: object, *args: object, **kwargs: object) -> object:
        k = key(self, *args, **kwargs)
        if k is None:
            return compute(self, *args, **kwargs)
        if k not in results:
            results[k] = compute(self, *args, **kwargs)
        return results[k]

    setattr(cls, name, reused)


# The theme's templates compiled once, not once per language and build (Jinja checks each
# template's source against its checksum)
_TEMPLATES = FileSystemBytecodeCache()


def on_env(env, config, files):  # noqa: ANN001, ANN201 - MkDocs hook signature
    env.bytecode_cache = _TEMPLATES
    return env


def on_config(config):  # noqa: ANN001, ANN201 - MkDocs hook signature
    if _rebuild["serving"]:  # a rebuild converts the notebooks only when they changed
        jupyter = config.plugins["mkdocs-jupyter"].config
        jupyter["cache"] = True
        # A folder per language: each build evicts the files it did not use from its folder.
        language = config.plugins["i18n"].current_language or "default"
        jupyter["cache_dir"] = str(ROOT / ".cache" / "notebooks" / language)
    return config


def on_serve(server, config, builder):  # noqa: ANN001, ANN201 - MkDocs hook signature
    """Look for saved files every 0.1 s instead of MkDocs' 0.5 s (about 200 files: cheap); leave
    out docs/generated/, which the build itself writes (a second rebuild)."""
    docs = Path(config["docs_dir"])
    server.unwatch(str(docs))
    server.unwatch(config.config_file_path)
    server.observer = PollingObserver(timeout=0.1)  # serve() starts it
    server.watch(config.config_file_path)
    server.watch(str(docs), recursive=False)
    for folder in sorted(p for p in docs.iterdir() if p.is_dir() and p.name != "generated"):
        server.watch(str(folder))
    print(f"Serving on {config['site_url']} (Ctrl-C stops); watching {', '.join(WATCHED)}")
    return server


def changed_since(since: float) -> list[str]:
    """The watched files saved after ``since``, relative to the project."""
    paths = [ROOT / top for top in WATCHED]
    files = [f for p in paths for f in (p.rglob("*") if p.is_dir() else [p])]
    kept = [f for f in files if "generated" not in f.parts and f.is_file()]
    return sorted(f.relative_to(ROOT).as_posix() for f in kept if f.stat().st_mtime > since)


def regenerate_assets() -> str:
    """Live reload: an edit under src/ or docs/ regenerates what it feeds. Progress lines pass
    through; the summary line is returned for the rebuild's one line."""
    command = [sys.executable, str(ROOT / "scripts" / "build_assets.py")]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child:
        summary = ""
        for line in child.stdout:
            if line.startswith("assets: "):
                summary = line.strip()
            else:
                print(line, end="", flush=True)
    if child.returncode != 0:
        _rebuild["signature"] = None  # a failed check is made again, whatever changes next
        raise PluginError("generating assets failed (see the error above)")
    return summary


def assets_may_be_stale(root: Path, changed: list[str]) -> bool:
    """False when only prose ``changed`` since the last check: pages' Markdown feeds no asset's
    key, only which figures are drawn (the figure links) and which pages exist."""
    docs = root / "docs"
    signature = (sorted(map(str, docs.rglob("*.md"))), shown_figures(docs))
    prose = signature == _rebuild["signature"] and all(c.endswith(".md") for c in changed)
    _rebuild["signature"] = signature
    return not (prose and changed)  # nothing changed: a deletion, which may be anything


def on_pre_build(config) -> None:  # noqa: ANN001 - MkDocs hook signature
    if config.plugins["i18n"].building:  # the other language's build, inside this one: done
        return
    problems = missing_translations(Path(config["docs_dir"]))
    if problems:
        raise PluginError("missing translation:\n  " + "\n  ".join(problems))
    if _rebuild["serving"]:
        # What was saved since the last rebuild started: what this one reports, and acts on
        since, _rebuild["since"] = _rebuild["since"], time.time()
        _rebuild["changed"] = changed_since(since)
        stale = assets_may_be_stale(ROOT, _rebuild["changed"])
        _rebuild["assets"] = regenerate_assets() if stale else "prose only"
    # A missing docs/generated/ is named before this by scripts/macros.py, which reads it first
    figures = Path(config["docs_dir"]) / "generated" / "figures"
    _figure_size.cache_clear()  # served builds regenerate figures
    _twins.clear()
    _twins.update(pictures.narrow_twins(p.name for p in figures.glob("*.svg")))


def on_page_content(html: str, page, config, files) -> str:  # noqa: ANN001 - MkDocs hook signature
    from activation_tutorial.content.math import compact_mathml, math_with_punctuation

    # Figures sized, with their narrow layouts for phones; the pages' own formulas (l2m4m) in the
    # generated ones' form; no line break between an inline formula and its punctuation.
    size_of = functools.partial(_figure_size, Path(config["docs_dir"]))
    html = pictures.with_narrow_sources(pictures.sized_images(html, size_of), _twins, size_of)
    return math_with_punctuation(compact_mathml(html))


@functools.cache
def _figure_size(docs: Path, src: str) -> tuple[int, int] | None:
    """Size of a generated figure named by a page's (relative) ``src``; None for anything else."""
    _, found, name = src.split("#")[0].rpartition(pictures.FOLDER)
    path = docs / pictures.FOLDER / name
    if not found or not name.endswith(".svg") or "/" in name or not path.is_file():
        return None
    return pictures.svg_pixel_size(path.read_bytes())


def omitted_from_nav(pages: list[str], in_nav: set[str], config_text: str) -> str | None:
    """Pages the nav leaves out, as one message naming the line of mkdocs.yml to add them at."""
    missing = [p for p in pages if p not in in_nav]
    if not missing:
        return None
    lines = config_text.splitlines()
    group = "関数ごとのページ:" if all(p.startswith("functions/") for p in missing) else "nav:"
    line = next(n for n, text in enumerate(lines, 1) if text.strip().lstrip("- ") == group)
    return (f"mkdocs.yml:{line}: add {', '.join(missing)} to the nav under {group!r} (one line "
            "per page: the English page follows its Japanese one)")  # fmt: skip


def on_nav(nav, config, files):  # noqa: ANN001, ANN201 - MkDocs hook signature
    if not config.plugins["i18n"].building:  # the Japanese build sees the nav as written
        uris = [f.src_uri for f in files.documentation_pages()]
        pages = [u for u in uris if not u.endswith(".en.md") and not u.startswith("generated/")]
        in_nav = {page.file.src_uri for page in nav.pages}
        config_text = Path(config.config_file_path).read_text(encoding="utf-8")
        if problem := omitted_from_nav(pages, in_nav, config_text):
            raise PluginError(problem)
    return nav


def on_page_markdown(markdown: str, page, config, files) -> str:  # noqa: ANN001 - MkDocs hook
    lang = config["theme"]["language"]  # static-i18n builds each language with it set so
    if page.file.abs_src_path and page.file.src_uri.endswith(".md"):
        text = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        where, docs = f"docs/{page.file.src_uri}", Path(config["docs_dir"])
        if problem := title_problem(text, where, lang) or include_problem(text, where, docs):
            raise PluginError(problem)
    pending = page.meta.get("translation_pending", False)
    if pending is not True and pending is not False:
        raise PluginError(f"{page.file.src_uri}: translation_pending must be true or false")
    return with_pending_banner(markdown, lang) if pending else markdown


def on_page_context(context, page, config, nav):  # noqa: ANN001, ANN201 - MkDocs hook signature
    # The theme writes the description into an attribute unescaped: a quote in it breaks the page.
    if page.meta.get("description"):
        page.meta["description"] = html.escape(str(page.meta["description"]), quote=True)
    return context


def on_template_context(context, template_name, config):  # noqa: ANN001, ANN201
    if template_name == "404.html":
        # No page, so static-i18n leaves the last page's links here: offer each language's home.
        site = config["site_url"]
        config.extra.alternate = [
            {"name": lang.name, "lang": lang.locale, "link": urljoin(site, lang.link.lstrip("/"))}
            for lang in config.plugins["i18n"].config.languages
            if lang.build
        ]
    return context


def with_explorer_assets(output: str, page_url: str) -> str:
    """Only on the explorer's page, a small loader that fetches the explorer's script and styles
    when the reader comes near it (or the address asks for it)."""
    if 'id="xor-explorer"' not in output:
        return output
    loader, css, src = (get_relative_url(f"assets/xor-explorer{end}", page_url)
                        for end in ("-loader.js", ".css", ".js"))  # fmt: skip
    tag = f'<script src="{loader}" data-script="{src}" data-styles="{css}" defer></script>'
    return output.replace("</body>", f"{tag}\n</body>", 1)


_BUNDLE = re.compile(r'<script src="([^"]*assets/)javascripts/bundle\.\w+\.min\.js"></script>')


def _corrected(output: str, config, url: str, where: str) -> str:  # noqa: ANN001 - MkDocs config
    """The theme's corrections, then the Content-Security-Policy for the page as published.
    ``assets/lazy-search.js`` goes just before Material's bundle, which it must precede: search's
    worker and index then load when the reader opens search, not with every page. Not deferred:
    the heaviest page's own work would then fall after the first paint."""
    lazy_search = r'<script src="\1lazy-search.js"></script>\n\g<0>'
    output = theme.fix_theme_html(_BUNDLE.sub(lazy_search, output, count=1))
    output = theme.preferred_palette_early(output, config["theme"]["palette"])
    return with_content_security_policy(theme.absolute_hreflang(output, url), where)


@event_priority(-1000)  # last: the Content-Security-Policy allows inline scripts as published
def on_post_page(output, page, config):  # noqa: ANN001, ANN201
    output = theme.lazy_images(with_explorer_assets(output, page.url))
    url = urljoin(config["site_url"], page.url)
    return _corrected(output, config, url, f"docs/{page.file.src_uri}")


@event_priority(-1000)
def on_post_template(output_content, template_name, config):  # noqa: ANN001, ANN201
    if not template_name.endswith(".html"):  # sitemap.xml
        return output_content
    # The 404 page is served at any address: its links are site-absolute paths already.
    return _corrected(output_content, config, config["site_url"], f"the theme's {template_name}")


def write_language_indexes(config) -> None:  # noqa: ANN001 - MkDocs config
    """``search/search_index.<lang>.json`` beside the index of both languages: a reader's search
    lists pages in the page's language only (``docs/assets/lazy-search.js`` asks for the page's
    ``lang``), and the English one leaves out the Japanese segmenter's configuration."""
    languages = config["plugins"]["i18n"].config.languages
    default = next(lang.locale for lang in languages if lang.default)
    others = [lang.locale for lang in languages if not lang.default]
    folder = Path(config["site_dir"]) / "search"
    index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    in_folder = [(d, d["location"].split("/", 1)[0]) for d in index["docs"]]
    for lang in (default, *others):
        settings = {**index["config"], "lang": [lang]} if lang in others else index["config"]
        docs = [d for d, top in in_folder if (top if top in others else default) == lang]
        text = json.dumps({**index, "config": settings, "docs": docs}, ensure_ascii=False,
                          separators=(",", ":"))  # fmt: skip
        (folder / f"search_index.{lang}.json").write_text(text, encoding="utf-8")


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config):  # noqa: ANN001, ANN201
    """One search index per language; our CSS and JS replaced by their minified text."""
    write_language_indexes(config)
    for source in theme.own_assets(Path(config["docs_dir"])):
        text = theme.minified(source.read_text(encoding="utf-8"), source.suffix)
        (Path(config["site_dir"]) / "assets" / source.name).write_text(text, encoding="utf-8")
    if _rebuild["serving"] and not config.plugins["i18n"].building:
        changed, seconds = _rebuild["changed"], time.time() - _rebuild["since"]
        what = f"built in {seconds:.1f} s"
        if changed:
            more = " …" if len(changed) > 3 else ""
            what = f"re{what} after {', '.join(changed[:3])}{more}"
        print(f"{time.strftime('%H:%M:%S')} {what}; {_rebuild['assets']}", flush=True)
