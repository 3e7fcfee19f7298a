"""Links between pages land on an existing page and anchor, in both languages.

Generated tables and fact boxes link with raw HTML (``../functions/#relu``), which
MkDocs does not validate; this test does, on the built site.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

PAGES = ["functions/", "gradients/", "comparison/", "references/"]


def _ids(path: Path) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))


def broken_links(site: Path, page: str) -> list[str]:
    """Every relative link of ``page`` whose file or anchor is missing, as 'href: why'."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    problems = []
    for href in re.findall(r'<a [^>]*href="([^"]+)"', article):
        url = urlparse(urljoin(f"http://site/{page}", href))
        if url.netloc != "site":
            continue  # an external source: not fetched here (no network)
        target = site / url.path.lstrip("/")
        target = target / "index.html" if url.path.endswith("/") else target
        if not target.exists():
            problems.append(f"{href}: no {target.relative_to(site)}")
        elif url.fragment and url.fragment not in _ids(target):
            problems.append(f"{href}: no id {url.fragment!r} in {target.relative_to(site)}")
    return problems


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("page", PAGES)
def test_links_land_on_existing_anchors(site, page, lang):
    assert broken_links(site, lang + page) == []


def test_english_pages_link_to_english_pages(site):
    html = (site / "en" / "gradients" / "index.html").read_text(encoding="utf-8")
    assert 'href="../functions/#step"' in html


def test_broken_anchor_is_reported(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<article><a href="../b/#here">ok</a> <a href="../b/#gone">x</a>'
        ' <a href="../c/">y</a></article>'
    )
    (tmp_path / "b" / "index.html").write_text('<article><h2 id="here">b</h2></article>')
    assert broken_links(tmp_path, "a/") == [
        "../b/#gone: no id 'gone' in b/index.html",
        "../c/: no c/index.html",
    ]
