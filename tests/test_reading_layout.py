"""What a reader sees of tables and formulas, on a phone and a laptop, and on paper.

Every generated table shows all of its columns inside its box at 390 and 1280 px (on a phone
each row is a card, docs/assets/site.css), a display formula wider than its column shows a
scroll cue, and a printed page shows no control or navigation.
"""

from __future__ import annotations

import pytest

CELLS_OUTSIDE = """() => [...document.querySelectorAll('.md-content .generated-table')]
  .flatMap(box => {
  const edge = box.getBoundingClientRect();
  return [...box.querySelectorAll('tbody :is(th, td), caption')]
    .filter(c => { const r = c.getBoundingClientRect();
                   return r.width > 0 && (r.left < edge.left - 1 || r.right > edge.right + 1); })
    .map(c => `${box.querySelector('caption')?.innerText.slice(0, 40)}: ${c.innerText}`);
})"""
"""Table cells (and captions) not wholly inside their table's box: cut off, or behind a scroll."""

CUT_FORMULAS = """() => [...document.querySelectorAll('.md-content math[display="block"]')]
  .filter(m => m.scrollWidth > m.clientWidth + 1
               && !getComputedStyle(m).backgroundImage.includes('gradient'))
  .map(m => m.textContent.replace(/\\s+/g, ' ').slice(0, 40))"""
"""Display formulas wider than their box that show no scroll shadow at the edge."""

VISIBLE_CONTROLS = """() => [...document.querySelectorAll(
    'button, input:not([type=hidden]), select, [role=slider], nav, .md-header, .md-sidebar,'
    + '.md-footer')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
                 && getComputedStyle(e).visibility !== 'hidden'; })
  .map(e => e.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("width", [390, 1280])
def test_every_table_column_and_formula_is_reachable(page_html, server, warm_page, width):
    pages = [p for p, html in page_html.items()
             if "generated-table" in html or 'display="block"' in html]  # fmt: skip
    assert "xor-network/" in pages and "en/comparison/" in pages
    page = warm_page(width, 900, "light")
    problems = []
    for name in pages:
        page.goto(server + name)
        problems += [f"{name} @{width}px: cell outside its table: {c}"
                     for c in page.evaluate(CELLS_OUTSIDE)]  # fmt: skip
        problems += [f"{name} @{width}px: formula cut with no scroll cue: {f}"
                     for f in page.evaluate(CUT_FORMULAS)]  # fmt: skip
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("name", ["xor-network/", "en/comparison/"])
def test_a_printed_page_has_no_controls_and_uncut_tables(server, warm_page, name):
    page = warm_page(794, 1123, "light")  # A4 at 96 dpi
    page.emulate_media(media="print")
    page.goto(server + name)
    assert page.evaluate(VISIBLE_CONTROLS) == []
    assert page.evaluate(CELLS_OUTSIDE) == []
