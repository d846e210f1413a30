"""wrk, the HTTP load generator (Debian's `wrk`): one run, its output read into numbers."""

import re
import subprocess
import time

BROWSER_ENCODINGS = "gzip, deflate, br, zstd"  # what Chromium asks for, as every browser does
WRK_LINE = {
    "rps": re.compile(r"Requests/sec:\s+([\d.]+)"),
    "p50": re.compile(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", re.M),
    "p99": re.compile(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", re.M),
    "socket": re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"),
    "status": re.compile(r"Non-2xx or 3xx responses: (\d+)"),
}
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse(output: str) -> dict:
    """Requests per second, p50 and p99 in ms, and errors (socket errors and non-2xx/3xx)."""

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


def wrk(url: str, connections: int, seconds: int, cookie: str = "", script=None) -> dict:
    """`seconds` of load on `url` over `connections` connections, asking for what browsers do.

    `script` is (a wrk Lua file, its arguments) for requests other than a GET.
    """
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    command += ["-H", f"Accept-Encoding: {BROWSER_ENCODINGS}"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        path, arguments = script
        command += ["-s", str(path)]
    command.append(url)
    if script:
        command += ["--", *arguments]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return drained(parse(output))


def drained(result: dict) -> dict:
    """`result`, once the server has answered what wrk left in its queue.

    When wrk stops, the requests it had sent are still queued at gunicorn;
    the next round would otherwise start behind them (a slow page left a
    second of work that a round of /healthz then paid for). They are done
    within about one p99 latency; the wait is twice that.
    """
    time.sleep(2 * result["p99_ms"] / 1000)
    return result


def combine(results: list[dict]) -> dict:
    """Rounds of equal length: mean throughput and latencies, all the errors."""
    mean = {key: sum(r[key] for r in results) / len(results) for key in ("rps", "p50_ms", "p99_ms")}
    return {**mean, "errors": sum(r["errors"] for r in results)}
