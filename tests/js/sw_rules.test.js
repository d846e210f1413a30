// The service worker's routing rules (static/js/sw/rules.js), run by `node --test tests/js/`.
const test = require("node:test");
const assert = require("node:assert/strict");
const rules = require("../../static/js/sw/rules.js");

const ORIGIN = "https://runnerstrength.example";
const CONFIG = {
  origin: ORIGIN,
  staticPrefix: "/static/",
  skip: ["/sw.js", "/offline/pages.json", "/accounts/", "/admin/"],
};
const NAMES = rules.cacheNames("abc123");

function request(path, { method = "GET", mode = "cors", headers = {} } = {}) {
  return { url: new URL(path, ORIGIN).href, method, mode, headers: new Headers(headers) };
}

function response({ status = 200, cacheControl = null, type = "basic", redirected = false } = {}) {
  const headers = new Headers(cacheControl ? { "Cache-Control": cacheControl } : {});
  return { status, type, redirected, headers };
}

test("a hashed static file is cache first, an unhashed one network first", () => {
  assert.equal(rules.route(request("/static/css/site.3f2a9c1b7e4d.css"), CONFIG), "static");
  assert.equal(rules.route(request("/static/css/site.css"), CONFIG), "fresh");
});

test("a page is network first with the offline page behind it", () => {
  assert.equal(rules.route(request("/plans/4/", { mode: "navigate" }), CONFIG), "page");
  assert.equal(rules.route(request("/exercises/figure.svg"), CONFIG), "fresh");
});

test("a set's post is sent through the worker, which can say it was not sent", () => {
  const set = request("/log/1/sets/2/", { method: "POST", headers: { "X-Offline-Queue": "sets" } });
  assert.equal(rules.route(set, CONFIG), "queue");
  const elsewhere = { ...set, url: "https://elsewhere.example/log/1/sets/2/" };
  assert.equal(rules.route(elsewhere, CONFIG), "network");
});

test("a form sent without htmx goes to the network, with the offline page behind it", () => {
  assert.equal(rules.route(request("/log/1/finish/", { method: "POST", mode: "navigate" }), CONFIG), "form");
  assert.equal(rules.route(request("/accounts/logout/", { method: "POST", mode: "navigate" }), CONFIG), "form");
});

test("posts, other origins, htmx and the skipped paths are left to the network", () => {
  const left = [
    request("/log/1/sets/2/", { method: "POST" }),
    request("https://www.youtube-nocookie.com/embed/x", { mode: "navigate" }),
    request("/exercises/?q=squat", { headers: { "HX-Request": "true" } }),
    request("/accounts/login/", { mode: "navigate" }),
    request("/accounts/logout/", { mode: "navigate" }),
    request("/admin/", { mode: "navigate" }),
    request("/offline/pages.json"),
    request("/sw.js"),
  ];
  for (const each of left) assert.equal(rules.route(each, CONFIG), "network", each.url);
});

test("public responses go to the shared cache, private ones only to the personal one", () => {
  assert.equal(rules.cacheFor(response({ cacheControl: "public, max-age=300" }), NAMES), NAMES.pages);
  assert.equal(rules.cacheFor(response({ cacheControl: "private, no-cache" }), NAMES), NAMES.personal);
  assert.equal(rules.cacheFor(response({ cacheControl: "no-cache, private" }), NAMES), NAMES.personal);
  assert.equal(rules.cacheFor(response(), NAMES), NAMES.personal, "unmarked may be personal");
});

test("no-store, errors, redirects and opaque answers are never kept", () => {
  assert.equal(rules.cacheFor(response({ cacheControl: "private, no-store" }), NAMES), null);
  assert.equal(rules.cacheFor(response({ cacheControl: "No-Store" }), NAMES), null);
  assert.equal(rules.cacheFor(response({ cacheControl: "public", status: 404 }), NAMES), null);
  assert.equal(rules.cacheFor(response({ status: 503 }), NAMES), null);
  assert.equal(rules.cacheFor(response({ cacheControl: "public", redirected: true }), NAMES), null);
  assert.equal(rules.cacheFor(response({ type: "opaque", status: 0 }), NAMES), null);
  assert.equal(rules.cacheFor(null, NAMES), null);
});

test("only a public page proves the browser holds no session", () => {
  assert.equal(rules.provesSignedOut(response({ cacheControl: "public, max-age=300" })), true);
  assert.equal(rules.provesSignedOut(response({ cacheControl: "private, no-cache" })), false);
  assert.equal(rules.provesSignedOut(response({ cacheControl: "public", status: 500 })), false);
});

test("a new version deletes every older cache of ours and nobody else's", () => {
  const names = [
    "rs-static-old111",
    "rs-pages-old111",
    "rs-personal-old111",
    ...Object.values(NAMES),
    "someone-elses-cache",
  ];
  assert.deepEqual(rules.staleCaches(names, "abc123"), [
    "rs-static-old111",
    "rs-pages-old111",
    "rs-personal-old111",
  ]);
  assert.ok(rules.isPersonal(NAMES.personal));
  assert.ok(!rules.isPersonal(NAMES.pages));
  assert.ok(!rules.isPersonal(NAMES.static));
});

test("a kept copy is looked for in the personal cache first", () => {
  assert.deepEqual(rules.lookupOrder(NAMES), [NAMES.personal, NAMES.pages, NAMES.static]);
});

test("the runner's pages: the missing ones now, all of them again after a while", () => {
  const urls = ["/plans/", "/plans/1/", "/exercises/goblet-squat/"];
  const now = 1_000_000_000;
  assert.deepEqual(rules.toFetch(urls, [], null, now), urls);
  assert.deepEqual(rules.toFetch(urls, ["/plans/"], now - 1000, now), ["/plans/1/", "/exercises/goblet-squat/"]);
  assert.deepEqual(rules.toFetch(urls, urls, now - 1000, now), []);
  assert.deepEqual(rules.toFetch(urls, urls, now - rules.REFRESH_MS, now), urls);
});

test("a page's ask for a refresh is spaced out unless the session changed", () => {
  const now = 5_000_000;
  const last = { at: now - 1000, signedIn: true };
  assert.equal(rules.refreshDue(null, { signedIn: false }, now), true, "first ask");
  assert.equal(rules.refreshDue(last, { signedIn: true }, now), false, "asked a second ago");
  assert.equal(rules.refreshDue(last, { signedIn: false }, now), true, "logged out");
  assert.equal(rules.refreshDue(last, { signedIn: true, force: true }, now), true, "back online");
  assert.equal(rules.refreshDue(last, { signedIn: true }, last.at + rules.ASK_EVERY_MS), true);
});
