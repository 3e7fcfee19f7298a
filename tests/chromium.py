"""How every browser test drives Chromium: which one, its flags, and the palette switch.

Shared by conftest.py's ``browser`` fixture and the background pass (browser_sweep.py, a process
of its own). Chromium is Debian's; nothing downloads a browser.
Material's palette is CSS keyed on ``body[data-md-color-scheme]``, so a switch in place shows
what a reader who chose that palette sees, without loading the page again.
"""

import os
from pathlib import Path

HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM = os.environ.get("CHROMIUM") or next(
    (exe for exe in (HEADLESS_SHELL, "/usr/bin/chromium") if Path(exe).exists()), HEADLESS_SHELL
)
"""Debian's ``chromium-headless-shell`` where installed (``.ci/run`` installs it): the same
Chromium release and Blink as Debian's ``chromium``, built for headless use only, as Playwright
itself runs headless Chromium. Without the full browser's UI layers the whole ``make test`` took
132 CPU-s instead of 177-186 (72 s instead of 95-100 s), with the same gates passing. Debian's
``chromium`` is the fallback; ``CHROMIUM=/path`` picks another."""
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

SET_SCHEME = """scheme => {
  // The theme fades colours over 250 ms; a reader loading the page in this palette never sees
  // the fade, so switch without it and measure the end state, not a blend.
  // A constructed style sheet, not a <style> element: the page's Content-Security-Policy
  // refuses inline styles, and style sheets built through the CSSOM are not inline styles.
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
