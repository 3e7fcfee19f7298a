// Search on demand. Material starts its search worker and downloads the search index as soon
// as any page loads (with the Japanese segmenter, ~270 KB), though most readers never search.
// This holds both back until the reader opens search (or arrives from a search result, whose
// terms Material highlights from the index). Loaded just before Material's bundle
// (scripts/hooks.py), so the bundle's `new Worker(...)` and index request meet it.
(() => {
  const WORKER = /\/workers\/search\.[^/]*\.js$/;
  const INDEX = /\/search\/search_index\.json$/;
  const held = [];
  let started = false;

  function start() {
    if (started) return;
    started = true;
    for (const go of held.splice(0)) go();
  }

  // The worker: a stand-in that keeps listeners and messages until the real one exists.
  const RealWorker = window.Worker;
  window.Worker = function Worker(url, options) {
    if (!WORKER.test(new URL(url, location.href).pathname)) return new RealWorker(url, options);
    const events = new EventTarget();
    const queue = [];
    let real = null;
    const forward = (event) => events.dispatchEvent(new event.constructor(event.type, event));
    held.push(() => {
      real = new RealWorker(url, options);
      real.addEventListener("message", forward);
      real.addEventListener("error", forward);
      for (const message of queue.splice(0)) real.postMessage(message);
    });
    if (started) held.pop()();
    return {
      postMessage: (message) => (real ? real.postMessage(message) : queue.push(message)),
      addEventListener: events.addEventListener.bind(events),
      removeEventListener: events.removeEventListener.bind(events),
      terminate: () => real?.terminate(),
    };
  };

  // The index: requested by the bundle over XMLHttpRequest; its send() waits for start().
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  // Each language has its own index (activation_tutorial/search_index.py): a reader searches in
  // the language of the page they are on.
  const lang = document.documentElement.lang;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.heldForSearch = INDEX.test(new URL(url, location.href).pathname);
    if (this.heldForSearch && lang) url = `${url}`.replace(INDEX, `/search/search_index.${lang}.json`);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (body) {
    if (!this.heldForSearch || started) return send.call(this, body);
    held.push(() => send.call(this, body));
  };

  // Opening search: the header's search field takes focus (click, tap, or the "/" "s" "f"
  // keys), or the hidden search toggle is checked.
  if (new URLSearchParams(location.search).has("h")) start();
  document.addEventListener("focusin", (event) => {
    if (event.target.matches?.(".md-search__input")) start();
  });
  document.addEventListener("change", (event) => {
    if (event.target.id === "__search" && event.target.checked) start();
  });
})();
