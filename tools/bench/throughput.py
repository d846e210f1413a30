"""wrk's load on each URL, judged against a ceiling measured beside it."""

from dataclasses import dataclass

from tools.bench.targets import (
    ANONYMOUS_P99,
    ANONYMOUS_RATIO,
    DOWNLOAD_RATIO,
    LOGGED_IN_RATIO,
    PROXY_RATIO,
    WRITE_RATIO,
)
from tools.wrk import combine, wrk

ROUNDS = 10  # of a URL's load, alternating with as many of its ceiling
CEILINGS = ("healthz", "static")


@dataclass
class Run:
    name: str
    path: str
    connections: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    # or logged-in, write, download, reference (not judged), proxied, and the CEILINGS
    kind: str = "anonymous"
    # The ceiling measured in the rounds alternating with this URL's (see measure):
    # /healthz at the origin, the static file through the proxy.
    beside_rps: float = 0.0
    beside_p99_ms: float = 0.0
    ratio_healthz: float = 0.0
    ratio_static: float = 0.0
    hit_ratio: float | None = None  # the proxy's, while this URL was asked for alone
    verdict: str = ""


def measure(
    base: str,
    name: str,
    path: str,
    connections: int,
    seconds: int,
    *,
    cookie: str = "",
    kind: str = "anonymous",
    beside: str = "/healthz",
    warm_up: bool = True,
    script=None,
) -> Run:
    """`seconds` of load on `base + path`, after a warm-up (worker caches, page cache, connections).

    A ceiling is measured in one stretch. Any other URL is measured in ROUNDS
    rounds (fewer when `seconds` is shorter) that alternate with as many rounds
    of `beside`, and is judged against those:
    this machine's speed drifts by a third within minutes, which would swamp a
    comparison with a ceiling measured at another time.
    """
    if warm_up:
        wrk(base + path, connections, 2, cookie, script)
    if kind in CEILINGS:
        run = Run(name, path, connections, kind=kind, **wrk(base + path, connections, seconds))
    else:
        count = max(1, min(ROUNDS, seconds))  # rounds of a second at least
        length = max(1, round(seconds / count))
        rounds = [
            (
                wrk(base + beside, connections, length),
                wrk(base + path, connections, length, cookie, script),
            )
            for _ in range(count)
        ]
        ceiling = combine([c for c, _ in rounds])
        run = Run(name, path, connections, kind=kind, **combine([r for _, r in rounds]))
        run.beside_rps, run.beside_p99_ms = ceiling["rps"], ceiling["p99_ms"]
    print(
        f"  {name:<28} c={connections:<3} {run.rps:8.0f} req/s  "
        f"p50 {run.p50_ms:7.1f} ms  p99 {run.p99_ms:7.1f} ms  errors {run.errors}"
        + (f"  ({beside} beside it {run.beside_rps:.0f} req/s)" if run.beside_rps else ""),
        flush=True,
    )
    return run


def ratio(part: float, whole: float) -> float:
    """`part` ÷ `whole`, and 0 (a FAIL) when nothing was answered to compare with.

    A round too short for any request of a slow page to finish counts none.
    """
    return part / whole if whole else 0.0


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
        if run.kind in CEILINGS:
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
        if run.beside_rps:
            healthz = Ceiling(rps=run.beside_rps, p99_ms=run.beside_p99_ms)
        run.ratio_healthz = ratio(run.rps, healthz.rps)
        run.ratio_static = ratio(run.rps, ceiling[("static", run.connections)].rps)
        if run.kind == "anonymous" and run.connections == 64:
            ok = (
                run.ratio_healthz >= ANONYMOUS_RATIO
                and run.p99_ms <= ANONYMOUS_P99 * healthz.p99_ms
            )
        elif run.kind == "logged-in":
            ok = run.ratio_healthz >= LOGGED_IN_RATIO
        elif run.kind == "write":
            ok = run.ratio_healthz >= WRITE_RATIO
        elif run.kind == "download":
            ok = run.ratio_healthz >= DOWNLOAD_RATIO
        else:
            ok = True
        run.verdict = "PASS" if ok and run.errors == 0 else "FAIL"


def judge_proxied(runs: list[Run]):
    """Through the proxy, a page is judged against the static file beside it."""
    for run in runs:
        run.ratio_static = ratio(run.rps, run.beside_rps)
        ok = run.ratio_static >= PROXY_RATIO and run.errors == 0
        run.verdict = "PASS" if ok else "FAIL"
