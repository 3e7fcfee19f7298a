"""What the quality gates need to know about a built site: its pages and what each one holds.

Pages are discovered from the built file tree, so a page added later is covered without
touching the tests.
"""

import gzip
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

_NOT_PAGES = {"assets", "search"}  # generated/ holds pages too: the notebooks


def built_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a path under the site root: '', 'xor/', '404.html'."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site)
        if rel.parts[0] in _NOT_PAGES:
            continue
        pages.append(rel.as_posix().removesuffix("index.html"))
    return pages


def page_file(site: Path, page: str) -> Path:
    """The built file of a page or asset path under the site root: '' and 'xor/' are folders."""
    return site / (page + "index.html" if page == "" or page.endswith("/") else page)


def url_file(site: Path, base_path: str, path: str) -> Path | None:
    """The built file a same-site URL path serves, or None if it leaves the site's base path."""
    return page_file(site, unquote(path[len(base_path) :])) if path.startswith(base_path) else None


@cache
def transferred(path: Path) -> int:
    """Bytes on the wire for one built file, as GitHub Pages serves it: gzip (level 6) for text,
    PNGs as they are."""
    data = path.read_bytes()
    return len(data) if path.suffix == ".png" else len(gzip.compress(data, 6, mtime=0))


def page_language(page: str) -> str:
    """The language a page is written in, by where static-i18n puts it."""
    return "en" if page.startswith("en/") else "ja"


def counterpart(page: str) -> str:
    """The same page in the other language."""
    return page.removeprefix("en/") if page.startswith("en/") else "en/" + page


@dataclass
class Image:
    src: str
    alt: str | None


@dataclass
class Table:
    header_cells: int = 0
    where: str = ""


@dataclass
class PageFacts:
    lang: str = ""
    title: str = ""
    heading: str = ""
    """The text of the first <h1>."""
    description: str | None = None
    canonical: str | None = None
    hreflang: dict[str, str] = field(default_factory=dict)
    switcher: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)
    """(tag, URL) of everything the page links to or loads."""
    images: list[Image] = field(default_factory=list)
    """Images inside the article."""
    tables: list[Table] = field(default_factory=list)
    """Tables inside the article."""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._article = 0
        self._in_title = False
        self._in_h1 = False
        self._heading = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        f = self.facts
        if "id" in a:
            f.ids.add(a["id"])
        if tag == "a" and "name" in a:  # a legacy anchor target
            f.ids.add(a["name"])
        if tag == "html":
            f.lang = a.get("lang", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and a.get("name") == "description":
            f.description = a.get("content", "")
        elif tag == "link":
            rel = a.get("rel", "")
            if rel == "canonical":
                f.canonical = a.get("href")
            if rel == "alternate" and "hreflang" in a:
                f.hreflang[a["hreflang"]] = a.get("href", "")
            f.links.append((f"link[rel={rel}]", a.get("href", "")))
        elif tag == "a" and "href" in a:
            if "md-select__link" in a.get("class", ""):
                f.switcher[a.get("hreflang", "")] = a["href"]
            f.links.append(("a", a["href"]))
        elif tag in ("script", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            f.links.append((tag, a["src"]))
            # A loader's script and styles, fetched on demand (the XOR explorer's).
            if a.get("data-script"):
                f.links.append(("script", a["data-script"]))
            if a.get("data-styles"):
                f.links.append(("link[rel=stylesheet]", a["data-styles"]))
        elif tag == "img":
            f.links.append(("img", a.get("src", "")))
            if self._article:
                f.images.append(Image(a.get("src", ""), a.get("alt")))
        if tag == "article":
            self._article += 1
        elif tag == "table" and self._article:
            f.tables.append(Table(where=self._heading))
        elif tag == "th" and self._article and f.tables:
            f.tables[-1].header_cells += 1
        elif tag in ("h1", "h2", "h3") and "id" in a:
            self._heading = "#" + a["id"]
        if tag == "h1" and not f.heading:
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article -= 1
        elif tag == "title":
            self._in_title = False
        elif tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.facts.title += data
        if self._in_h1:
            self.facts.heading += data


def page_facts(html: str) -> PageFacts:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.facts
