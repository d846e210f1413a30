"""The run as Markdown tables, and docs/benchmarks.md, newest first."""

import datetime
import os
import platform
from pathlib import Path

from tools.bench.targets import LIGHTHOUSE_MIN, PROXY_RATIO, SCALE_RATIO, SCALE_SIZE
from tools.bench.throughput import ratio
from tools.serving import BASE_DIR, WORKERS

RESULTS = BASE_DIR / "docs" / "benchmarks.md"


def machine() -> str:
    from django.conf import settings
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
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return (
        f"{platform.node()}: {os.cpu_count()} × {cpu}, Python {platform.python_version()}, "
        f"{database}, cache {cache}, gunicorn {WORKERS} sync workers"
    )


def origin_table(runs) -> list[str]:
    lines = [
        "| URL | conn. | req/s | p50 ms | p99 ms | errors | /healthz beside it: req/s, p99 ms "
        "| × /healthz | × static | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for run in runs:
        beside = f"{run.beside_rps:.0f}, {run.beside_p99_ms:.1f}" if run.beside_rps else ""
        lines.append(
            f"| {run.name} `{run.path}` | {run.connections} | {run.rps:.0f} | {run.p50_ms:.1f} "
            f"| {run.p99_ms:.1f} | {run.errors} | {beside} | {run.ratio_healthz:.2f} "
            f"| {run.ratio_static:.2f} | {run.verdict} |"
        )
    return lines


def proxy_table(proxied, varnish: str) -> list[str]:
    if not proxied:
        return [f"Through a shared cache: skipped ({varnish})."]
    lines = [
        f"Through a shared cache ({varnish}, tools/varnish.vcl) at 64 connections: hit ratio "
        "over a first stretch on a cold cache, then throughput against the static file "
        f"through the same Varnish (target ≥ {PROXY_RATIO} × it, no errors).",
        "",
        "| URL | req/s | p50 ms | p99 ms | errors | static file beside it: req/s | hit ratio "
        "| × static | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for run in proxied:
        lines.append(
            f"| {run.name} `{run.path}` | {run.rps:.0f} | {run.p50_ms:.1f} | {run.p99_ms:.1f} "
            f"| {run.errors} | {run.beside_rps:.0f} | {run.hit_ratio:.3f} "
            f"| {run.ratio_static:.2f} | {run.verdict} |"
        )
    return lines


def scale_table(scale) -> list[str]:
    lines = [
        f"Scale run, page cache off (the cost of rendering): {SCALE_SIZE:,} exercises "
        "against the shipped library. The two are minutes apart, so *kept* is given as it "
        "is and as ratios to the /healthz rounds beside each; both must reach the target.",
        "",
        "| URL | conn. | req/s shipped | req/s at scale | kept | kept, ÷ /healthz | target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for small, large in scale:
        kept = ratio(large.rps, small.rps)
        kept_beside = ratio(kept * small.beside_rps, large.beside_rps)
        ok = min(kept, kept_beside) >= SCALE_RATIO and large.errors == 0
        lines.append(
            f"| {small.name} `{small.path}` | {small.connections} | {small.rps:.0f} "
            f"| {large.rps:.0f} | {kept:.2f} | {kept_beside:.2f} | {'PASS' if ok else 'FAIL'} |"
        )
    return lines


def weight_table(weights) -> list[str]:
    lines = [
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
    return lines + [f"- {problem}" for weight in weights for problem in weight.problems]


def lighthouse_table(scores) -> list[str]:
    lines = [
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
    return lines


def report(about: str, tables: list[list[str]]) -> str:
    """A dated section: the machine, then each table the run made, a blank line apart."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"## {stamp}", "", about]
    for table in tables:
        lines += ["", *table]
    return "\n".join(lines) + "\n"


def record(section: str):
    """Newest first, below the file's introduction."""
    intro = (
        "# Benchmarks\n\nWritten by `make bench` (tools/bench), newest first. "
        "Targets: the README's Performance section; method: [performance.md](performance.md).\n"
    )
    old = RESULTS.read_text() if RESULTS.exists() else intro
    head, _, history = old.partition("\n## ")
    history = f"\n## {history}" if history else ""
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(f"{head.rstrip()}\n\n{section}{history}")
