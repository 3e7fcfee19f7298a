"""The built site: every page in both languages, the switcher, no outside requests, no leftovers."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _nav_pages() -> list[str]:
    """Every page in mkdocs.yml's nav, as its URL path ('' for the home page)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text.split("\nnav:\n", 1)[1].split("\n\n", 1)[0]
    pages = re.findall(r"^\s*- (?:[^:\n]+: )?([\w-]+)\.md\s*$", nav, re.M)
    return ["" if p == "index" else f"{p}/" for p in pages]


PAGES = _nav_pages()


class _Refs(HTMLParser):
    """Every URL the browser would fetch on load, plus the language-switcher links."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.switcher: dict[str, str] = {}
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.fetched.append(a["src"])
        if tag == "link" and a.get("rel") not in ("canonical", "alternate", "prev", "next"):
            self.fetched.append(a.get("href", ""))
        if tag == "a" and "md-select__link" in a.get("class", ""):
            self.switcher[a.get("hreflang", "")] = a.get("href", "")


def _parse(path: Path) -> _Refs:
    refs = _Refs()
    refs.feed(path.read_text(encoding="utf-8"))
    return refs


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_exists_with_its_language(site, page, lang):
    path = site / ("" if lang == "ja" else "en") / page / "index.html"
    assert path.exists(), f"missing {path.relative_to(site)}"
    assert _parse(path).lang == lang


@pytest.mark.parametrize("page", PAGES)
def test_switcher_leads_to_the_same_page_in_the_other_language(site, site_url, page):
    SITE_URL = site_url
    root = urlparse(SITE_URL).path
    for base in ("", "en/"):
        refs = _parse(site / base / page / "index.html")
        here = urljoin(SITE_URL, base + page)
        assert urljoin(here, refs.switcher["ja"]) == urljoin(SITE_URL, page), f"{base}{page}"
        assert urljoin(here, refs.switcher["en"]) == urljoin(SITE_URL, "en/" + page), (
            f"{base}{page}"
        )
    assert root.endswith("/")


def test_no_page_loads_anything_from_another_host(site, site_url):
    offenders = []
    for html in site.rglob("*.html"):
        for url in _parse(html).fetched:
            if urlparse(url).netloc not in ("", urlparse(site_url).netloc):
                offenders.append(f"{html.relative_to(site)}: {url}")
    for css in site.rglob("*.css"):
        for url in re.findall(r"(?:url\(|@import\s+)['\"]?(https?://[^'\")\s]+)", css.read_text()):
            offenders.append(f"{css.relative_to(site)}: {url}")
    assert offenders == []


def test_every_shown_figure_exists(site):
    for html in site.rglob("index.html"):
        for src in re.findall(r'<img [^>]*src="([^"#]+\.svg)', html.read_text(encoding="utf-8")):
            assert (html.parent / src).resolve().exists(), f"{html.relative_to(site)}: {src}"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_nothing_is_left_unrendered(site, page, lang):
    html = (site / ("" if lang == "ja" else "en") / page / "index.html").read_text(encoding="utf-8")
    main = html.split("<article", 1)[1].split("</article>", 1)[0]
    text = re.sub(r"<(pre|code|math)[\s>].*?</\1>", "", main, flags=re.S)
    for leftover in ("{{", "}}", "--8<--", "$$", "\\frac", "\\begin"):
        assert leftover not in text, f"{lang}/{page}: unrendered {leftover!r}"
    assert "<math" in main or page in ("choosing/", "references/", "about/")


def test_search_index_covers_both_languages(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert set(index["config"]["lang"]) == {"ja", "en"}
    assert "stemmer" not in index["config"]["pipeline"]
    text = {d["location"]: d["text"] + d["title"] for d in index["docs"]}
    assert any("勾配消失" in t for loc, t in text.items() if not loc.startswith("en/"))
    assert any("活性化関数" in t for loc, t in text.items() if not loc.startswith("en/"))
    assert any("activation" in t.lower() for loc, t in text.items() if loc.startswith("en/"))


@pytest.mark.parametrize("lang", ["", "en/"])
def test_explorer_script_loads_only_on_the_explorer_page(site, lang):
    for page in PAGES:
        html = (site / lang / page / "index.html").read_text(encoding="utf-8")
        loads = "xor-explorer.js" in html
        assert loads == (page == "xor-network/"), (
            f"{lang}{page}: loads the explorer script: {loads}"
        )
