"""The load: threads mixing page views, routine edits and newsletter signups."""

import http.client
import itertools
import re
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

THREADS = 4
PACE = 0.1  # seconds each load thread waits between two requests
CLIENT_TIMEOUT = 10  # a request that takes longer is a hang


@dataclass
class Outcome:
    scenario: int
    kind: str  # view, edit, signup
    started: float
    finished: float
    result: str  # ok, 503, 5xx, 4xx, unexpected, timeout, connection
    path: str = ""
    value: str = ""  # the address signed up, or the name a session was given
    target: int = 0  # the session an edit wrote

    @property
    def ok(self) -> bool:
        return self.result == "ok"


def accepted_signups(outcomes: list[Outcome]) -> set[str]:
    """The addresses whose signup got a success response."""
    return {o.value for o in outcomes if o.kind == "signup" and o.ok}


@dataclass
class Runner:
    """One load thread's signed-in user, and the sessions its edits rename, one each."""

    cookies: dict
    csrf_token: str
    editor: str  # the routine editor page, a page view that needs the database
    sessions: list  # (routine pk, session pk)
    edits: itertools.count = field(default_factory=itertools.count)


class Load:
    """THREADS threads mixing page views, routine edits and signups, PACE apart."""

    PATTERN = ("view", "edit", "signup", "view", "edit", "personal")

    def __init__(self, runners: list[Runner], pages: list[str], run_id: str):
        self.port = 0  # the server's, set once it is started
        self.runners = runners
        self.pages = pages
        self.run_id = run_id
        self.outcomes: list[Outcome] = []
        self.signups = itertools.count(1)
        self.scenario = 0
        self.stopping = threading.Event()
        self.threads = []

    def start(self, scenario: int):
        self.scenario = scenario
        self.stopping.clear()
        self.threads = [
            threading.Thread(target=self.drive, args=(number, runner), daemon=True)
            for number, runner in enumerate(self.runners)
        ]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def drive(self, number: int, runner: Runner):
        for step in itertools.count(number):
            if self.stopping.is_set():
                return
            action = self.PATTERN[step % len(self.PATTERN)]
            if action == "view":
                self.fetch("view", "GET", self.pages[step % len(self.pages)])
            elif action == "personal":
                self.fetch("view", "GET", runner.editor, cookies=runner.cookies)
            elif action == "edit":
                self.edit(runner)
            else:
                self.sign_up()
            time.sleep(PACE)

    def edit(self, runner: Runner):
        number = next(runner.edits)
        routine_pk, session_pk = runner.sessions[number % len(runner.sessions)]
        name = f"Edit {self.run_id} {session_pk}-{number}"
        self.fetch(
            "edit",
            "POST",
            f"/plans/{routine_pk}/sessions/{session_pk}/",
            cookies=runner.cookies,
            form={"name": name, "csrfmiddlewaretoken": runner.csrf_token},
            expect=302,
            value=name,
            target=session_pk,
        )

    def sign_up(self):
        number = next(self.signups)
        source = f"127.{1 + number // 62500}.{number // 250 % 250 + 1}.{number % 250 + 1}"
        address = f"faults-{self.run_id}-s{self.scenario}-{number}@example.com"
        response = self.fetch("view", "GET", "/newsletter/", source=source)
        if response is None:
            return
        cookies, html = response
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        form = {
            "email": address,
            "first_name": "Fault",
            "website": "",
            "source": "/newsletter/",
            "csrfmiddlewaretoken": token.group(1) if token else "",
        }
        self.fetch(
            "signup",
            "POST",
            "/newsletter/",
            cookies=cookies,
            form=form,
            source=source,
            expect=302,
            value=address,
        )

    def fetch(self, kind, method, path, *, cookies=None, form=None, source=None, expect=200, **kw):
        """One request on a connection of its own; its outcome recorded. The page if it worked."""
        headers = {}
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(
            "127.0.0.1",
            self.port,
            timeout=CLIENT_TIMEOUT,
            source_address=(source, 0) if source else None,
        )
        started = time.monotonic()
        page = None
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            html = response.read().decode(errors="replace")
            status = response.status
            if status == expect:
                result = "ok"
                jar = SimpleCookie()
                for header in response.headers.get_all("Set-Cookie") or []:
                    jar.load(header)
                page = {**(cookies or {}), **{k: m.value for k, m in jar.items()}}, html
            elif status == 503:
                result = "503"
            elif status >= 500:
                result = "5xx"
            elif status >= 400:
                result = "4xx"
            else:
                result = "unexpected"  # a form shown again, a redirect to the login page
        except TimeoutError:
            result = "timeout"
        except (OSError, http.client.HTTPException):
            result = "connection"
        finally:
            connection.close()
        outcome = Outcome(self.scenario, kind, started, time.monotonic(), result, path, **kw)
        self.outcomes.append(outcome)
        return page
