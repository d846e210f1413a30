// Runner Strength's service worker. The code is in the static files it loads
// (static/js/sw/worker.js states the caching rules); this script names the
// deployment, so that a new deployment is a new worker with new caches.
self.SW_CONFIG = {{ config|safe }};
importScripts({{ scripts|safe }});
