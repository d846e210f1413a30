"""`make bench`: how fast the site is against what the same server can do at best.

Serves the site the production way (gunicorn, DEBUG off, whitenoise; PostgreSQL
when DATABASE_URL is set, SQLite otherwise; Redis when CACHE_URL is set) from a
database of its own, drives it with wrk over loopback, and prints one table:
requests per second, p50 and p99 latency, errors, and each URL's throughput as
a ratio to /healthz and to a static file measured in the same run. Then the
anonymous pages through Varnish, a shared HTTP cache as a CDN would be, against
a static file through the same Varnish; a scale run at 6,000 exercises; page
weight through headless Chromium; and Lighthouse. The tables go to the top of
docs/benchmarks.md with the date and the machine.

Absolute figures move from run to run on a shared machine; the ratios are what
the targets (PASS/FAIL, tools/bench/targets.py) are set on. Method and
history: docs/performance.md.
"""
