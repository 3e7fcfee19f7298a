"""Quality gates in Chromium, on every built page at 390 and 1280 px, in both palettes (``views``):
axe finds nothing, nothing leaves the site, the console stays clean (no error, page error or failed
request), table cells, display formulas and the page's width can be read whole, the language
switcher leads to the other language, search finds pages in both and loads only when opened. The
pass is a process of its own (``python tests/test_quality_browser.py SITE URL OUT.json``), started
by conftest.py once the site is built to run beside the other tests; the tests here read its record.
Each failure names the page, the view, the rule and the element."""

import json
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from chromium import ANIMATIONS_DONE, CELLS_OUTSIDE, CHROMIUM, CHROMIUM_ARGS, SET_SCHEME, SETTLED
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright
from site_pages import built_pages, counterpart, page_language

pytestmark = pytest.mark.waits  # the pass runs in the background from the session's start
ROOT = Path(__file__).resolve().parent.parent
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = [390, 1280]  # the last is a page's last load: home pages are searched then
HEIGHT = 800
SCHEMES = {"light": "default", "dark": "slate"}
"""Material's palette for each colour scheme a browser can prefer."""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe rules whose outcome depends on the palette (CSS keyed on the body's
``data-md-color-scheme``, the same HTML): the dark palette runs only these."""
AXE_OPTIONS = {"resultTypes": ["violations"]}
AXE_CONFIG = "axe.configure({ noHtml: true });"
"""A finding names its element by selector; axe need not copy every node's HTML."""
COLOUR_OPTIONS = AXE_OPTIONS | {"runOnly": COLOUR_RULES}
SEARCHES = [
    ("", "活性化関数", "functions/"),
    ("", "勾配消失", "functions/"),
    ("", "排他的論理和", "xor/"),
    ("en/", "activation", "en/"),
    ("en/", "vanishing", "en/functions/"),
    ("en/", "spreadsheet", "en/xor-network/"),
    ("en/", "gradient", "en/gradients/"),
    ("", "ReLU", "functions/relu/"),
]
"""(home page searched from, query, a page its results must include): words of both languages.
The first query of each home also has its open dialog, with results, checked by axe."""
JIT_ARGS = ["--js-flags=--no-opt --no-maglev"]
"""Each page's scripts run for about a second: too short for V8's optimised code to pay back."""
SEARCH_FILES = re.compile(r"/search/search_index(\.\w+)?\.json$|/workers/search\.[^/]*\.js$|/lunr/")
"""What search loads: its index, its worker and the worker's language support."""
AXE = f"""async ([palette, options]) => {{
  const background = ({SET_SCHEME})(palette);
  return [background, (await axe.run(document, options)).violations];
}}"""
"""Shows Material's ``palette`` and runs axe in it: [the body's background colour, violations]."""
SWITCHER = f"""() => ({SETTLED})().then(() =>
  [...document.querySelectorAll("a.md-select__link")].map((a) => [a.hreflang, a.href]))"""
"""The language switcher's links (absolute, as the browser holds them), read once the first
frames have run, so the axe run started next sees the scroll boxes marked focusable."""

CUT_FORMULAS = """() => [...document.querySelectorAll(
  '.md-content :is(math[display="block"], .activation-facts td > math)')]
  .filter(m => m.scrollWidth > m.clientWidth + 1
               && !getComputedStyle(m).backgroundImage.includes('gradient'))
  .map(m => m.textContent.replace(/\\s+/g, ' ').slice(0, 40))"""
"""Display formulas (and the fact boxes' formulas, display blocks on a phone) wider than their
box that show no scroll shadow at the edge."""
PAGE_SCROLLS = "document.documentElement.scrollWidth > document.documentElement.clientWidth"


FINDINGS = ["axe_violations", "unreachable_cells_and_formulas", "requests_to_other_hosts",
            "console_errors", "search_loaded_before_opened"]  # fmt: skip
"""What the pass records that must stay empty, each with the page and view that showed it."""


def views(page: str, pages: list[str]) -> list[tuple[int, bool, bool]]:
    """(width, loaded there: every axe rule in the light palette, dark palette's colour rules)
    for each view of ``page``. A page and its other language share their layout, scripts and
    CSS, so they split the work: the Japanese page is loaded at a phone's width and widened, the
    English one loaded wide and narrowed; each gets every rule in the light palette at its load,
    and the Japanese one the dark palette's at its wide width (the CSS and structure the colours
    come from are the pair's). A page without a counterpart gets all of it at both widths."""
    if counterpart(page) not in pages:
        return [(width, True, True) for width in WIDTHS]
    ja = page_language(page) == "ja"
    first, second = WIDTHS if ja else WIDTHS[::-1]
    return [(first, True, False), (second, False, ja)]


def sweep_site(browser: object, server: str, pages: list[str]) -> dict:
    """One tab through every page's ``views``, each home page then searched. Returns the record:
    FINDINGS, and what proves the pass saw what it checks (``site_requests``, ``search_opened``,
    ``backgrounds`` per palette, pages ``seen`` per width, the language ``switchers``' links, the
    links of each query's ``search_hits``)."""
    record = {finding: [] for finding in FINDINGS} | {
        "site_requests": 0, "search_opened": 0, "backgrounds": {}, "seen": {}, "switchers": {},
        "search_hits": {},
    }  # fmt: skip
    now = {"view": "", "search_open": False}  # for the listeners' messages

    def axe(where: str, scheme: str) -> None:
        options = COLOUR_OPTIONS if scheme == "dark" else AXE_OPTIONS
        background, violations = tab.evaluate(AXE, [SCHEMES[scheme], options])
        record["axe_violations"] += [
            f"{where} {scheme}: {v['id']} ({v['impact']}) on {node['target']}: "
            + " ".join(node.get("failureSummary", "").split())[:300]
            for v in violations
            for node in v["nodes"]
        ]
        record["backgrounds"].setdefault(scheme, []).append(background)

    def request(r: object) -> None:
        if urlparse(r.url).netloc != urlparse(server).netloc:
            record["requests_to_other_hosts"].append(f"{now['view']}: {r.method} {r.url}")
        else:
            record["site_requests"] += 1
        if SEARCH_FILES.search(urlparse(r.url).path):
            if now["search_open"]:
                record["search_opened"] += 1
            else:
                record["search_loaded_before_opened"].append(f"{now['view']}: {r.url}")

    def failed(r: object) -> None:
        # ERR_ABORTED: the pass moved on to the next page while a search worker still loaded.
        if "ERR_ABORTED" not in (r.failure or ""):
            error(f"request failed {r.url} ({r.failure})")

    def error(text: str) -> None:
        record["console_errors"].append(f"{now['view']}: {text}")

    context = browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT})
    context.add_init_script(path=str(AXE_SCRIPT))
    context.add_init_script(AXE_CONFIG)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.on("request", request)
    tab.on("console", lambda m: m.type == "error" and error(f"{m.text} @ {m.location.get('url')}"))
    tab.on("pageerror", lambda e: error(str(e)))
    tab.on("requestfailed", failed)
    for page in pages:
        for width, load, dark in views(page, pages):
            tab.set_viewport_size({"width": width, "height": HEIGHT})
            if load:
                now.update(view=f"{page or '(home)'} @{width}px (loading)", search_open=False)
                tab.goto(server + page, wait_until="load")
            record["switchers"][page] = dict(tab.evaluate(SWITCHER))
            now["view"] = f"{page or '(home)'} @{width}px"
            cut = [
                *(f"cell outside its table: {c}" for c in tab.evaluate(CELLS_OUTSIDE)),
                *(f"formula cut with no scroll cue: {f}" for f in tab.evaluate(CUT_FORMULAS)),
                *(["the page scrolls sideways"] if tab.evaluate(PAGE_SCROLLS) else []),
            ]
            record["unreachable_cells_and_formulas"] += [f"{now['view']}: {c}" for c in cut]
            if load:
                axe(now["view"], "light")
            if dark:
                axe(now["view"], "dark")
            record["seen"].setdefault(f"@{width}px", []).append(page)
        if any(home == page for home, _, _ in SEARCHES):  # searched wide, in the light palette
            tab.set_viewport_size({"width": WIDTHS[-1], "height": HEIGHT})
            tab.evaluate(SET_SCHEME, SCHEMES["light"])
            now["search_open"] = True
            search(tab, page, record, axe)
    context.close()
    return record


def search(tab: object, home: str, record: dict, axe: object) -> None:
    """Run each query of this home page in its search dialog; axe the dialog with results open."""
    box = tab.locator("input.md-search__input")
    results = tab.locator(".md-search-result__item")
    tab.keyboard.press("/")  # Material's shortcut: focuses the search field, which starts search
    box.wait_for(state="visible")
    for i, (_, query, _) in enumerate(q for q in SEARCHES if q[0] == home):
        if i:  # empty the list first, so the links read below are this query's
            box.fill("")
            box.press("End")
            results.first.wait_for(state="detached")
        box.fill(query)
        box.press("End")  # a key event makes Material run the query (fill alone may not)
        try:
            results.first.wait_for(timeout=10_000)
        except PlaywrightTimeout:  # no result: the test names the query; the other gates go on
            record["search_hits"][query] = []
            continue
        links = tab.locator(".md-search-result__item a")
        record["search_hits"][query] = [links.nth(n).get_attribute("href") or ""
                                        for n in range(links.count())]  # fmt: skip
        if i == 0:
            # Results fade in: let the animations finish, or axe measures half-transparent colours.
            tab.evaluate(ANIMATIONS_DONE)
            for scheme in SCHEMES:
                axe(f"{home or '(home)'} @{WIDTHS[-1]}px, search {query!r} open,", scheme)
    tab.evaluate(SET_SCHEME, SCHEMES["light"])


@pytest.fixture(scope="module")
def sweep(background: dict) -> dict:
    """The record of the pass started in the background by conftest.py, once it has finished."""
    job = background["sweep"]
    code = job["ended"]()
    assert code == 0, f"the browser pass failed:\n{job['errors'].read_text()[-4000:]}"
    return json.loads(job["out"].read_text())


@pytest.mark.parametrize("finding", FINDINGS)
def test_the_pass_finds_nothing(sweep, finding):
    assert sweep[finding] == [], "\n".join(sweep[finding])


def test_every_page_was_seen_at_both_widths_in_both_palettes(sweep, pages):
    """Guards the pass itself: every page was checked once at each width, the palettes really
    differed (the palette a browser prefers, on load: test_first_paint), the listener saw the
    site's requests and search's once the reader opened it (its keyboard shortcut)."""
    assert sweep["site_requests"] > 0, "no request seen at all: is the listener attached?"
    assert sweep["search_opened"] > 0, "no search request seen after opening search"
    assert sweep["seen"] == {f"@{width}px": pages for width in WIDTHS}
    light, dark = (set(sweep["backgrounds"][scheme]) for scheme in SCHEMES)
    assert len(light) == len(dark) == 1 and light != dark, sweep["backgrounds"]


def test_language_switcher_leads_to_the_counterpart(sweep, server, pages):
    """On every page the switcher links to the page itself and its counterpart (on the 404 page:
    each language's home), as the browser holds the links once the theme's scripts have run (with
    navigation.instant off, a click follows the link, and the link check finds its file)."""
    links = {page: {page_language(p): server + p for p in (page, counterpart(page))}
             for page in pages}  # fmt: skip
    links["404.html"] = {"ja": server, "en": server + "en/"}  # no counterpart: each language's home
    wrong = [
        f"{page or '(home)'}: switcher {sweep['switchers'].get(page)}, not {want}"
        for page, want in links.items()
        if sweep["switchers"].get(page) != want
    ]
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize(("home", "query", "expected"), SEARCHES, ids=[q for _, q, _ in SEARCHES])
def test_search_finds_the_page(sweep, server, home, query, expected):
    """Search in the browser finds pages by Japanese and by English words (GUIDE: the stemmer),
    and lists only pages in the language of the page searched from."""
    hits = sweep["search_hits"].get(query)
    assert hits, f"{query!r} (searched from {home or '(home)'}): no results"
    assert any(h.startswith(server + expected) for h in hits), f"{query!r} found {hits[:5]}"
    other = [h for h in hits if h.startswith(server + "en/") != (home == "en/")]
    assert other == [], f"{query!r} from {home or '(home)'} lists another language: {other}"


if __name__ == "__main__":
    site_dir, url, out_file = sys.argv[1:]
    if not AXE_SCRIPT.exists():
        sys.exit(f"{AXE_SCRIPT} missing: run `make test` (it runs npm ci --ignore-scripts)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + JIT_ARGS)
        record = sweep_site(browser, url, built_pages(Path(site_dir)))
    Path(out_file).write_text(json.dumps(record, ensure_ascii=False))
