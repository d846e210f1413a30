"""What a first visit costs a phone: bytes on the wire in headless Chromium, and Lighthouse."""

import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tools.bench.targets import HTML_BUDGET, PAGE_BUDGET
from tools.browser import CHROMIUM, CHROMIUM_ARGS
from tools.serving import BASE_DIR

LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
FAR_FUTURE = 365 * 24 * 3600


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


def page_weight(base: str, pages: list[tuple[str, str]], cookie: str) -> list[Weight]:
    """Bytes on the wire for a first visit (empty browser cache), per page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        weights = [
            first_visit(browser, base, name, path, cookie if name == "routine page" else "")
            for name, path in pages
        ]
        browser.close()
    return weights


def first_visit(browser, base: str, name: str, path: str, cookie: str) -> Weight:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    if cookie:
        key, value = cookie.split("=", 1)
        context.add_cookies([{"name": key, "value": value, "url": base}])
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base + path, wait_until="load")
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


def lighthouse(base: str, pages: list[tuple[str, str]]) -> dict[str, dict]:
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci --ignore-scripts` (make bench does).")
    scores = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, path in pages:
            report = Path(folder) / "report.json"
            command = [
                str(LIGHTHOUSE),
                base + path,
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
