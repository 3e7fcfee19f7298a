"""What a reader sees of text, tables and formulas on a phone (390 px), a laptop and paper.
Every built page's formulas and percentages: test_quality_static; that no page is wider than the
view and every table cell and display formula can be reached, at 390 and 1280 px: the browser
pass (test_quality_browser)."""

import re

import pytest
from chromium import CELLS_OUTSIDE

from activation_tutorial.content.math import (
    compact_math,
    compact_mathml,
    math_with_punctuation,
    mathml,
)

VISIBLE_CONTROLS = """() => [...document.querySelectorAll(
    'button, input:not([type=hidden]), select, [role=slider], nav, .md-header, .md-sidebar,'
    + '.md-footer')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
                 && getComputedStyle(e).visibility !== 'hidden'; })
  .map(e => e.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("name", ["xor-network/", "en/comparison/"])
def test_a_printed_page_has_no_controls_and_uncut_tables(server, warm_page, name):
    page = warm_page(794, 1123, "light")  # A4 at 96 dpi
    page.emulate_media(media="print")
    page.goto(server + name)
    assert page.evaluate(VISIBLE_CONTROLS) == []
    assert page.evaluate(CELLS_OUTSIDE) == []


X = "<math><mi>x</mi></math>"
Y = "<math><mi>y</mi></math>"
BLOCK = '<math display="block"><mi>x</mi></math>'


def nobr(inner: str) -> str:
    return f'<span class="math-nobr">{inner}</span>'


UNCHANGED = {
    "no-punctuation": f"<p>{X} and {Y}</p>",
    "cell-alone": f"<td>{X}</td>",
    "spaced": f"<p>a {X} , b ( {Y} )</p>",  # a space between: the line may break there anyway
    "display": f"<p>({BLOCK}).</p>",  # a display formula is a block of its own
    "pre": f"<pre><code>({X}),</code></pre>",  # what a reader copies
    "code": f"<p><code>f(</code>{X} <code>{Y})</code></p>",
    "no-math": "<p>(no formula), here.</p>",
}


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # The case seen on en/functions/mish/: ")" (and the comma after it) went to the next line.
        (f"<p>(also called SiLU, {X}), and</p>", f"<p>(also called SiLU, {nobr(X + '),')} and</p>"),
        (f"<p>a ({X}) b</p>", f"<p>a {nobr(f'({X})')} b</p>"),
        # Japanese punctuation, full-width brackets and quotes.
        (f"<p>関数（{X}）があり</p>", f"<p>関数{nobr(f'（{X}）')}があり</p>"),
        (f"<p>値は{X}、次に{Y}。</p>", f"<p>値は{nobr(X + '、')}次に{nobr(Y + '。')}</p>"),
        (f"<p>「{X}」と書く</p>", f"<p>{nobr(f'「{X}」')}と書く</p>"),
        # At the start and the end of a paragraph.
        (f"<p>{X}: the input</p>", f"<p>{nobr(X + ':')} the input</p>"),
        (f"<p>the input is {X}.</p>", f"<p>the input is {nobr(X + '.')}</p>"),
        # Two formulas in a row: written together they stay together; apart, each keeps its own.
        (f"<p>({X}{Y})</p>", f"<p>{nobr(f'({X}{Y})')}</p>"),
        (f"<p>{X}, {Y};</p>", f"<p>{nobr(X + ',')} {nobr(Y + ';')}</p>"),
        # Inside a table cell.
        (f"<td>({X})</td>", f"<td>{nobr(f'({X})')}</td>"),
        *((html, html) for html in UNCHANGED.values()),
    ],
    ids=["mish-en", "parentheses", "ja-parentheses", "ja-comma-and-stop", "ja-quotes",
         "paragraph-start", "paragraph-end", "two-together", "two-apart", "table-cell",
         *UNCHANGED],
)  # fmt: skip
def test_inline_math_keeps_the_punctuation_beside_it_and_nothing_else_changes(html, expected):
    assert math_with_punctuation(html) == expected


def test_compact_math_keeps_the_formula_and_touches_only_math():
    raw = (
        '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow>'
        '<mi>f</mi><mo>&#x02061;</mo><mo stretchy="false">&#x00028;</mo><mi>x</mi>'
        "<mo>&#x0003C;</mo><mn>0</mn><mo>&#x02264;</mo><mi>&#x003C3;</mi></mrow></math>"
    )
    assert compact_math(raw) == (
        '<math><mrow><mi>f</mi><mo>&#x2061;</mo><mo stretchy="false">(</mo><mi>x</mi>'
        "<mo>&#x3C;</mo><mn>0</mn><mo>≤</mo><mi>σ</mi></mrow></math>"
    )
    block = '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><mi>x</mi></math>'
    assert compact_math(block) == '<math display="block"><mi>x</mi></math>'
    # In a page, only the formulas.
    page = '<p title="&#x00028;">a</p><math display="inline"><mo>&#x0002B;</mo></math>'
    assert compact_mathml(page) == '<p title="&#x00028;">a</p><math><mo>+</mo></math>'


def test_a_prime_follows_its_base_at_text_size():
    prime = '<mo lspace="0" rspace="0">{}</mo>'
    assert mathml("f'(x)").startswith("<math><mrow><mi>f</mi>" + prime.format("′") + "<mo")
    assert "<mi>f</mi>" + prime.format("″") in mathml("f''(x)")
    relu = mathml(r"\mathrm{ReLU}'(x)")
    assert "</mi></mrow>" + prime.format("′") in relu and "<msup>" not in relu
    assert "<msup>" not in mathml(r"\tanh^{\prime}(x)")
    # Other superscripts stay superscripts, a prime among them included.
    assert "<msup><mi>x</mi><mn>2</mn></msup>" in mathml("x^2")
    assert "<msup>" in mathml("x'^2")


# One page load at 390 px in the run's warm browser context.

PUNCTUATION_AFTER_MATH = """() => {
    // The formula in "(also called SiLU, xσ(x))" and the ")" written right after it.
    const p = [...document.querySelectorAll("article p")]
        .find((p) => p.textContent.includes("SiLU"));
    const math = [...p.querySelectorAll("math")]
        .find((m) => m.nextSibling?.textContent.startsWith(")"));
    const text = math.nextSibling;  // the text itself, or the text's start, in one node
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 1);
    const [m, r] = [math.getBoundingClientRect(), range.getBoundingClientRect()];
    return {mathTop: m.top, mathBottom: m.bottom, mathRight: m.right,
            parenMiddle: (r.top + r.bottom) / 2, parenLeft: r.left};
}"""

FACTS_ROWS = """() => [...document.querySelector(".activation-facts table").rows].map((row) =>
    row.cells[0].getBoundingClientRect().bottom <= row.cells[1].getBoundingClientRect().top + 1)"""


def test_on_a_phone_mish_reads_without_breaks_and_its_facts_as_cards(server, warm_page):
    page = warm_page(390, 844, "light")
    page.goto(server + "en/functions/mish/")
    # Material wraps each table in scrolling boxes after the first paint: measure after that.
    page.locator(".activation-facts .md-typeset__scrollwrap").first.wait_for(state="attached")

    at = page.evaluate(PUNCTUATION_AFTER_MATH)
    assert at["mathTop"] <= at["parenMiddle"] <= at["mathBottom"], f"')' on another line: {at}"
    assert abs(at["parenLeft"] - at["mathRight"]) < 1, at

    rows = page.evaluate(FACTS_ROWS)
    assert all(rows), f"each label above its value: {rows}"

    # Laid out as blocks, the rows keep the table's semantics for assistive technology.
    tree = page.locator(".activation-facts table").aria_snapshot()
    assert tree.startswith("- table:") and re.search(r"- row .*:\n +- rowheader ", tree), tree


# The XOR steps and the functions overview: one load of each page at 390 px, in the warm context.

STEPS_FIT = """() => {
    // Every tab of each step-by-step set, shown in turn (Material's tabs are radio inputs).
    const out = [];
    for (const set of document.querySelectorAll(".tabbed-set")) {
        const inputs = [...set.querySelectorAll(":scope > input")];
        inputs.forEach((input, tab) => {
            input.checked = true;
            const math = set.querySelectorAll(":scope > .tabbed-content > .tabbed-block")[tab]
                .querySelector("math.xor-steps");
            if (!math) return;
            const box = math.getBoundingClientRect();
            const inBox = (c) => c.left >= box.left - .5 && c.right <= box.right + .5;
            const rows = [...math.querySelectorAll("mtr")].map((tr) => {
                const r = [...tr.children].map((td) => td.getBoundingClientRect());
                return {inside: r.every(inBox), below: r[2].top >= r[1].bottom - 1};
            });
            out.push({tab, scroll: math.scrollWidth, client: math.clientWidth,
                      column: math.parentElement.clientWidth, right: box.right, rows});
        });
        inputs[0].checked = true;
    }
    return out;
}"""

OVERVIEW_CARDS = """() => {
    const table = document.querySelector(".functions-overview table");
    const top = (row, i) => row.cells[i].getBoundingClientRect().top;
    const cut = [...table.querySelectorAll("th, td")].filter((c) => c.scrollWidth > c.clientWidth);
    return {cells: cut.map((c) => c.textContent),
            below: [...table.rows].map((row) => top(row, 2) > top(row, 0) + 1)};
}"""


def test_on_a_phone_the_xor_steps_and_the_functions_overview_fit_their_column(server, warm_page):
    """At 390 px no step of any tab is wider than its box (a scroll box cut "≈ −4.933" at "≈ −4"):
    each result sits under its calculation. The overview on functions/ shows cards, each cell's
    text whole and the source under the name, and stays a table for assistive technology."""
    page = warm_page(390, 844, "light")
    page.goto(server + "xor-network/")
    steps = page.evaluate(STEPS_FIT)
    assert len(steps) == 4, steps
    for s in steps:
        assert s["scroll"] <= s["client"] <= s["column"], f"tab {s['tab']} scrolls sideways: {s}"
        assert all(r["inside"] for r in s["rows"]), f"tab {s['tab']}: a cell outside its box"
        assert all(r["below"] for r in s["rows"]), f"tab {s['tab']}: a result beside its step"

    page.goto(server + "en/functions/")
    # Material wraps each table in scrolling boxes after the first paint: measure after that.
    page.locator(".functions-overview .md-typeset__scrollwrap").first.wait_for(state="attached")
    fits = page.evaluate(OVERVIEW_CARDS)
    assert fits["cells"] == [], f"cells wider than their card: {fits['cells']}"
    assert all(fits["below"]), f"each source under its name: {fits['below']}"

    tree = page.locator(".functions-overview table").aria_snapshot()
    assert tree.startswith("- table:") and re.search(r"- row .*:\n +- cell ", tree), tree
