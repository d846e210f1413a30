"""`make bench`: how fast the site is against what the same server can do at best.

Serves the site the production way (gunicorn, DEBUG off, whitenoise; PostgreSQL
when DATABASE_URL is set, SQLite otherwise; Redis when CACHE_URL is set) from a
database of its own, drives it with wrk over loopback, and prints one table:
requests per second, p50 and p99 latency, errors, and each URL's throughput as
a ratio to /healthz and to a static file measured in the same run. Then a scale
run at 6,000 exercises, page weight through headless Chromium, and Lighthouse.
The table goes to the top of docs/benchmarks.md with the date and the machine.

Absolute figures move from run to run on a shared machine; the ratios are what
the targets (PASS/FAIL) are set on.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from serving import (
    BASE_DIR,
    WORKERS,
    Server,
    fresh_database_url,
    production_environment,
    use_environment,
)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
RESULTS = BASE_DIR / "docs" / "benchmarks.md"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SCALE_SIZE = 6000
ROUTINES, SESSIONS, ITEMS = 10, 2, 8
ROUNDS = 10  # of a URL's load, alternating with as many of /healthz
BROWSER_ENCODINGS = "gzip, deflate, br, zstd"  # what Chromium asks for, as every browser does

# Targets from the performance issue.
ANONYMOUS_RATIO, ANONYMOUS_P99 = 0.8, 3.0
LOGGED_IN_RATIO, DOWNLOAD_RATIO, SCALE_RATIO = 0.5, 0.1, 0.5
HTML_BUDGET, PAGE_BUDGET, LIGHTHOUSE_MIN = 30_000, 120_000, 95
FAR_FUTURE = 365 * 24 * 3600


@dataclass
class Run:
    name: str
    path: str
    connections: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    kind: str = "anonymous"
    # /healthz measured in the rounds alternating with this URL's (see measure)
    healthz_rps: float = 0.0
    healthz_p99_ms: float = 0.0
    ratio_healthz: float = 0.0
    ratio_static: float = 0.0
    verdict: str = ""


@dataclass
class Weight:
    name: str
    path: str
    html: int
    total: int
    requests: int
    problems: list[str] = field(default_factory=list)

    @property
    def verdict(self):
        ok = self.html <= HTML_BUDGET and self.total <= PAGE_BUDGET and not self.problems
        return "PASS" if ok else "FAIL"


# -- the database and the content --------------------------------------------


def load_content():
    """The shipped library and templates (by migrate) and the benchmark runner."""
    from django.core.management import call_command

    from accounts.models import User
    from exercises.models import Exercise
    from plans import services

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    runner = User.objects.create_user(email="bench@runnerstrength.example", password=None)
    exercises = list(Exercise.objects.order_by("pk")[: SESSIONS * ITEMS])
    for number in range(ROUTINES):
        routine = services.create_routine(owner=runner, name=f"Benchmark routine {number + 1}")
        sessions = [routine.sessions.get()]
        sessions += [services.add_session(routine=routine) for _ in range(SESSIONS - 1)]
        for index, session in enumerate(sessions):
            for exercise in exercises[index * ITEMS : (index + 1) * ITEMS]:
                services.add_item(session=session, exercise=exercise)
    return runner, routine


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def grow_library(size: int):
    from django.db import connection

    from config.pagecache import CONTENT, retire
    from tests.exercises.factories import grow_library as bulk_add

    bulk_add(size)
    retire(CONTENT)
    if connection.vendor == "postgresql":
        # Autovacuum would refresh the planner's statistics within a minute or
        # so; doing it now keeps that minute out of the measurement.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# -- the server and the load -------------------------------------------------


WRK_LINE = {
    "rps": re.compile(r"Requests/sec:\s+([\d.]+)"),
    "p50": re.compile(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", re.M),
    "p99": re.compile(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", re.M),
    "socket": re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"),
    "status": re.compile(r"Non-2xx or 3xx responses: (\d+)"),
}
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(path: str, connections: int, seconds: int, cookie: str = "") -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    command += ["-H", f"Accept-Encoding: {BROWSER_ENCODINGS}"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{PORT}{path}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603

    def latency(name):
        value, unit = WRK_LINE[name].search(output).groups()
        return float(value) * UNIT_MS[unit]

    socket = WRK_LINE["socket"].search(output)
    status = WRK_LINE["status"].search(output)
    errors = (sum(map(int, socket.groups())) if socket else 0) + (
        int(status.group(1)) if status else 0
    )
    return {
        "rps": float(WRK_LINE["rps"].search(output).group(1)),
        "p50_ms": latency("p50"),
        "p99_ms": latency("p99"),
        "errors": errors,
    }


def combine(results: list[dict]) -> dict:
    """Rounds of equal length: mean throughput and latencies, all the errors."""
    mean = {key: sum(r[key] for r in results) / len(results) for key in ("rps", "p50_ms", "p99_ms")}
    return {**mean, "errors": sum(r["errors"] for r in results)}


def drained(result: dict) -> dict:
    """`result`, once the server has answered what wrk left in its queue.

    When wrk stops, the requests it had sent are still queued at gunicorn;
    the next round would otherwise start behind them (a slow page left a
    second of work that a round of /healthz then paid for). They are done
    within about one p99 latency; the wait is twice that.
    """
    time.sleep(2 * result["p99_ms"] / 1000)
    return result


def measure(name, path, connections, seconds, *, cookie="", kind="anonymous") -> Run:
    """`seconds` of load on `path`, after a warm-up (worker caches, page cache, connections).

    A ceiling is measured in one stretch. Any other URL is measured in ROUNDS
    rounds that alternate with rounds of /healthz, and is judged against those:
    this machine's speed drifts by a third within minutes, which would swamp a
    comparison with a ceiling measured at another time.
    """
    drained(wrk(path, connections, 2, cookie))
    if kind in ("healthz", "static"):
        result = drained(wrk(path, connections, seconds, cookie))
        run = Run(name, path, connections, kind=kind, **result)
    else:
        length = max(1, round(seconds / ROUNDS))
        rounds = [
            (
                drained(wrk("/healthz", connections, length)),
                drained(wrk(path, connections, length, cookie)),
            )
            for _ in range(ROUNDS)
        ]
        healthz = combine([h for h, _ in rounds])
        run = Run(name, path, connections, kind=kind, **combine([r for _, r in rounds]))
        run.healthz_rps, run.healthz_p99_ms = healthz["rps"], healthz["p99_ms"]
    print(
        f"  {name:<28} c={connections:<3} {run.rps:8.0f} req/s  "
        f"p50 {run.p50_ms:7.1f} ms  p99 {run.p99_ms:7.1f} ms  errors {run.errors}"
        + (f"  (/healthz beside it {run.healthz_rps:.0f} req/s)" if run.healthz_rps else ""),
        flush=True,
    )
    return run


@dataclass
class Ceiling:
    rps: float
    p99_ms: float


def ceilings(runs: list[Run]) -> dict[tuple[str, int], Ceiling]:
    """Each ceiling (kind, connections), the mean of its runs.

    A ceiling is measured before and after the URLs of its concurrency, so a
    drift of the machine's speed during those minutes shows in both.
    """
    found = {}
    for run in runs:
        if run.kind in ("healthz", "static"):
            found.setdefault((run.kind, run.connections), []).append(run)
    return {
        key: Ceiling(
            rps=sum(r.rps for r in measured) / len(measured),
            p99_ms=sum(r.p99_ms for r in measured) / len(measured),
        )
        for key, measured in found.items()
    }


def judge(runs: list[Run]):
    """Ratios to the ceilings of the same concurrency, and the verdicts."""
    ceiling = ceilings(runs)
    for run in runs:
        healthz = ceiling[("healthz", run.connections)]
        if run.healthz_rps:
            healthz = Ceiling(rps=run.healthz_rps, p99_ms=run.healthz_p99_ms)
        run.ratio_healthz = run.rps / healthz.rps
        run.ratio_static = run.rps / ceiling[("static", run.connections)].rps
        if run.kind == "anonymous" and run.connections == 64:
            ok = (
                run.ratio_healthz >= ANONYMOUS_RATIO
                and run.p99_ms <= ANONYMOUS_P99 * healthz.p99_ms
                and run.errors == 0
            )
        elif run.kind == "logged-in":
            ok = run.ratio_healthz >= LOGGED_IN_RATIO and run.errors == 0
        elif run.kind == "download":
            ok = run.ratio_healthz >= DOWNLOAD_RATIO and run.errors == 0
        else:
            ok = run.errors == 0
        run.verdict = "PASS" if ok else "FAIL"


# -- page weight and Lighthouse ----------------------------------------------


def page_weight(pages: list[tuple[str, str]], cookie: str) -> list[Weight]:
    """Bytes on the wire for a first visit (empty browser cache), per page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        weights = [
            first_visit(browser, name, path, cookie if name == "routine page" else "")
            for name, path in pages
        ]
        browser.close()
    return weights


def first_visit(browser, name: str, path: str, cookie: str) -> Weight:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    if cookie:
        key, value = cookie.split("=", 1)
        context.add_cookies([{"name": key, "value": value, "url": base_url()}])
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base_url() + path, wait_until="load")
    total, html, problems = 0, 0, []
    for response in responses:
        sizes = response.request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += size
        if response.request.resource_type == "document":
            html = size
        elif "/static/" in response.url:
            problems += static_problems(response.url, response.headers)
    problems += page.evaluate(PAGE_PROBLEMS)
    context.close()
    return Weight(name, path, html, total, len(responses), problems)


def static_problems(url: str, headers: dict) -> list[str]:
    problems = []
    textual = any(t in headers.get("content-type", "") for t in ("css", "javascript", "svg"))
    if textual and headers.get("content-encoding") not in ("br", "gzip"):
        problems.append(f"not compressed: {url}")
    max_age = re.search(r"max-age=(\d+)", headers.get("cache-control", ""))
    if not max_age or int(max_age.group(1)) < FAR_FUTURE:
        problems.append(f"no far-future cache: {url}")
    return problems


# Render-blocking scripts (in <head> without defer, async or type=module) and
# images without a size or lazy loading.
PAGE_PROBLEMS = """() => [
  ...[...document.querySelectorAll('head script[src]')]
    .filter(s => !s.defer && !s.async && s.type !== 'module')
    .map(s => 'render-blocking script: ' + s.src),
  ...[...document.querySelectorAll('img')]
    .filter(i => !i.getAttribute('width') || !i.getAttribute('height') || i.loading !== 'lazy')
    .map(i => 'image not sized and lazy: ' + i.src),
]"""


def lighthouse(pages: list[tuple[str, str]]) -> dict[str, dict]:
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci --ignore-scripts` (make bench does).")
    scores = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, path in pages:
            report = Path(folder) / "report.json"
            command = [
                str(LIGHTHOUSE),
                base_url() + path,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                "--only-categories=performance,accessibility,best-practices,seo",
                f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
            ]
            # Lighthouse now and then fails to record the trace of a load
            # (NO_NAVSTART): a run that fails is tried again, twice at most.
            for _attempt in range(3):
                lighthouse_run = subprocess.run(  # noqa: S603
                    command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False
                )
                if lighthouse_run.returncode == 0:
                    break
            lighthouse_run.check_returncode()
            categories = json.loads(report.read_text())["categories"]
            scores[name] = {key: round(c["score"] * 100) for key, c in categories.items()}
            print(f"  {name:<28} {scores[name]}", flush=True)
    return scores


def base_url():
    return f"http://127.0.0.1:{PORT}"


# -- the report --------------------------------------------------------------


def machine() -> str:
    from django.db import connection

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    with connection.cursor() as cursor:
        database = connection.vendor
        if database == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            database = f"SQLite {connection.Database.sqlite_version}"
    from django.conf import settings

    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return (
        f"{platform.node()}: {os.cpu_count()} × {cpu}, Python {platform.python_version()}, "
        f"{database}, cache {cache}, gunicorn {WORKERS} sync workers"
    )


def report(runs, scale, weights, scores, about) -> str:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## {stamp}",
        "",
        about,
        "",
        "| URL | conn. | req/s | p50 ms | p99 ms | errors | /healthz beside it: req/s, p99 ms "
        "| × /healthz | × static | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for run in runs:
        beside = f"{run.healthz_rps:.0f}, {run.healthz_p99_ms:.1f}" if run.healthz_rps else ""
        lines.append(
            f"| {run.name} `{run.path}` | {run.connections} | {run.rps:.0f} | {run.p50_ms:.1f} "
            f"| {run.p99_ms:.1f} | {run.errors} | {beside} | {run.ratio_healthz:.2f} "
            f"| {run.ratio_static:.2f} | {run.verdict} |"
        )
    lines += [
        "",
        f"Scale run, page cache off (the cost of rendering): {SCALE_SIZE:,} exercises "
        "against the shipped library. The two are minutes apart, so *kept* is given as it "
        "is and as ratios to the /healthz rounds beside each; both must reach the target.",
        "",
        "| URL | conn. | req/s shipped | req/s at scale | kept | kept, ÷ /healthz | target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for small, large in scale:
        kept = large.rps / small.rps
        kept_beside = kept * small.healthz_rps / large.healthz_rps
        ok = min(kept, kept_beside) >= SCALE_RATIO and large.errors == 0
        lines.append(
            f"| {small.name} `{small.path}` | {small.connections} | {small.rps:.0f} "
            f"| {large.rps:.0f} | {kept:.2f} | {kept_beside:.2f} | {'PASS' if ok else 'FAIL'} |"
        )
    lines += [
        "",
        "Page weight, first visit at 390 px (bytes on the wire, headers included):",
        "",
        "| page | HTML | everything | requests | target |",
        "|---|---:|---:|---:|---|",
    ]
    for weight in weights:
        lines.append(
            f"| {weight.name} `{weight.path}` | {weight.html / 1000:.1f} KB "
            f"| {weight.total / 1000:.1f} KB | {weight.requests} | {weight.verdict} |"
        )
    problems = [p for weight in weights for p in weight.problems]
    lines += [f"- {problem}" for problem in problems]
    lines += [
        "",
        "Lighthouse, mobile:",
        "",
        "| page | performance | accessibility | best practices | SEO | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, score in scores.items():
        verdict = "PASS" if min(score.values()) >= LIGHTHOUSE_MIN else "FAIL"
        lines.append(
            f"| {name} | {score['performance']} | {score['accessibility']} "
            f"| {score['best-practices']} | {score['seo']} | {verdict} |"
        )
    return "\n".join(lines) + "\n"


def record(section: str):
    """Newest first, below the file's introduction."""
    intro = (
        "# Benchmarks\n\nWritten by `make bench` (scripts/bench.py), newest first. "
        "Targets and method: the README's Performance section.\n"
    )
    old = RESULTS.read_text() if RESULTS.exists() else intro
    head, _, history = old.partition("\n## ")
    history = f"\n## {history}" if history else ""
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(f"{head.rstrip()}\n\n{section}{history}")


# -- the run -----------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per URL")
    parser.add_argument("--no-record", action="store_true", help="print, do not write the file")
    args = parser.parse_args()
    for tool in ("wrk", CHROMIUM):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: apt-get install wrk chromium")

    env = production_environment(fresh_database_url("bench"))
    use_environment(env)
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.urls import reverse

    from exercises.models import Exercise, FocusArea
    from plans.models import Routine

    runner, routine = load_content()
    cookie = session_cookie(runner)
    template = Routine.objects.templates().order_by("pk").first()
    anonymous = [
        ("home", "/"),
        ("library", reverse("exercises:list")),
        ("filtered library", reverse("exercises:list") + "?focus=knee&equipment=bodyweight"),
        ("exercise page", Exercise.objects.get(slug="goblet-squat").get_absolute_url()),
        ("focus page", FocusArea.objects.get(slug="knee").get_absolute_url()),
        ("templates", reverse("plans:template-list")),
        ("template page", template.get_absolute_url()),
    ]
    downloads = [
        ("routine PDF", routine.pdf_url, cookie),
        ("routine XLSX", routine.xlsx_url, cookie),
        ("template PDF", template.pdf_url, ""),
        ("template XLSX", template.xlsx_url, ""),
    ]
    about = machine()
    print(about, flush=True)

    runs = []
    with Server(env, port=PORT):
        static = staticfiles_storage.url("css/site.css")

        def measure_ceilings(connections):
            runs.append(measure("/healthz", "/healthz", connections, args.seconds, kind="healthz"))
            runs.append(measure("static file", static, connections, args.seconds, kind="static"))

        for connections in (16, 64):
            print(f"wrk, {connections} connections, {args.seconds} s per URL", flush=True)
            measure_ceilings(connections)
            for name, path in anonymous:
                runs.append(measure(name, path, connections, args.seconds))
            runs.append(
                measure(
                    "routine page",
                    routine.get_absolute_url(),
                    connections,
                    args.seconds,
                    cookie=cookie,
                    kind="logged-in",
                )
            )
            for name, path, download_cookie in downloads:
                runs.append(
                    measure(
                        name,
                        path,
                        connections,
                        args.seconds,
                        cookie=download_cookie,
                        kind="download",
                    )
                )
            measure_ceilings(connections)
        judge(runs)
        print("page weight", flush=True)
        weights = page_weight([*anonymous, ("routine page", routine.get_absolute_url())], cookie)
        print("Lighthouse", flush=True)
        scores = lighthouse(anonymous[:2] + anonymous[3:4])

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
            grow_library(size)
        with Server(env, port=PORT, PAGE_CACHE_SECONDS="0"):
            for connections in (16, 64):
                for name, path in scaled:
                    scale.setdefault((name, connections), []).append(
                        measure(name, path, connections, args.seconds)
                    )

    section = report(runs, list(scale.values()), weights, scores, about)
    print()
    print(section)
    if not args.no_record:
        record(section)
        print(f"Written to {RESULTS.relative_to(BASE_DIR)}")
    return 1 if "| FAIL |" in section else 0


if __name__ == "__main__":
    sys.exit(main())
