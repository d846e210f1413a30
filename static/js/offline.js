// The installable, offline app on every page: registers the service worker
// (static/js/sw/worker.js states what it keeps), keeps the runner's pages for
// the gym, queues sets ticked without a connection (static/js/sw/queue.js),
// says what waits to be sent, lists the kept pages on the offline page, and
// empties the personal caches and the queue when the runner logs out. Without
// it (or without service workers) every page works online as before.
(() => {
  const script = document.currentScript;
  const status = document.querySelector("[data-offline-status]");
  const queue = window.OfflineQueue;
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  let lastNews = "";

  async function showStatus(news) {
    if (news !== undefined) lastNews = news;
    if (!status || !queue) return;
    const items = await queue.all().catch(() => []);
    const waiting = items.length;
    const parts = [];
    if (!navigator.onLine) parts.push("You are offline: pages saved on this device still open.");
    if (waiting) {
      const which = waiting <= 5 ? ` (${items.map((item) => item.label).join("; ")})` : "";
      parts.push(
        `${plural(waiting, "set is", "sets are")} saved on this device, waiting to sync` +
          (navigator.onLine ? `${which}.` : ` when you are back online${which}.`),
      );
    }
    if (lastNews) parts.push(lastNews);
    status.textContent = parts.join(" ");
    status.hidden = parts.length === 0;
  }

  // A set slot of the workout page, shown as kept on this device.
  function markQueued(slot) {
    if (!slot || slot.querySelector("[data-set-queued]")) return;
    slot.classList.add("is-queued");
    const note = document.createElement("span");
    note.className = "set-queued small text-warning-emphasis";
    note.dataset.setQueued = "";
    note.textContent = "Saved on this device, waiting to sync";
    slot.querySelector(".fw-semibold")?.after(note);
  }

  function swapIn(item) {
    const slot = item.page === location.pathname && document.getElementById(item.slot);
    if (!slot || !item.html) return;
    slot.outerHTML = item.html;
    const fresh = document.getElementById(item.slot);
    if (fresh && window.htmx) window.htmx.process(fresh);
  }

  function report(result) {
    result.sent.forEach(swapIn);
    result.refused.forEach(swapIn);
    const news = [];
    if (result.sent.length) news.push(`Sent ${plural(result.sent.length, "set", "sets")} saved on this device.`);
    if (result.refused.length) {
      news.push(`The site did not take ${plural(result.refused.length, "set", "sets")}: see the workout page.`);
    }
    showStatus(news.join(" "));
  }

  async function sendWaiting() {
    if (!queue || !navigator.onLine || !(await queue.count().catch(() => 0))) return;
    report(await queue.send());
  }

  async function queueSet(form) {
    const slot = form.closest(".set-slot");
    const section = form.closest("section");
    const name = section?.querySelector("h2")?.textContent.trim() || "";
    await queue.add({
      id: form.elements.set_id.value,
      url: form.action,
      body: new URLSearchParams(new FormData(form)).toString(),
      slot: slot.id,
      page: location.pathname,
      label: `${name}, ${slot.querySelector(".fw-semibold")?.textContent.trim().toLowerCase() || ""}`,
      queuedAt: Date.now(),
    });
    markQueued(slot);
    showStatus("");
    const registration = navigator.serviceWorker && (await navigator.serviceWorker.getRegistration());
    await registration?.sync?.register("send-sets").catch(() => null);
  }

  // Ticking a set: offline, or when the post cannot reach the server, it waits here.
  const isSetForm = (element) => element?.matches?.(".set-slot form");
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt;
    if (!queue || navigator.onLine || !isSetForm(form)) return;
    event.preventDefault();
    queueSet(form);
  });
  // Online as far as the browser knows: the worker sends it, or answers that it could not.
  document.addEventListener("htmx:configRequest", (event) => {
    if (queue && isSetForm(event.detail.elt)) event.detail.headers["X-Offline-Queue"] = "sets";
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    const { elt, xhr } = event.detail;
    if (queue && isSetForm(elt) && xhr?.getResponseHeader("X-Offline-Not-Sent")) queueSet(elt);
  });
  document.addEventListener("htmx:sendError", (event) => {
    if (queue && isSetForm(event.detail.elt)) queueSet(event.detail.elt); // no worker
  });

  // Log out: send what waits (or ask), then empty the caches and the queue.
  // The header's form, and any other form posting to the same place (allauth's log-out page).
  const logoutActions = new Set([...document.querySelectorAll("form[data-logout]")].map((f) => f.action));
  const signedIn = logoutActions.size > 0;
  for (const form of [...document.forms].filter((f) => logoutActions.has(f.action))) {
    form.addEventListener("submit", async (event) => {
      if (!queue) return;
      event.preventDefault();
      await sendWaiting().catch(() => null);
      const waiting = await queue.count().catch(() => 0);
      const question = `${plural(waiting, "set has", "sets have")} not reached the site yet. Log out and delete ${waiting === 1 ? "it" : "them"} from this device?`;
      if (waiting && !window.confirm(question)) return;
      await queue.clearPersonal().catch(() => null);
      await askWorker("clear-personal");
      form.submit();
    });
  }

  async function askWorker(type) {
    const worker = navigator.serviceWorker?.controller;
    if (!worker) return null;
    const channel = new MessageChannel();
    const answer = new Promise((resolve) => {
      channel.port1.onmessage = (event) => resolve(event.data);
      setTimeout(resolve, 2000, null);
    });
    worker.postMessage({ type }, [channel.port2]);
    return answer;
  }

  // The offline page: the pages this device can open without a connection.
  async function listKept(list) {
    const found = new Map();
    for (const name of await caches.keys()) {
      if (!/^rs-(personal|pages)-/.test(name)) continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        if (!response?.headers.get("Content-Type")?.startsWith("text/html")) continue;
        const url = new URL(request.url);
        const href = url.pathname + url.search;
        if (url.pathname === location.pathname || found.has(href)) continue;
        const kept = new DOMParser().parseFromString(await response.text(), "text/html");
        found.set(href, kept.title.replace(/ · Runner Strength$/, "") || url.pathname);
      }
    }
    for (const [href, title] of [...found].sort((a, b) => a[1].localeCompare(b[1]))) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = href;
      link.textContent = title;
      item.append(link);
      list.append(item);
    }
    const empty = document.querySelector("[data-offline-saved-empty]");
    if (empty && found.size) empty.hidden = true;
  }

  async function start() {
    if (queue) {
      for (const item of await queue.all().catch(() => [])) {
        if (item.page === location.pathname) markQueued(document.getElementById(item.slot));
      }
    }
    showStatus();
    window.addEventListener("online", () => {
      showStatus();
      sendWaiting();
      navigator.serviceWorker?.controller?.postMessage({ type: "refresh", signedIn, force: true });
    });
    window.addEventListener("offline", () => showStatus());
    const list = document.querySelector("[data-offline-saved-list]");
    if (list && window.caches) listKept(list);
    if (!("serviceWorker" in navigator)) {
      sendWaiting();
      return;
    }
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data?.type === "sets-sent") report(event.data.result);
    });
    // The first visit loads before the worker runs: once it controls the page, it keeps it.
    if (!navigator.serviceWorker.controller) {
      navigator.serviceWorker.addEventListener(
        "controllerchange",
        () => navigator.serviceWorker.controller.postMessage({ type: "keep", url: location.href }),
        { once: true },
      );
    }
    await navigator.serviceWorker.register(script.dataset.worker).catch(() => null);
    const registration = await navigator.serviceWorker.ready;
    if (navigator.onLine) registration.active?.postMessage({ type: "refresh", signedIn });
    sendWaiting();
  }

  start();
})();
