"""Quality gates on the built files: valid HTML, links, sitemap, SEO, alt text, tables.

Every built page is checked, in both languages (conftest.py's ``pages`` and ``facts``: the one
list of built pages, each parsed once). Each failure names the page, the rule and the element.
What a browser does with the pages (axe, the requests made, the console, the language switcher,
search) is in test_quality_browser.py.
"""

import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlparse
from xml.etree import ElementTree

from site_pages import counterpart, page_facts, page_file, page_language, url_file

from activation_tutorial.translation import in_language

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
"""A short run: the quick JIT only (whose larger frames need a larger stack), one GC thread."""
NOT_FOUND = "404.html"
MIN_ALT = 20
"""Characters an alt text needs at least to say what a figure shows (a label is not enough)."""
WITHOUT_MATH = {"404.html", "about/", "references/", "generated/notebooks/xor-walkthrough/"}
"""Pages (Japanese path) with no formula: every other page must show its MathML."""


def test_html_validator_reports_no_errors(site, pages):
    """The Nu validator (vnu-jar, system Java) over every built page: zero errors."""
    assert VNU.exists(), f"{VNU} missing: run `make test` (it runs npm ci --ignore-scripts)"
    java = shutil.which("java")
    assert java, "java not found: the Nu validator runs on the system Java (see .ci/run)"
    files = [str(page_file(site, p)) for p in pages]
    result = subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True, text=True,
    )  # fmt: skip
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [
        f"{Path(urlparse(m.get('url', '')).path).relative_to(site)}:{m.get('lastLine', '?')}: "
        f"{m['message']}  [{(m.get('extract') or '').strip()[:120]}]"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert problems == [], "\n".join(problems)
    assert result.returncode == 0, result.stderr[-2000:]


@cache
def _ids(file: Path) -> frozenset[str]:
    return frozenset(page_facts(file.read_text(encoding="utf-8")).ids)


def broken_links(site: Path, site_url: str, page: str, links: list[tuple[str, str]]) -> list[str]:
    """Same-site links of one page whose file or ``#anchor`` does not exist."""
    here = urljoin(site_url, page)
    base = urlparse(site_url)
    problems = []
    for tag, href in links:
        if not href or href.startswith(("mailto:", "javascript:", "data:")):
            continue
        url = urlparse(urljoin(here, href))
        if url.netloc != base.netloc:
            continue  # another site: a plain link out (never loaded, see the privacy gate)
        target = url_file(site, base.path, url.path)
        if target is None or not target.is_file():
            problems.append(f"{page or '(home)'}: {tag} {href!r} -> no such file")
        elif url.fragment and target.suffix == ".html" and url.fragment not in _ids(target):
            problems.append(f"{page or '(home)'}: {tag} {href!r} -> no #{url.fragment} there")
    return problems


def test_every_internal_link_and_anchor_resolves(site, site_url, facts):
    problems = []
    for page, f in facts.items():
        problems += broken_links(site, site_url, page, f.links)
    assert problems == [], "\n".join(problems)


def test_search_results_lead_to_existing_anchors(site, site_url):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    links = [("search result", d["location"]) for d in index["docs"]]
    assert links, "empty search index"
    assert broken_links(site, site_url, "", links) == []


def test_sitemap_lists_every_page_with_both_languages(site, site_url, pages):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    problems = []
    listed: set[str] = set()
    for url in ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url", ns):
        loc = url.findtext("s:loc", namespaces=ns) or ""
        alternates = {a.get("hreflang"): a.get("href") or "" for a in url.findall("x:link", ns)}
        if set(alternates) != {"ja", "en"}:
            problems.append(f"sitemap {loc}: hreflang alternates {sorted(alternates)}")
        for u in (loc, *alternates.values()):
            if not u.startswith(site_url):
                problems.append(f"sitemap: {u} is not under site_url {site_url}")
            listed.add(u.removeprefix(site_url))
    problems += [
        f"{p or '(home)'}: not in sitemap.xml" for p in pages if p != NOT_FOUND and p not in listed
    ]
    assert problems == [], "\n".join(problems)


def test_seo_basics_on_every_page(site_url, facts):
    """Right lang, a title, heading and description in it, canonical and absolute hreflang
    alternates; the language switcher stays relative (it works on any host)."""
    problems = []
    descriptions: dict[str, str] = {}
    for page, f in facts.items():
        name, is_page = page or "(home)", page != NOT_FOUND
        lang = page_language(page) if is_page else f.lang  # 404: consistent with itself
        other = counterpart(page)
        absolute = [h for h in f.switcher.values() if h.startswith(("http:", "https:"))]
        rules = [
            (f.lang == lang, f"<html lang={f.lang!r}>, expected {lang!r}"),
            (in_language(f.title, lang), f"<title> {f.title!r} is not in {lang}"),
            (in_language(f.heading, lang), f"<h1> {f.heading!r} is not in {lang}"),
            (in_language(f.description or "", lang),
             f"meta description {f.description!r} is not in {lang}"),
            (not is_page or f.description not in descriptions,
             f"same meta description as {descriptions.get(f.description or '')}"),
            (set(f.hreflang) == {"ja", "en"}, f"hreflang alternates {sorted(f.hreflang)}"),
            *((href.startswith(site_url), f"hreflang={hreflang} href {href!r} is not absolute")
              for hreflang, href in f.hreflang.items()),
            # Served at any path, the 404 page's links are absolute.
            (not absolute or not is_page, f"language switcher {f.switcher} is not relative"),
            (not is_page or f.canonical == urljoin(site_url, page), f"canonical {f.canonical!r}"),
            (not is_page or f.hreflang.get(lang) == f.canonical,
             "its own hreflang alternate is not its canonical URL"),
            (not is_page or f.hreflang.get(page_language(other)) == urljoin(site_url, other),
             "hreflang alternate does not name its counterpart"),
        ]  # fmt: skip
        problems += [f"{name}: {message}" for ok, message in rules if not ok]
        descriptions.setdefault(f.description or "", name)
    assert problems == [], "\n".join(problems)
    # Guards the heading parser.
    assert facts["functions/relu/"].heading.startswith("ReLU 関数"), facts["functions/relu/"]


def test_every_figure_has_alt_text_in_its_language(facts):
    problems = []
    for page, f in facts.items():
        lang = page_language(page)
        for img in f.images:
            alt = (img.alt or "").strip()
            if not alt:
                problems.append(f"{page or '(home)'}: <img src={img.src!r}> has no alt text")
            elif not in_language(alt, lang) or re.search(r"\.(svg|png|jpe?g)\b", alt):
                problems.append(f"{page or '(home)'}: <img src={img.src!r}> alt {alt!r} not {lang}")
            elif len(alt) < MIN_ALT:
                problems.append(f"{page or '(home)'}: <img src={img.src!r}> alt {alt!r} too short")
    assert problems == [], "\n".join(problems)
    # Guards the parser: it finds the figures of the pages and the notebooks' plots.
    notebooks = [f.images for page, f in facts.items() if "generated/notebooks/" in page]
    assert len(notebooks) == 2 and all(notebooks), "no notebook plots found"
    assert sum(len(f.images) for f in facts.values()) > 50, "too few figures found"


def test_every_table_has_header_cells(facts):
    problems = [
        f"{page or '(home)'}: table after {t.where or 'the start'} has no <th>"
        for page, f in facts.items()
        for t in f.tables
        if t.header_cells == 0
    ]
    assert problems == [], "\n".join(problems)
    assert any(f.tables for f in facts.values()), "no tables found: is the parser still right?"


def test_english_pages_link_to_english_pages(page_html):
    """Generated fact boxes link with raw HTML, relative to the page's own language."""
    assert 'href="../functions/step/"' in page_html["en/gradients/"]


def test_a_broken_file_or_anchor_is_reported(tmp_path):
    """The link checker itself: a missing anchor and a missing page are each named."""
    site_url = "http://127.0.0.1:1/base/"
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<article><h2 id="here">b</h2></article>')
    links = [("a", "../b/#here"), ("a", "../b/#gone"), ("a", "../c/"),
             ("img", "../x.svg#only-dark"), ("a", "https://example.org/"),
             ("a", "mailto:x@example.org")]  # fmt: skip
    assert broken_links(tmp_path, site_url, "a/", links) == [
        "a/: a '../b/#gone' -> no #gone there",
        "a/: a '../c/' -> no such file",
        "a/: img '../x.svg#only-dark' -> no such file",
    ]


def test_nothing_is_left_unrendered(page_html):
    problems = []
    for page, html in page_html.items():
        main = html.split("<article", 1)[1].split("</article>", 1)[0]
        text = re.sub(r"<(pre|code|math)[\s>].*?</\1>", "", main, flags=re.S)
        problems += [f"{page or '(home)'}: unrendered {leftover!r}"
                     for leftover in ("{{", "}}", "--8<--", "$$", "\\frac", "\\begin")
                     if leftover in text]  # fmt: skip
        if ("<math" in main) == (page.removeprefix("en/") in WITHOUT_MATH):
            problems.append(f"{page or '(home)'}: MathML shown: {'<math' in main}")
    assert problems == [], "\n".join(problems)
