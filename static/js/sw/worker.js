/* Runner Strength's service worker: what it keeps, and for whom.

   The site's public page cache (core/pages.py) marks a page "public" only when
   the browser sent no cookie at all; every other page is "private, no-cache",
   personal files are "no-store". The worker follows the same lines:

   1. Never kept: anything but GET, other origins, htmx requests, /accounts/,
      the admin, /sw.js, the list of pages to keep, redirected or non-200
      answers, and any response marked no-store. (Posts pass through: a set's
      post with no connection is answered 204 "not sent" and the page queues
      it; any other form gets the offline page, not the browser's error.)
   2. Public responses go in the shared pages cache. They hold nothing personal.
   3. Every other response may be a signed-in runner's own page. It goes in the
      personal cache only (so does a private page of a reader with only a CSRF
      cookie: harmless, it is fetched again), which is emptied: when the runner
      logs out (the log-out form's script, static/js/offline.js, clears it and
      the queue before the form is sent); when the list of pages to keep
      (offline:pages, asked for by page loads online) names another owner than
      the cache's marker, or none (a session that ended elsewhere, another
      runner signing in); and when a page comes back public, which proves the
      browser holds no session.
   4. Caches are named after the deployment (the staticfiles manifest's hash):
      a new deployment installs its own, takes over at once and deletes the old
      ones, kept pages included, so old HTML never meets new static files or the
      reverse. Hashed static files are cache first; pages are network first with
      a short timeout, then a kept copy, then our offline page.
   5. Sets ticked offline wait in IndexedDB (static/js/sw/queue.js); Background
      Sync, where the browser has it, sends them from here. */
/* global SWRules, OfflineQueue */
const CONFIG = { ...self.SW_CONFIG, origin: self.location.origin };
const NAMES = SWRules.cacheNames(CONFIG.version);
// Which runner the personal cache belongs to: a made-up entry in that cache.
const OWNER_KEY = new URL(`${CONFIG.pagesList}?owner`, self.location.origin).href;
let lastFullRefresh = null;
let lastAsked = null; // when a page last asked for a refresh, and whether it was signed in

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(NAMES.static);
      // Without cookies: the shell (offline page included) is the same for everyone.
      await cache.addAll(CONFIG.shell.map((url) => new Request(url, { credentials: "omit" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of SWRules.staleCaches(await caches.keys(), CONFIG.version)) {
        await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function keep(request, response) {
  const name = SWRules.cacheFor(response, NAMES);
  if (name === null) {
    // A page that may no longer be kept (now no-store, or gone): drop old copies.
    for (const cacheName of SWRules.lookupOrder(NAMES)) {
      await (await caches.open(cacheName)).delete(request, { ignoreVary: true });
    }
    return;
  }
  await (await caches.open(name)).put(request, response);
}

async function keptCopy(request) {
  for (const name of SWRules.lookupOrder(NAMES)) {
    const found = await (await caches.open(name)).match(request, { ignoreVary: true });
    if (found) return found;
  }
  return null;
}

async function offlinePage() {
  const page = await (await caches.open(NAMES.static)).match(CONFIG.offlinePage);
  return page || new Response("You are offline.", { status: 503, headers: { "Content-Type": "text/plain" } });
}

async function staticFirst(event) {
  const found = await (await caches.open(NAMES.static)).match(event.request, { ignoreVary: true });
  if (found) return found;
  const response = await fetch(event.request);
  if (response.ok) {
    const copy = response.clone();
    event.waitUntil(caches.open(NAMES.static).then((cache) => cache.put(event.request, copy)));
  }
  return response;
}

async function networkFirst(event, { timeout, fallback }) {
  const { request } = event;
  const network = fetch(request).then((response) => {
    const copy = response.clone();
    const kept = (async () => {
      if (request.mode === "navigate" && SWRules.provesSignedOut(response)) {
        await caches.delete(NAMES.personal);
      }
      await keep(request, copy);
    })();
    event.waitUntil(kept);
    return response;
  });
  event.waitUntil(network.catch(() => null));
  try {
    const late = new Promise((resolve) => setTimeout(resolve, timeout, "late"));
    const first = timeout ? await Promise.race([network, late]) : await network;
    if (first !== "late") return first;
    return (await keptCopy(request)) || (await network);
  } catch {
    return (await keptCopy(request)) || (fallback ? await offlinePage() : Response.error());
  }
}

// No connection for a set: a 204 (htmx swaps nothing, reports no error) that
// tells the page to keep the set in its queue.
async function sendOrSayNotSent(request) {
  try {
    return await fetch(request);
  } catch {
    return new Response(null, { status: 204, headers: { [SWRules.NOT_SENT_HEADER]: "1" } });
  }
}

self.addEventListener("fetch", (event) => {
  const kind = SWRules.route(event.request, CONFIG);
  if (kind === "queue") {
    event.respondWith(sendOrSayNotSent(event.request));
  } else if (kind === "form") {
    event.respondWith(fetch(event.request).catch(() => offlinePage()));
  } else if (kind === "static") {
    event.respondWith(staticFirst(event));
  } else if (kind === "page") {
    event.respondWith(networkFirst(event, { timeout: SWRules.PAGE_TIMEOUT_MS, fallback: true }));
  } else if (kind === "fresh") {
    event.respondWith(networkFirst(event, { timeout: 0, fallback: false }));
  }
});

// The signed-in runner's pages, fetched ahead of time (page loads online ask,
// see static/js/offline.js; SWRules.refreshDue spaces the asks out): the list names the owner; a different owner
// than the personal cache's marker empties that cache first.
async function ownerOf(cache) {
  const marker = await cache.match(OWNER_KEY);
  return marker ? marker.text() : null;
}

async function refresh() {
  const answer = await fetch(CONFIG.pagesList, { credentials: "same-origin", cache: "no-store" });
  if (!answer.ok || answer.redirected) return;
  const { owner, urls } = await answer.json();
  let cache = await caches.open(NAMES.personal);
  if ((await ownerOf(cache)) !== owner) {
    await caches.delete(NAMES.personal);
    lastFullRefresh = null;
    cache = await caches.open(NAMES.personal);
    await cache.put(OWNER_KEY, new Response(owner));
  }
  if (!owner) return;
  const absolute = urls.map((url) => new URL(url, self.location.origin).href);
  const kept = (await cache.keys()).map((request) => request.url);
  const now = Date.now();
  const due = SWRules.toFetch(absolute, kept, lastFullRefresh, now);
  if (due.length === absolute.length) lastFullRefresh = now;
  for (const url of due) {
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      // Logged out meanwhile: the marker is gone, and nothing more goes in.
      if ((await ownerOf(await caches.open(NAMES.personal))) !== owner) return;
      await keep(new Request(url), response);
    } catch {
      return; // the connection went: the next page load tries again
    }
  }
}

// The page a first visit opened before this worker ran, kept by the same rules.
async function keepPage(url) {
  const request = new Request(url, { credentials: "same-origin" });
  const asPage = { url: request.url, method: "GET", mode: "navigate", headers: new Headers() };
  if (SWRules.route(asPage, CONFIG) !== "page") return;
  await keep(request, await fetch(request));
}

async function tellPages(message) {
  for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage(message);
}

async function sendSets() {
  const result = await OfflineQueue.send();
  await tellPages({ type: "sets-sent", result });
  if (result.kept.length) throw new Error("Sets still waiting"); // Background Sync retries
}

self.addEventListener("message", (event) => {
  const { type } = event.data || {};
  if (type === "refresh" && SWRules.refreshDue(lastAsked, event.data, Date.now())) {
    lastAsked = { at: Date.now(), signedIn: event.data.signedIn };
    event.waitUntil(refresh().catch(() => null));
  }
  if (type === "keep") event.waitUntil(keepPage(event.data.url).catch(() => null));
  if (type === "clear-personal") {
    lastFullRefresh = null;
    const done = OfflineQueue.clearPersonal().then(() => event.ports[0]?.postMessage("cleared"));
    event.waitUntil(done);
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag === "send-sets") event.waitUntil(sendSets());
});
