// The service worker's routing rules: pure functions of a request or a response,
// loaded by the worker (importScripts) and by `node --test` (tests/js/).
// static/js/sw/worker.js states the rules in words.
(function (root, factory) {
  const rules = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = rules;
  } else {
    root.SWRules = rules;
  }
})(typeof self === "undefined" ? globalThis : self, () => {
  // A file name with Django's manifest hash in it (site.3f2a9c1b7e4d.css): its
  // content never changes, so a kept copy is always right.
  const HASHED = /\.[0-9a-f]{12}\.[A-Za-z0-9]+$/;
  const PREFIX = "rs-";
  const PERSONAL = "rs-personal-";
  // How long a page may take from the network before a kept copy is shown.
  const PAGE_TIMEOUT_MS = 3000;
  // The header static/js/offline.js puts on a post it will keep if it cannot be sent,
  // and the one the worker answers with when it was not sent.
  const QUEUE_HEADER = "X-Offline-Queue";
  const NOT_SENT_HEADER = "X-Offline-Not-Sent";
  // How often the pages kept for a signed-in runner are fetched again in full.
  const REFRESH_MS = 10 * 60 * 1000;

  function cacheNames(version) {
    return {
      static: `${PREFIX}static-${version}`,
      pages: `${PREFIX}pages-${version}`,
      personal: `${PERSONAL}${version}`,
    };
  }

  const isPersonal = (name) => name.startsWith(PERSONAL);

  // Caches of ours that this version does not use: an older deployment's.
  function staleCaches(names, version) {
    const keep = Object.values(cacheNames(version));
    return names.filter((name) => name.startsWith(PREFIX) && !keep.includes(name));
  }

  // What the worker does with a request:
  //   "network"  leave it alone (not a GET, another origin, htmx, a page never kept)
  //   "static"   cache first: a hashed static file
  //   "fresh"    network first, then a kept copy: unhashed static files, images, data
  //   "page"     network first with a timeout, then a kept copy, then the offline page
  //   "form"     a form sent without htmx: sent as it is, never kept; with no
  //              connection, the offline page instead of the browser's error
  //   "queue"    a post the page can keep for later (a set: X-Offline-Queue): sent
  //              as it is, answered "204, not sent" when there is no connection
  function route(request, config) {
    const url = new URL(request.url);
    if (url.origin !== config.origin) return "network";
    if (request.method === "POST" && request.headers.get(QUEUE_HEADER)) return "queue";
    if (request.method !== "GET") return request.mode === "navigate" ? "form" : "network";
    if (request.headers.get("HX-Request")) return "network";
    if (config.skip.some((prefix) => url.pathname.startsWith(prefix))) return "network";
    if (url.pathname.startsWith(config.staticPrefix)) {
      return HASHED.test(url.pathname) ? "static" : "fresh";
    }
    return request.mode === "navigate" ? "page" : "fresh";
  }

  function directives(response) {
    const header = response.headers.get("Cache-Control") || "";
    return new Set(
      header
        .toLowerCase()
        .split(",")
        .map((part) => part.trim().split("=")[0])
        .filter(Boolean),
    );
  }

  // Which cache may keep a response (null: none). Only whole, same-origin 200s
  // that were not redirected. no-store: never. public (core.pages sends it only
  // to a browser that sent no cookie at all): the shared pages cache. Anything
  // else may be personal: the per-user cache that logging out empties.
  function cacheFor(response, names) {
    if (!response || response.status !== 200 || response.type !== "basic") return null;
    if (response.redirected) return null;
    const cc = directives(response);
    if (cc.has("no-store")) return null;
    return cc.has("public") ? names.pages : names.personal;
  }

  // A page that came back public was asked for without any cookie, so without
  // a session: whatever a signed-in runner left in the personal cache must go.
  const provesSignedOut = (response) => cacheFor(response, cacheNames("")) === cacheNames("").pages;

  // Where a kept copy is looked for, most specific first.
  const lookupOrder = (names) => [names.personal, names.pages, names.static];

  // Which of the signed-in runner's pages to fetch now: the missing ones, or all
  // of them when the last full refresh is older than REFRESH_MS.
  function toFetch(urls, kept, lastFull, now) {
    if (lastFull === null || now - lastFull >= REFRESH_MS) return [...urls];
    const have = new Set(kept);
    return urls.filter((url) => !have.has(url));
  }

  // Whether a page's ask for a refresh of the kept pages is worth a request:
  // always when the page is signed in and the last was not (or the reverse: a
  // session began or ended), when it says the connection just came back, or
  // when the last one is older than ASK_EVERY_MS.
  const ASK_EVERY_MS = 60 * 1000;
  function refreshDue(last, ask, now) {
    if (!last || ask.force || ask.signedIn !== last.signedIn) return true;
    return now - last.at >= ASK_EVERY_MS;
  }

  return {
    ASK_EVERY_MS,
    refreshDue,
    HASHED,
    PAGE_TIMEOUT_MS,
    QUEUE_HEADER,
    NOT_SENT_HEADER,
    REFRESH_MS,
    cacheNames,
    isPersonal,
    staleCaches,
    route,
    cacheFor,
    provesSignedOut,
    lookupOrder,
    toFetch,
  };
});
