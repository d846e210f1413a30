"""`python -m tools.bench`: see tools/bench/__init__.py."""

import argparse
import shutil
import sys

import tools.bench
from tools import varnish
from tools.bench import content, proxy
from tools.bench.report import (
    RESULTS,
    lighthouse_table,
    machine,
    origin_table,
    proxy_table,
    record,
    report,
    scale_table,
    weight_table,
)
from tools.bench.targets import SCALE_SIZE
from tools.bench.throughput import judge, measure
from tools.bench.weight import lighthouse, page_weight
from tools.browser import CHROMIUM
from tools.serving import (
    BASE_DIR,
    Server,
    fresh_database_url,
    prepare_site,
    production_environment,
)

PARTS = ("origin", "proxy", "weight", "scale")
LOG_SET_SCRIPT = BASE_DIR / "tools" / "bench" / "log_set.lua"
VARNISH_MISSING = "varnishd is missing: apt-get install varnish"


def arguments():
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench", description=tools.bench.__doc__.splitlines()[0]
    )
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per URL")
    parser.add_argument("--no-record", action="store_true", help="print, do not write the file")
    parser.add_argument(
        "--only",
        choices=PARTS,
        action="append",
        help="run only this part (repeat for several): throughput at the origin, through "
        "Varnish, page weight and Lighthouse, or the scale run; a partial run is not recorded",
    )
    return parser.parse_args()


def origin(base: str, anonymous, runner, routine, cookie: str, static: str, seconds: int):
    """Every URL at 16 and 64 connections, between two measurements of each ceiling."""
    from django.urls import reverse

    runs = []
    write_path, write_cookie, write_arguments = content.logging_a_set(base, runner, routine, cookie)

    def measure_ceilings(connections):
        runs.append(measure(base, "/healthz", "/healthz", connections, seconds, kind="healthz"))
        runs.append(measure(base, "static file", static, connections, seconds, kind="static"))

    for connections in (16, 64):
        print(f"wrk, {connections} connections, {seconds} s per URL", flush=True)
        measure_ceilings(connections)
        for name, path in anonymous:
            runs.append(measure(base, name, path, connections, seconds))
        runs.append(
            measure(
                base,
                "routine page",
                routine.get_absolute_url(),
                connections,
                seconds,
                cookie=cookie,
                kind="logged-in",
            )
        )
        # The cheapest signed-in page: a session, a user and a short list. What it
        # reaches is the most any signed-in page could (docs/performance.md).
        runs.append(
            measure(
                base,
                "my routines (signed-in floor)",
                reverse("plans:routine-list"),
                connections,
                seconds,
                cookie=cookie,
                kind="reference",
            )
        )
        runs.append(
            measure(
                base,
                "logging a set",
                write_path,
                connections,
                seconds,
                cookie=write_cookie,
                kind="write",
                script=(LOG_SET_SCRIPT, write_arguments),
            )
        )
        for name, path, download_cookie in content.downloads(routine, cookie):
            runs.append(
                measure(
                    base, name, path, connections, seconds, cookie=download_cookie, kind="download"
                )
            )
        measure_ceilings(connections)
    judge(runs)
    return runs


def proxy_run(origin_port: int, anonymous, static: str, seconds: int) -> list[str]:
    """The anonymous pages through Varnish, or the reason the run was skipped."""
    if not varnish.available():
        print(f"Through Varnish: skipped ({VARNISH_MISSING})", flush=True)
        return proxy_table([], VARNISH_MISSING)
    proxied = proxy.through_varnish(origin_port, anonymous, static, seconds)
    return proxy_table(proxied, proxy.version())


def weight_run(base: str, anonymous, routine, cookie: str) -> list[list[str]]:
    print("page weight", flush=True)
    pages = [*anonymous, ("routine page", routine.get_absolute_url())]
    weights = weight_table(page_weight(base, pages, cookie))
    print("Lighthouse", flush=True)
    scores = lighthouse(base, anonymous[:2] + anonymous[3:4])
    return [weights, lighthouse_table(scores)]


def scale_run(env: dict, seconds: int):
    """Library and search with the page cache off, shipped and at SCALE_SIZE exercises."""
    from django.urls import reverse

    print(f"scale run: {SCALE_SIZE:,} exercises, page cache off", flush=True)
    library = reverse("exercises:list")
    # Search as runners type it: a word that many exercises share, a plural of a
    # whole name, a typo, an unfinished last word, and nonsense (did you mean).
    scaled = [
        ("library", library),
        ("search", f"{library}?q=squat"),
        ("search, plural", f"{library}?q=glute+bridges"),
        ("search, typo", f"{library}?q=romainian+deadlift"),
        ("search, as you type", f"{library}?q=bulgarian+split+squ"),
        ("search, nothing found", f"{library}?q=underwater+basket+weaving"),
    ]
    scale = {}
    for size in (None, SCALE_SIZE):
        if size:
            content.grow_library(size)
        with Server(env, PAGE_CACHE_SECONDS="0") as server:
            for connections in (16, 64):
                for name, path in scaled:
                    scale.setdefault((name, connections), []).append(
                        measure(server.url, name, path, connections, seconds)
                    )
    return list(scale.values())


def main():
    args = arguments()
    parts = set(args.only or PARTS)
    for tool in ("wrk", CHROMIUM):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: apt-get install wrk chromium")
    if parts == {"proxy"} and not varnish.available():
        raise SystemExit(VARNISH_MISSING)

    env = production_environment(fresh_database_url("bench"))
    prepare_site(env)
    from django.contrib.staticfiles.storage import staticfiles_storage

    runner, routine = content.load_content()
    cookie = content.session_cookie(runner)
    anonymous = content.anonymous_pages()
    about = machine()
    print(about, flush=True)
    static = staticfiles_storage.url("css/site.css")

    tables = []
    if parts & {"origin", "proxy", "weight"}:
        with Server(env) as server:
            if "origin" in parts:
                runs = origin(server.url, anonymous, runner, routine, cookie, static, args.seconds)
                tables.append(origin_table(runs))
            if "proxy" in parts:
                tables.append(proxy_run(server.port, anonymous, static, args.seconds))
            if "weight" in parts:
                tables += weight_run(server.url, anonymous, routine, cookie)
    if "scale" in parts:
        tables.append(scale_table(scale_run(env, args.seconds)))

    section = report(about, tables)
    print()
    print(section)
    if args.no_record or args.only:
        print("Not written: --no-record or --only")
    else:
        record(section)
        print(f"Written to {RESULTS.relative_to(BASE_DIR)}")
    return 1 if "| FAIL |" in section else 0


if __name__ == "__main__":
    sys.exit(main())
