"""Quality gates on the built files of every page, in both languages (conftest.py's ``pages``,
each parsed once in ``soups``); each failure names the page, the rule and the element. What a
browser does with them (axe, requests, console, language switcher, search): test_quality_browser."""

import json
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlparse
from xml.etree import ElementTree

import pytest
from site_pages import counterpart, links, page_file, page_language, parsed, transferred, url_file

from activation_tutorial.pictures import NARROW_MEDIA, narrow_twins
from activation_tutorial.theme import minified, own_assets
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
BUDGET_KB = 200
"""Transferred per page, in kB (1000 bytes), gzip level 6."""
LOADED = {"link[rel=stylesheet]", "script", "img"}
"""What a page's first view loads, or a scroll through it: the rest are links a reader follows."""


def validate(site: Path) -> int:
    """The Nu validator (vnu-jar, on the system Java) over every built page, its JSON report
    printed: what ``python tests/test_quality_static.py DIR SITE`` does, started by conftest.py."""
    from site_pages import built_pages  # how conftest.py lists the pages

    files = [str(page_file(site, p)) for p in built_pages(site)]
    java = [shutil.which("java") or "java", *JAVA_OPTIONS, "-jar", str(VNU)]
    result = subprocess.run([*java, "--errors-only", "--format", "json", *files], text=True,
                            stderr=subprocess.PIPE)  # fmt: skip
    print(result.stderr)
    return result.returncode


@pytest.mark.waits
def test_html_validator_reports_no_errors(site, background):
    """Zero errors on every built page."""
    assert VNU.exists(), f"{VNU} missing: run `make test` (it runs npm ci --ignore-scripts)"
    assert shutil.which("java"), "no java: the Nu validator runs on the system Java (see .ci/run)"
    job = background[Path(__file__).name]
    code = job["ended"]()
    messages = json.loads(job["log"].read_text().strip() or '{"messages": []}')["messages"]
    problems = [  # --errors-only: every message is an error
        f"{Path(urlparse(m.get('url', '')).path).relative_to(site)}:{m.get('lastLine', '?')}: "
        f"{m['message']}  [{(m.get('extract') or '').strip()[:120]}]"
        for m in messages
    ]
    assert problems == [], "\n".join(problems)
    assert code == 0, job["errors"].read_text()[-2000:]


@cache
def _ids(file: Path) -> set[str]:
    """The anchors a link can name in a built page."""
    return {e["id"] for e in parsed(file).select("[id]")}


def broken_links(site: Path, site_url: str, page: str, found: list[tuple[str, str]]) -> list[str]:
    """Same-site links of one page whose file or ``#anchor`` does not exist."""
    here = urljoin(site_url, page)
    base = urlparse(site_url)
    problems = []
    for tag, href in found:
        url = urlparse(urljoin(here, href))
        if url.netloc != base.netloc:
            continue  # another site or mailto: a plain link out (never loaded: the privacy gate)
        target = url_file(site, base.path, url.path)
        if target is None or not target.is_file():
            problems.append(f"{page or '(home)'}: {tag} {href!r} -> no such file")
        elif url.fragment and target.suffix == ".html" and url.fragment not in _ids(target):
            problems.append(f"{page or '(home)'}: {tag} {href!r} -> no #{url.fragment} there")
    return problems


def test_every_internal_link_and_anchor_resolves(site, site_url, soups):
    problems = []
    for page, soup in soups.items():
        problems += broken_links(site, site_url, page, links(soup))
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    results = [("search result", d["location"]) for d in index["docs"]]
    assert results, "empty search index"
    problems += broken_links(site, site_url, "", results)
    assert problems == [], "\n".join(problems)


def test_a_broken_file_or_anchor_is_reported(tmp_path):
    """The link checker itself: a missing anchor and a missing page are each named."""
    site_url = "http://127.0.0.1:1/base/"
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<article><h2 id="here">b</h2></article>')
    found = [("a", "../b/#here"), ("a", "../b/#gone"), ("a", "../c/"),
             ("img", "../x.svg#only-dark"), ("a", "https://example.org/"),
             ("a", "mailto:x@example.org")]  # fmt: skip
    assert broken_links(tmp_path, site_url, "a/", found) == [
        "a/: a '../b/#gone' -> no #gone there",
        "a/: a '../c/' -> no such file",
        "a/: img '../x.svg#only-dark' -> no such file",
    ]


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


def test_seo_basics_on_every_page(site_url, soups):
    """Right lang, a title, heading and description in it, canonical and absolute hreflang
    alternates; the language switcher stays relative (it works on any host)."""
    problems = []
    descriptions: dict[str, str] = {}
    for page, soup in soups.items():
        name, is_page = page or "(home)", page != NOT_FOUND
        html_lang, title, heading = soup.html.get("lang"), soup.title.text, soup.h1.text
        description = (soup.find("meta", attrs={"name": "description"}) or {}).get("content")
        canonical = (soup.select_one("link[rel=canonical]") or {}).get("href")
        hreflang = {e["hreflang"]: e["href"] for e in soup.select("link[rel=alternate][hreflang]")}
        switcher = [e["href"] for e in soup.select("a.md-select__link")]
        lang = page_language(page) if is_page else html_lang  # 404: consistent with itself
        other = counterpart(page)
        absolute = [h for h in switcher if h.startswith(("http:", "https:"))]
        rules = [
            (html_lang == lang, f"<html lang={html_lang!r}>, expected {lang!r}"),
            (in_language(title, lang), f"<title> {title!r} is not in {lang}"),
            (in_language(heading, lang), f"<h1> {heading!r} is not in {lang}"),
            (in_language(description or "", lang),
             f"meta description {description!r} is not in {lang}"),
            (not is_page or description not in descriptions,
             f"same meta description as {descriptions.get(description or '')}"),
            (set(hreflang) == {"ja", "en"}, f"hreflang alternates {sorted(hreflang)}"),
            *((href.startswith(site_url), f"hreflang={code} href {href!r} is not absolute")
              for code, href in hreflang.items()),
            # Served at any path, the 404 page's links are absolute.
            (not absolute or not is_page, f"language switcher {switcher} is not relative"),
            (not is_page or canonical == urljoin(site_url, page), f"canonical {canonical!r}"),
            (not is_page or hreflang.get(lang) == canonical,
             "its own hreflang alternate is not its canonical URL"),
            (not is_page or hreflang.get(page_language(other)) == urljoin(site_url, other),
             "hreflang alternate does not name its counterpart"),
        ]  # fmt: skip
        problems += [f"{name}: {message}" for ok, message in rules if not ok]
        descriptions.setdefault(description or "", name)
    assert problems == [], "\n".join(problems)


def test_every_figure_has_alt_text_in_its_language(soups):
    problems = []
    for page, soup in soups.items():
        lang = page_language(page)
        for img in soup.select("article img"):
            alt, where = img.get("alt", "").strip(), f"{page or '(home)'}: <img src={img['src']!r}>"
            if not alt:
                problems.append(f"{where} has no alt text")
            elif not in_language(alt, lang) or re.search(r"\.(svg|png|jpe?g)\b", alt):
                problems.append(f"{where} alt {alt!r} not {lang}")
            elif len(alt) < MIN_ALT:
                problems.append(f"{where} alt {alt!r} too short")
    assert problems == [], "\n".join(problems)
    # Guards the selector: it finds the figures of the pages and the notebooks' plots.
    assert sum(len(s.select("article img")) for s in soups.values()) > 50, "too few figures found"
    notebooks = [s.select("article img") for p, s in soups.items() if "generated/notebooks/" in p]
    assert len(notebooks) == 2 and all(notebooks), "no notebook plots found"


def test_every_table_has_header_cells(soups):
    problems, tables = [], 0
    for page, soup in soups.items():
        for table in soup.select("article table"):
            tables += 1
            if not table.th:
                heading = table.find_previous(["h1", "h2", "h3"], id=True)
                where = "#" + heading["id"] if heading else "the start"
                problems.append(f"{page or '(home)'}: table after {where} has no <th>")
    assert problems == [], "\n".join(problems)
    assert tables, "no tables found: is the selector still right?"


def test_links_to_pages_stay_in_the_pages_language(site_url, soups):
    """Generated fact boxes link with raw HTML, relative to the page's own language: only the
    language switcher leads to the other language (the 404 page's links lead to both)."""
    base = urlparse(site_url).path
    problems = []
    for page, soup in soups.items():
        for a in soup.select("a[href]:not(.md-select__link)"):
            url = urlparse(urljoin(urljoin(site_url, page), a["href"]))
            target = url.path.removeprefix(base)
            if url.netloc == urlparse(site_url).netloc and not re.search(r"\.\w+$", target):
                if page != NOT_FOUND and page_language(target) != page_language(page):
                    problems.append(f"{page or '(home)'}: {a['href']!r} leads to {target!r}")
    assert problems == [], "\n".join(problems)


def test_no_percent_sign_can_start_a_line(soups):
    """A number and its "%" are joined by a no-break space (generated tables, quoted values, prose):
    a phone never breaks before "%". Code does not wrap, and its "%" is Python's operator."""
    # Code's strings as a set: asking each string for its parents takes a second
    code = {page: {id(s) for tag in soup(["pre", "code"]) for s in tag.find_all(string=True)}
            for page, soup in soups.items()}  # fmt: skip
    texts = {page: "".join(s for s in soup.find_all(string=True) if id(s) not in code[page])
             for page, soup in soups.items()}  # fmt: skip
    apart = [f"{page or '(home)'}: {m[0]!r}" for page, text in texts.items()
             for m in re.finditer(r".{0,12}(?<!\u00a0)%", text)]  # fmt: skip
    assert apart == [], "\n".join(apart)
    assert sum(text.count("%") for text in texts.values()) > 50


_CLOSING_AFTER_MATH = re.compile(r"</math>([)）,.:;、。」]+)(</span>)?")


def test_every_formula_is_rendered_as_compact_mathml(page_html):
    """Pages' own formulas (l2m4m) and the generated ones alike: no TeX left over, no namespace,
    plain characters, a prime at text size, and no closing punctuation apart from its formula
    (the page hook's ``math_with_punctuation``)."""
    problems = []
    for page, html in page_html.items():
        main = html.split("<article", 1)[1].split("</article>", 1)[0]
        text = re.sub(r"<(pre|code|math)[\s>].*?</\1>", "", main, flags=re.S)
        said = [f"unrendered {leftover!r}"
                for leftover in ("{{", "}}", "--8<--", "$$", "\\frac", "\\begin")
                if leftover in text]  # fmt: skip
        if ("<math" in main) == (page.removeprefix("en/") in WITHOUT_MATH):
            said.append(f"MathML shown: {'<math' in main}")
        if 'xmlns="http://www.w3.org/1998/Math/MathML"' in html:
            said.append("MathML namespace")
        if re.search(r"<math\b(?:(?!</math>).)*?&#x000", html, re.S):
            said.append("zero-padded character references in MathML")
        if re.search(r"<mi>(?:[′″‴]|&#x0*203[234];)</mi></msup>", html):
            said.append("a raised prime")
        said += [f"</math>{m[1]}" for m in _CLOSING_AFTER_MATH.finditer(html) if not m[2]]
        problems += [f"{page or '(home)'}: {s}" for s in said]
    assert problems == [], "\n".join(problems)


def test_every_figure_is_sized_and_a_narrow_layout_is_a_picture(site, soups):
    """Each figure's box is reserved before it arrives (width and height); a figure with a narrow
    layout is a ``<picture>`` whose sized source a phone picks (that the file is there: the link
    check; which file a browser fetches: test_first_paint.py)."""
    twins = narrow_twins(p.name for p in (site / "generated" / "figures").glob("*.svg"))
    problems, shown = [], {}
    for page, soup in soups.items():
        for img in soup.select('img[src*="generated/figures/"]'):
            expected = twins.get(img["src"].split("#")[0].rsplit("/", 1)[1])
            source = img.find_previous_sibling("source") if img.parent.name == "picture" else None
            narrow = source and source.get("media") == NARROW_MEDIA and _sized(source)
            found = source["srcset"].rsplit("/", 1)[1] if narrow else None
            if not _sized(img) or found != expected:
                problems.append(f"{page or '(home)'}: {img['src']}: sized {_sized(img)}, narrow "
                                f"source {found}, expected {expected}")  # fmt: skip
            shown[page] = shown.get(page, 0) + (found is not None)
    assert problems == [], "\n".join(problems)
    # Guards the selector: the figures, the pictures among them, alike in both languages.
    assert sum(shown.values()) > 20 and all(n == shown[counterpart(p)] for p, n in shown.items())


def _sized(element: object) -> bool:
    return element.get("width", "").isdigit() and element.get("height", "").isdigit()


def test_generated_figures_are_compact(site):
    figures = sorted((site / "generated" / "figures").glob("*.svg"))
    assert len(figures) > 20
    for svg in figures:
        data = svg.read_bytes()
        assert b"<!--" not in data, svg.name
        # matplotlib indents each of hundreds of elements.
        assert not re.search(rb"\n +<", data), svg.name
        assert not re.search(rb' d="[^"]*\d\.\d{3}', data), svg.name


def test_every_page_is_within_its_budget(site, site_url, soups):
    """The bytes a reader transfers, gzip as GitHub Pages serves text: the page's own HTML, the
    stylesheets and scripts it loads, the figures a reader sees who scrolls through it in one
    palette (the search index and the XOR explorer load on demand and are not counted)."""
    base = urlparse(site_url).path
    weights = {}
    for page, soup in soups.items():
        files = {page_file(site, page)}
        for tag, href in links(soup):
            if tag in LOADED and not href.endswith("#only-dark"):
                files.add(url_file(site, base, urlparse(urljoin(site_url + page, href)).path))
        weights[page] = sum(transferred(file) for file in files - {None})
    over = [f"{p or '(home)'}: {w / 1e3:.0f} kB" for p, w in weights.items() if w > BUDGET_KB * 1e3]
    assert over == [], f"over {BUDGET_KB} kB transferred:\n" + "\n".join(over)
    # Guards the sum: the heaviest page loads the theme's bundle and several figures.
    assert max(weights.values()) > 100_000, weights


def test_built_code_blocks_carry_no_per_line_anchors(page_html):
    assert [page or "(home)" for page, html in page_html.items() if "__codelineno" in html] == []


def test_our_css_and_js_are_served_minified_and_transfer_fewer_bytes(site):
    """Comments and indentation are bytes that gzip cannot remove."""
    sources = own_assets(ROOT / "docs")
    assert {p.name for p in sources} >= {"site.css", "theme-fixes.js", "lazy-search.js"}
    for source in sources:
        built = site / "assets" / source.name
        assert built.read_text(encoding="utf-8") == minified(
            source.read_text(encoding="utf-8"), source.suffix
        ), f"{source.name} is not minified in the site"
        assert transferred(built) < 0.8 * transferred(source), source.name


def test_the_explorer_loads_only_on_its_page_through_its_loader(soups):
    # What the loader fetches, and when: test_xor_explorer.py's
    # test_the_explorer_loads_only_when_near_and_runs_within_the_csp.
    loader = 'script[src$="xor-explorer-loader.js"]'
    assert sorted(p for p, soup in soups.items() if soup.select(loader)) == [
        "en/xor-network/", "xor-network/"
    ]  # fmt: skip
    direct = 'script[src$="xor-explorer.js"], link[href$="xor-explorer.css"]'
    assert [p or "(home)" for p, soup in soups.items() if soup.select(direct)] == []


if __name__ == "__main__":
    sys.exit(validate(Path(sys.argv[2])))
