"""Browser journeys against the real site: Debian's Chromium driven by Playwright.

The server is Django's live-server thread with DEBUG off and no static-files
shortcut, so CSS and JavaScript come from the collected, hashed, compressed
files through whitenoise, as in production. Each page a journey visits is
checked with axe-core (WCAG 2.1 A and AA), its HTML kept for the Nu HTML
Checker, and the console watched for CSP violations and script errors.
"""

import contextlib
import json
import os
import subprocess
from pathlib import Path

import pytest
from django.db import connections
from django.test.testcases import LiveServerThread
from django.test.utils import modify_settings
from playwright.sync_api import Error as PlaywrightError

from tests.content import load_shipped_content
from tools.browser import CHROMIUM, CHROMIUM_ARGS

BASE_DIR = Path(__file__).resolve().parents[2]
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
VNU = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", BASE_DIR / "e2e-artifacts"))
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "x-frame-options": "DENY",
}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(autouse=True)
def plain_http_links(settings, site_url):
    """E-mailed links lead to the test server, which has no TLS."""
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
    settings.SITE_URL = site_url


@pytest.fixture(autouse=True)
def shipped_content(transactional_db):
    """The library and starter templates, as `migrate` loads them.

    A browser test commits for real, so the database is emptied after each
    one; the same loaders the data migrations use put the content back.
    (Django's serialized rollback cannot help here: Playwright's sync API runs
    the test in another context, where Django hands out other connections.)
    """
    load_shipped_content()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def passthrough(handler):
    """No static-files shortcut: whitenoise, inside the app, serves them."""
    return handler


@pytest.fixture(scope="session")
def site_url(django_db_setup, django_db_blocker, _test_environment):
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between browser steps are ordinary synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with django_db_blocker.unblock():
        shared = {
            c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()
        }
        for connection in shared.values():
            connection.inc_thread_sharing()
        server = LiveServerThread(
            "127.0.0.1", static_handler=passthrough, connections_override=shared, port=0
        )
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        with modify_settings(ALLOWED_HOSTS={"append": "127.0.0.1"}):
            yield f"http://127.0.0.1:{server.port}"
        server.terminate()
        for connection in shared.values():
            connection.dec_thread_sharing()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request):
    return request.param


class PageChecks:
    """What every visited page must pass: headers, axe, the console and the Nu checker."""

    def __init__(self, page, name):
        self.page = page
        self.name = name
        self.console_errors = []
        self.violations = []
        self.html = {}
        self.expected_error_pages = set()
        self.header_problems = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(f"page error: {error}"))
        page.on("response", self._response)

    def expect_error_page(self, url):
        """A page the journey opens on purpose that answers 404 or 400."""
        self.expected_error_pages.add(url)

    def _console(self, message):
        if message.location.get("url") in self.expected_error_pages and (
            "Failed to load resource" in message.text
        ):
            return
        if message.type == "error" or "Content Security Policy" in message.text:
            self.console_errors.append(f"{message.type}: {message.text}")

    def _response(self, response):
        if response.request.resource_type == "document" and "text/html" in (
            response.headers.get("content-type", "")
        ):
            headers = response.headers
            for name, expected in SECURITY_HEADERS.items():
                if expected not in headers.get(name, ""):
                    self.header_problems.append(f"{response.url}: {name} is {headers.get(name)!r}")
            if "unsafe-inline" in headers.get("content-security-policy", ""):
                self.header_problems.append(f"{response.url}: the CSP allows unsafe-inline")
            with contextlib.suppress(PlaywrightError):  # a download or a redirect has no body
                self.html[response.url] = response.text()

    def audit(self):
        """Run axe-core on the page as it is now (evaluated by the driver, outside the CSP),
        once the CSS transitions running have ended: a button fading into its hover colours
        has, for a tenth of a second, colours that are neither."""
        self.page.evaluate(
            "() => Promise.all(document.getAnimations()"
            ".filter(animation => animation instanceof CSSTransition)"
            ".map(animation => animation.finished.catch(() => null)))"
        )
        self.page.evaluate(AXE.read_text())
        result = self.page.evaluate(
            "options => axe.run(document, options)",
            {"runOnly": {"type": "tag", "values": WCAG_AA}},
        )
        for violation in result["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:5]
            self.violations.append(f"{self.page.url}: {violation['id']} {targets}")

    def screenshot(self, label):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=ARTIFACTS / f"{self.name}-{label}.png", full_page=True)

    def validate_html(self):
        """Every page's HTML through the Nu HTML Checker: errors only."""
        folder = ARTIFACTS / "html" / self.name
        folder.mkdir(parents=True, exist_ok=True)
        files = []
        for index, (url, html) in enumerate(self.html.items()):
            path = folder / f"{index:02d}.html"
            path.write_text(html)
            files.append((url, path))
        if not files:
            return []
        result = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout"]
            + [str(path) for _, path in files],
            capture_output=True,
            text=True,
            check=False,
        )
        messages = json.loads(result.stdout or '{"messages": []}')["messages"]
        by_path = {f"file:{path}": url for url, path in files}
        return [f"{by_path.get(m.get('url'), m.get('url'))}: {m['message']}" for m in messages]

    def assert_clean(self):
        errors = self.validate_html()
        assert not self.header_problems, self.header_problems
        assert not self.console_errors, self.console_errors
        assert not self.violations, self.violations
        assert not errors, errors


@pytest.fixture
def checks(request, page, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    name = f"{request.node.originalname}-{viewport}"
    return PageChecks(page, name)
