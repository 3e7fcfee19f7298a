"""How every browser test drives Chromium (Debian's; nothing downloads a browser): which one, its
flags, the palette switch, and what several tests measure on a page."""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium-headless-shell")
"""Debian's ``chromium-headless-shell`` (the same Blink as ``chromium``, without the UI layers it
does not need); ``CHROMIUM=/path`` picks another."""
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

SET_SCHEME = """scheme => {
  // Material's palette is CSS keyed on the body's attribute: switched in place, without the
  // theme's 250 ms fade (a constructed sheet: the page's CSP refuses inline styles).
  if (!window.testNoFade) {
    window.testNoFade = new CSSStyleSheet();
    window.testNoFade.replaceSync("*, *::before, *::after { transition: none !important; }");
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, window.testNoFade];
  }
  document.body.setAttribute("data-md-color-scheme", scheme);
  return getComputedStyle(document.body).backgroundColor;
}"""
"""Takes Material's scheme name (``default`` or ``slate``); returns the body's background colour.
The sheet it adds is ``window.testNoFade``, for a test that restores the page as loaded."""

SETTLED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
"""Resolves after the next frame has run: resize and layout observers have seen the page."""
ANIMATIONS_DONE = "() => Promise.allSettled(document.getAnimations().map((a) => a.finished))"
"""Resolves when the page's transitions and animations have finished (the theme fades and
resizes its search panel), or were cancelled: a transition a later resize replaces rejects its
``finished`` with an AbortError."""

CELLS_OUTSIDE = """() => [...document.querySelectorAll(
  '.md-content :is(.generated-table, .activation-facts, .functions-overview)')].flatMap(box => {
  const edge = box.getBoundingClientRect();
  const name = (box.querySelector('caption')?.innerText ?? box.className).slice(0, 40);
  return [...box.querySelectorAll('tbody :is(th, td), caption')]
    .filter(c => { const r = c.getBoundingClientRect();
                   return r.width > 0 && (r.left < edge.left - 1 || r.right > edge.right + 1); })
    .map(c => `${name}: ${c.innerText}`);
})"""
"""Cells and captions of generated tables, fact boxes and the functions overview not wholly inside
their box (on a phone each row is a card, docs/assets/site.css): cut off, or behind a scroll."""


def recorded_requests(page: object) -> list[str]:
    """The URLs ``page`` requests from now on; the list grows with each later request."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    return requested


def figures_in(requested: list[str]) -> list[str]:
    """The generated figures among requested URLs, by file name."""
    return [url.rsplit("/", 1)[1] for url in requested if "/generated/figures/" in url]
