// The XOR explorer on demand. It sits far down its page, and its script (~30 KB, the heaviest
// main-thread work of the page load) and styles are of no use until the reader gets there:
// they load when the explorer comes within two screens of the viewport, or at once when the
// address asks for it (explorer state in the query, or an anchor at or below its section).
// scripts/hooks.py adds this file, with the two addresses, to the page that has the explorer.
// Without JavaScript the explorer stays hidden and the static figures and table above it remain.
(() => {
  const loader = document.currentScript;
  const root = document.getElementById("xor-explorer");
  if (!loader || !root) return;
  let observer = null;
  let loaded = false;

  function load() {
    if (loaded) return;
    loaded = true;
    observer?.disconnect();
    const href = (rel, url, extra = {}) =>
      Object.assign(document.createElement("link"), { rel, href: url }, extra);
    // Both download side by side; the script runs once the styles apply, since it unhides the
    // explorer and an unstyled one would jump into shape under the reader's eyes.
    const styles = href("stylesheet", loader.dataset.styles);
    const run = () => document.body.append(
      Object.assign(document.createElement("script"), { src: loader.dataset.script }));
    styles.addEventListener("load", run, { once: true });
    styles.addEventListener("error", run, { once: true });
    document.head.append(href("preload", loader.dataset.script, { as: "script" }), styles);
  }

  // The explorer's section: from the heading above it to the end of the page.
  function sectionStart() {
    let el = root;
    while (el.previousElementSibling) {
      el = el.previousElementSibling;
      if (/^H[1-6]$/.test(el.tagName)) return el;
    }
    return root;
  }

  // An id from the address's hash; a malformed escape (#%) names nothing.
  function hashTarget() {
    try {
      return location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    } catch (e) {
      return null;
    }
  }

  function askedFor() {
    const query = new URLSearchParams(location.search);
    const control = (name) => root.querySelector(`[name="${CSS.escape(name)}"]`);
    if ([...query.keys()].some((name) => ["act", "seed", "step"].includes(name) || control(name))) return true;
    const target = hashTarget();
    const start = sectionStart();
    return Boolean(target) && (target === start
      || (start.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
  }

  if (askedFor() || !("IntersectionObserver" in window)) {
    load();
    return;
  }
  // The explorer itself is hidden (no box to observe): watch an empty marker in its place.
  const marker = document.createElement("div");
  marker.setAttribute("aria-hidden", "true");
  root.before(marker);
  observer = new IntersectionObserver(
    (entries) => { if (entries.some((e) => e.isIntersecting)) load(); },
    { rootMargin: "200% 0px" },
  );
  observer.observe(marker);
  window.addEventListener("hashchange", () => { if (askedFor()) load(); });
})();
