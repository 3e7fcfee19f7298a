"""What the quality gates need to know about a built site: its pages, their files, each parsed.
Pages are found in the built file tree: a page added later is covered without editing a test."""

import gzip
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from bs4 import BeautifulSoup

_NOT_PAGES = {"assets", "search"}  # generated/ holds pages too: the notebooks


def built_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a path under the site root: '', 'xor/', '404.html'."""
    found = (html.relative_to(site) for html in sorted(site.rglob("*.html")))
    return [rel.as_posix().removesuffix("index.html") for rel in found
            if rel.parts[0] not in _NOT_PAGES]  # fmt: skip


def page_file(site: Path, page: str) -> Path:
    """The built file of a page or asset path under the site root: '' and 'xor/' are folders."""
    return site / (page + "index.html" if page == "" or page.endswith("/") else page)


def url_file(site: Path, base_path: str, path: str) -> Path | None:
    """The built file a same-site URL path serves, or None if it leaves the site's base path."""
    return page_file(site, unquote(path[len(base_path) :])) if path.startswith(base_path) else None


@cache
def transferred(path: Path) -> int:
    """Bytes on the wire for one built file: gzip (level 6), as GitHub Pages serves text."""
    return len(gzip.compress(path.read_bytes(), 6, mtime=0))


@cache
def parsed(path: Path) -> BeautifulSoup:
    """A built HTML file's tree, parsed once per run."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_language(page: str) -> str:
    """The language a page is written in, by where static-i18n puts it."""
    return "en" if page.startswith("en/") else "ja"


def counterpart(page: str) -> str:
    """The same page in the other language."""
    return page.removeprefix("en/") if page.startswith("en/") else "en/" + page


LOADERS = "script[src], iframe[src], source[src], audio[src], video[src], embed[src], img"


def links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(tag, URL) of everything a page links to or loads, a loader's script and styles (the XOR
    explorer's, fetched on demand) included."""
    found = [(f"link[rel={' '.join(e.get('rel', []))}]", e.get("href", "")) for e in soup("link")]
    found += [("a", e["href"]) for e in soup.select("a[href]")]
    found += [(e.name, e.get("src", "")) for e in soup.select(LOADERS)]
    found += [("source", e["srcset"]) for e in soup.select("source[srcset]")]
    found += [("script", e["data-script"]) for e in soup.select("[data-script]")]
    found += [("link[rel=stylesheet]", e["data-styles"]) for e in soup.select("[data-styles]")]
    return found
