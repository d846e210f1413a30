"""The anonymous pages through Varnish, a shared HTTP cache in front of gunicorn as a CDN sits.

Each page is first asked for alone for a couple of seconds on a cold cache:
Varnish's hit and miss counters over that stretch give its hit ratio (the
first request is a miss; a page the origin marks public is a hit after it).
Then it is measured as at the origin, in rounds alternating with a static
file through the same Varnish: the target is the static file's rate.
"""

import subprocess

from tools.bench.throughput import Run, judge_proxied, measure, ratio
from tools.varnish import VARNISHD, Varnish
from tools.wrk import wrk

CONNECTIONS = 64
SAMPLE_SECONDS = 2


def version() -> str:
    output = subprocess.run(  # noqa: S603 (a fixed argument list)
        [VARNISHD, "-V"], capture_output=True, text=True, check=False
    ).stderr
    return output.split("(", 1)[-1].split(" revision", 1)[0] or "varnishd"


def hit_ratio(varnish: Varnish, path: str) -> float:
    before = varnish.counters()
    wrk(varnish.url + path, CONNECTIONS, SAMPLE_SECONDS)
    after = varnish.counters()
    hits, misses = (after[name] - before[name] for name in ("cache_hit", "cache_miss"))
    return ratio(hits, hits + misses)


def through_varnish(origin_port: int, pages, static: str, seconds: int) -> list[Run]:
    """Each of `pages` (name, path) through Varnish, judged against `static` through it."""
    runs = []
    with Varnish(origin_port) as varnish:
        print(f"through Varnish, {CONNECTIONS} connections, {seconds} s per URL", flush=True)
        for name, path in pages:
            hits = hit_ratio(varnish, path)
            run = measure(
                varnish.url,
                name,
                path,
                CONNECTIONS,
                seconds,
                kind="proxied",
                beside=static,
                warm_up=False,
            )
            run.hit_ratio = hits
            print(f"  {'':<28} hit ratio {hits:.3f}", flush=True)
            runs.append(run)
    judge_proxied(runs)
    return runs
