"""`make observatory`: the MDN HTTP Observatory's grade for the production settings.

Serves the site the production way (gunicorn, DEBUG off, whitenoise) from a database
of its own (see tools/serving.py), scans it with the Observatory's own rules (the npm package
`@mdn/mdn-http-observatory`, pinned in package.json) and prints the grade, the score and
each test's result. The two tests that need HTTPS (NEEDS_HTTPS) cannot pass on loopback;
for them a second server runs as it does behind the TLS proxy (TRUST_X_FORWARDED_PROTO=1,
SECURE_SSL_REDIRECT=1), and the script checks the redirect and the HSTS header the scanner
would have seen. Exits 1 unless every test that can pass over plain HTTP passes and both
behind-the-proxy checks do.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from tools.serving import (
    BASE_DIR,
    Server,
    free_port,
    fresh_database_url,
    prepare_site,
    production_environment,
)

SCANNER = BASE_DIR / "node_modules" / "@mdn" / "mdn-http-observatory"
SCAN_JS = SCANNER / "src" / "scan.js"
# Its postinstall downloads the HSTS preload list (npm ci --ignore-scripts skips it); the
# scanner only needs the file to exist, and a loopback address is on no preload list.
HSTS_PRELOAD = SCANNER / "conf" / "hsts-preload.json"
HSTS_MIN_AGE = 15_552_000  # the analyzer's "six months"

# Tests that cannot pass over plain HTTP on 127.0.0.1, and why. Production answers them
# behind its TLS proxy (SECURE_SSL_REDIRECT and SECURE_HSTS_SECONDS are on by default).
NEEDS_HTTPS = {
    "redirection": (
        "there is no HTTPS on loopback to redirect to, so the scan runs with SECURE_SSL_REDIRECT=0"
    ),
    "strict-transport-security": (
        "browsers ignore HSTS over plain HTTP, and Django sends it only on HTTPS requests"
    ),
}


@contextmanager
def serve(env: dict, **overrides: str) -> Iterator[Server]:
    with Server(env, port=free_port("OBSERVATORY_PORT"), **overrides) as server:
        yield server


def scan(host: str) -> dict:
    node = shutil.which("node")
    if node is None:
        raise SystemExit("node is missing: the scanner needs Node.js 20 or newer")
    if not SCAN_JS.exists():
        raise SystemExit("The scanner is missing: npm ci --ignore-scripts")
    if not HSTS_PRELOAD.exists():
        HSTS_PRELOAD.write_text("{}\n")
    completed = subprocess.run(  # noqa: S603 (a fixed argument list)
        [node, str(SCAN_JS), host], capture_output=True, text=True, check=False, timeout=120
    )
    try:
        result = json.loads(completed.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"The scanner failed:\n{completed.stdout}{completed.stderr}") from None
    if "error" in result:
        raise SystemExit(f"The scanner failed: {result['error']}")
    return result


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str]]:
    opener = urllib.request.build_opener(NoRedirects)
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our loopback server)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def behind_the_proxy(url: str) -> dict[str, tuple[bool, str]]:
    """What the scanner would see on HTTPS: the plain-HTTP redirect and the HSTS header."""
    status, headers = fetch(f"{url}/", {})
    location = headers.get("Location", "")
    redirect_ok = status == 301 and location == url.replace("http://", "https://", 1) + "/"
    _status, headers = fetch(f"{url}/", {"X-Forwarded-Proto": "https"})
    hsts = headers.get("Strict-Transport-Security", "")
    max_age = re.search(r"(?i)\bmax-age=(\d+)", hsts)
    hsts_ok = max_age is not None and int(max_age.group(1)) >= HSTS_MIN_AGE
    return {
        "redirection": (redirect_ok, f"http:// answers {status} to {location or 'nowhere'}"),
        "strict-transport-security": (hsts_ok, f"over HTTPS: {hsts or 'no header'}"),
    }


def report(result: dict, proxied: dict[str, tuple[bool, str]]) -> bool:
    """Print the grade and every test; True when every test that can pass did."""
    summary = result["scan"]
    print(
        f"Grade {summary['grade']}, score {summary['score']}"
        f" ({summary['testsPassed']} of {summary['testsQuantity']} tests passed)"
    )
    ok = True
    for name, test in sorted(result["tests"].items()):
        if test["pass"]:
            verdict = "PASS"
        elif name in NEEDS_HTTPS:
            verdict = "HTTPS"
        else:
            verdict, ok = "FAIL", False
        modifier = test.get("scoreModifier", 0)
        print(f"{verdict:5}  {name:32} {test['result']:48} {modifier:+d}")
        if verdict == "HTTPS":
            passed, seen = proxied[name]
            ok = ok and passed
            print(f"       needs HTTPS: {NEEDS_HTTPS[name]}")
            print(f"       behind the TLS proxy: {'PASS' if passed else 'FAIL'}, {seen}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tools.observatory", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--json", action="store_true", help="also print the scanner's JSON")
    args = parser.parse_args()

    env = production_environment(fresh_database_url("observatory"))
    prepare_site(env)
    with serve(env) as server:
        result = scan(f"127.0.0.1:{server.port}")
    with serve(env, TRUST_X_FORWARDED_PROTO="1", SECURE_SSL_REDIRECT="1") as server:
        proxied = behind_the_proxy(server.url)
    if args.json:
        print(json.dumps(result, indent=2))
    sys.exit(0 if report(result, proxied) else 1)


if __name__ == "__main__":
    main()
