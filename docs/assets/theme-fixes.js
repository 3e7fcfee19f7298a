// Accessibility and console fixes for Material's runtime DOM (the static HTML is fixed by
// scripts/hooks.py). Deferred script: it runs after Material's bundle and before
// DOMContentLoaded, whose listeners then run in order, Material's first.
(() => {
  // Material's language selector fetches "sitemap.xml" beside every <link rel=alternate>.
  // static-i18n's links name the page itself, so that is a 404 (a console error); and were it
  // found, Material would rewrite the switcher to a wrong URL. The switcher's links are already
  // exact: hide the alternates from Material's lookup on DOMContentLoaded, then restore them.
  const alternates = [...document.querySelectorAll('link[rel="alternate"][hreflang]')];
  for (const link of alternates) link.rel = "x-alternate";
  document.addEventListener("DOMContentLoaded", () => {
    for (const link of alternates) link.rel = "alternate";
    fixContent();
  }, { once: true });

  // The theme's hidden drawer/search checkboxes lose their invalid autocomplete="off"
  // (see activation_tutorial/theme.py); a browser that restores them would reopen a panel.
  // Only those two: a nav section's toggle is checked on purpose, to show the open section.
  window.addEventListener("pageshow", () => {
    for (const toggle of document.querySelectorAll("input.md-toggle[data-md-toggle]:checked")) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  });

  function fixContent() {
    // Each code block's copy button sits in a <nav>: not navigation, and a page of code blocks
    // would list dozens of unnamed landmarks (axe landmark-unique).
    for (const nav of document.querySelectorAll("nav.md-code__nav")) nav.setAttribute("role", "none");
    // Which boxes scroll is known only after layout. A ResizeObserver hears about each box
    // right after a layout the browser does anyway (and again when one changes size: rotation,
    // resize, a tab shown), so nothing forces a layout while the page loads.
    const observer = new ResizeObserver((entries) => markScrollers(entries.map((e) => e.target)));
    for (const el of document.querySelectorAll(BOXES)) observer.observe(el);
  }

  // Only boxes that can scroll (table wraps, code, display formulas, generated tables): the
  // thousands of spans and MathML tokens of a formula-heavy page never do.
  const BOXES = ".md-content :is(div, pre, code, table, math)";

  // A region that scrolls sideways (wide table, long formula) must be reachable by keyboard
  // (axe scrollable-region-focusable). Which ones scroll depends on the viewport.
  function markScrollers(elements) {
    // Measure everything first, then write.
    const found = elements.map(el => [el,
      /auto|scroll/.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1]);
    for (const [el, scrolls] of found) {
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.dataset.scrollFocus = "";
      } else if (!scrolls && "scrollFocus" in el.dataset) {
        el.removeAttribute("tabindex");
        delete el.dataset.scrollFocus;
      }
    }
  }
})();
