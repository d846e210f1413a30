"""The targets of the performance issue, as the README's table states them."""

# Anonymous pages at 64 connections, against /healthz beside them.
ANONYMOUS_RATIO, ANONYMOUS_P99 = 0.8, 3.0
# A signed-in routine page, and the PDF and XLSX downloads, against /healthz.
LOGGED_IN_RATIO, DOWNLOAD_RATIO = 0.5, 0.1
# Ticking a set in a workout (an htmx POST that saves a new set), against /healthz.
WRITE_RATIO = 0.3
# Anonymous pages through the shared cache, against a static file through it.
PROXY_RATIO = 0.9
# Library and search at SCALE_SIZE exercises, against the shipped library.
SCALE_SIZE, SCALE_RATIO = 6000, 0.5
# A first visit's bytes on the wire, and Lighthouse's four categories.
HTML_BUDGET, PAGE_BUDGET, LIGHTHOUSE_MIN = 30_000, 120_000, 95
