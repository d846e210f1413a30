// Sets ticked without a connection: kept in IndexedDB under their client-made
// id (the form's set_id) and sent when the connection returns. Loaded by the
// pages (static/js/offline.js) and by the service worker (Background Sync),
// which share the database; the server's upsert by set_id makes a second send
// of the same set harmless.
(function (root) {
  const DATABASE = "runner-strength-offline";
  const STORE = "sets";
  const PERSONAL = "rs-personal-"; // static/js/sw/rules.js names the caches
  const LOCK = "runner-strength-send-sets";

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "id" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function run(mode, action) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => {
        db.close();
        resolve(request.result);
      };
      transaction.onerror = () => {
        db.close();
        reject(transaction.error);
      };
    });
  }

  const queue = {
    add: (item) => run("readwrite", (store) => store.put(item)),
    all: () => run("readonly", (store) => store.getAll()),
    count: () => run("readonly", (store) => store.count()),
    remove: (id) => run("readwrite", (store) => store.delete(id)),
    clear: () => run("readwrite", (store) => store.clear()),
  };

  // POST every waiting set as htmx would. Sent: the server answered with the
  // set's fragment (kept in `html` for the page to swap in). Kept: no
  // connection, a server error, a rate limit, or a redirect (the session is
  // gone: sign in again). Refused: any other answer, which no resend changes.
  async function sendAll() {
    const result = { sent: [], kept: [], refused: [] };
    for (const item of await queue.all()) {
      let response;
      try {
        response = await fetch(item.url, {
          method: "POST",
          body: item.body,
          credentials: "same-origin",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true" },
        });
      } catch {
        result.kept.push(item);
        continue;
      }
      if (response.type === "opaqueredirect" || response.status >= 500 || response.status === 429) {
        result.kept.push(item);
        continue;
      }
      await queue.remove(item.id);
      const html = response.ok ? await response.text() : "";
      const logged = html.includes("data-just-logged");
      (logged ? result.sent : result.refused).push({ ...item, html });
    }
    return result;
  }

  // One sender at a time across the tabs and the worker, where the browser has locks.
  function send() {
    if (root.navigator && root.navigator.locks) {
      return root.navigator.locks.request(LOCK, sendAll);
    }
    return sendAll();
  }

  // Logging out on a shared device: the waiting sets and every cache that may
  // hold a signed-in page go (the shared caches hold public pages only).
  async function clearPersonal() {
    await queue.clear();
    if (!root.caches) return;
    for (const name of await root.caches.keys()) {
      if (name.startsWith(PERSONAL)) await root.caches.delete(name);
    }
  }

  root.OfflineQueue = { ...queue, send, clearPersonal };
})(self);
