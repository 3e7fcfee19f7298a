"""Page weight, as the bytes a reader's browser transfers: gzip, as GitHub Pages serves text.

A page weighs its HTML, the stylesheets and scripts it loads, and the figures a reader sees who
scrolls through it in one palette at desktop width (each figure comes once per palette; a reader
gets one). The search index and the XOR explorer load only on demand and are not counted.
"""

from pathlib import Path
from urllib.parse import urljoin, urlparse

from site_pages import page_file, transferred, url_file

BUDGET_KB = 200
"""Transferred per page, in kB (1000 bytes), gzip level 6 for text; already-compressed images
(PNG) count as they are."""
LOADED = {"link[rel=stylesheet]", "script", "img"}
"""What a page's first view loads, or a scroll through it: the rest are links a reader follows."""


def page_weight(site: Path, site_url: str, page: str, links: list[tuple[str, str]]) -> int:
    """The page's own HTML plus every file it loads (a figure in its light palette only)."""
    here = urljoin(site_url, page)
    base = urlparse(site_url).path
    total = transferred(page_file(site, page))
    seen = set()
    for tag, href in links:
        if tag not in LOADED or href.endswith("#only-dark") or "data:" in href[:5]:
            continue
        file = url_file(site, base, urlparse(urljoin(here, href)).path)
        if file is None or file in seen:
            continue
        seen.add(file)
        total += transferred(file)
    return total


def test_every_page_is_within_its_budget(site, site_url, facts):
    weights = {page: page_weight(site, site_url, page, f.links) for page, f in facts.items()}
    heaviest = max(weights, key=weights.get)
    over = [f"{p or '(home)'}: {w / 1e3:.0f} kB" for p, w in weights.items() if w > BUDGET_KB * 1e3]
    assert over == [], f"over {BUDGET_KB} kB transferred:\n" + "\n".join(over)
    # Guards the sum: the heaviest page loads the theme's bundle and several figures.
    assert weights[heaviest] > 100_000, weights


def test_built_code_blocks_carry_no_per_line_anchors(page_html):
    bulky = [page or "(home)" for page, html in page_html.items() if "__codelineno" in html]
    assert bulky == []
