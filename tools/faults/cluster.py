"""Scenario 5: two app servers behind HAProxy, on one PostgreSQL and one Redis.

The topology the README's production section describes, on loopback: two
gunicorn instances (each `WORKERS` sync workers) with the same settings, and
Debian's HAProxy in front, balancing round robin, health-checking `/healthz`
and appending the client's address to X-Forwarded-For (the instances trust one
proxy, as behind the TLS proxy). With the mixed load going through HAProxy it
checks that a logout on one instance holds on the other, that an admin edit
through one retires the cached pages both serve, that a rate limit counts once
across both, and that a rolling restart (drain an instance in HAProxy, stop it
gracefully, start it, put it back; then the other) fails no request.
"""

import http.client
import re
import shutil
import socket
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from tools.faults.scenarios import Scenario, drain, event, say
from tools.forms import form_fields
from tools.serving import Served, Server, free_port

HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
NUMBER = 5
CONFIG = """\
global
    stats socket {socket} mode 600 level admin
    maxconn 4096

defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    retries 3
    option redispatch
    option forwardfor

frontend site
    bind 127.0.0.1:{port}
    default_backend instances

backend instances
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    default-server inter 300ms fall 2 rise 2
{servers}
"""


def available() -> bool:
    return Path(HAPROXY).is_file()


class HAProxy(Served):
    """HAProxy in the foreground on a free port, in front of `backends` (name → port)."""

    def __init__(self, backends: dict[str, int], log):
        self.folder = Path(tempfile.mkdtemp(prefix="haproxy-"))
        self.socket = self.folder / "admin.sock"
        port = free_port()
        servers = "\n".join(
            f"    server {name} 127.0.0.1:{backend} check" for name, backend in backends.items()
        )
        config = self.folder / "haproxy.cfg"
        config.write_text(CONFIG.format(socket=self.socket, port=port, servers=servers))
        super().__init__([HAPROXY, "-db", "-f", str(config)], port=port, log=log)

    def __exit__(self, *exc):
        super().__exit__(*exc)
        shutil.rmtree(self.folder, ignore_errors=True)

    def ask(self, line: str) -> str:
        """One command on HAProxy's runtime API (its admin socket)."""
        with socket.socket(socket.AF_UNIX) as admin:
            admin.connect(str(self.socket))
            admin.sendall(line.encode() + b"\n")
            answer = b""
            while chunk := admin.recv(65536):
                answer += chunk
        return answer.decode()

    def server(self, name: str) -> dict[str, str]:
        """HAProxy's statistics of backend server `name`: status, scur (open sessions), …"""
        header, *rows = self.ask("show stat").splitlines()
        keys = header.lstrip("# ").split(",")
        for row in rows:
            values = dict(zip(keys, row.split(","), strict=False))
            if values.get("pxname") == "instances" and values.get("svname") == name:
                return values
        raise LookupError(name)

    def wait_for(self, name: str, predicate, what: str, timeout: float = 30) -> float:
        started = time.monotonic()
        while not predicate(self.server(name)):
            if time.monotonic() - started > timeout:
                raise SystemExit(f"HAProxy: instance {name} not {what} within {timeout} s")
            time.sleep(0.05)
        return time.monotonic() - started


def fetch(port, method, path, *, cookies=None, form=None, source=None):
    """(status, cookies after it, Location, body) of one request to 127.0.0.1:`port`."""
    headers = {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=10, source_address=(source, 0) if source else None
    )
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        after = {**(cookies or {}), **{name: morsel.value for name, morsel in jar.items()}}
        return response.status, after, response.headers.get("Location", ""), text
    finally:
        connection.close()


def signed_in(user) -> dict:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def csrf_form(port, path, cookies, **attributes) -> tuple[dict, list]:
    """The cookies and the fields of a form, as a GET of `path` hands them out."""
    status, cookies, _, html = fetch(port, "GET", path, cookies=cookies)
    if status != 200:
        raise SystemExit(f"GET {path} answered {status}")
    return cookies, form_fields(html, **attributes)


def logout_holds(scenario, a: Server, b: Server, run_id: str):
    from django.urls import reverse

    from accounts.models import User

    user = User.objects.create_user(email=f"cluster-{run_id}@example.com")
    cookies = signed_in(user)
    private = reverse("plans:routine-list")
    before = fetch(b.port, "GET", private, cookies=cookies)[0]
    logout = reverse("account_logout")
    cookies, fields = csrf_form(a.port, logout, cookies, action=logout)
    status = fetch(a.port, "POST", logout, cookies=cookies, form=fields)[0]
    after, _, location, _ = fetch(b.port, "GET", private, cookies=cookies)
    if (before, status) != (200, 302) or after != 302 or reverse("account_login") not in location:
        scenario.problems.append(
            f"logout on one instance: the other answered {before} before and {after} after"
        )
    else:
        scenario.notes.append("logged out through instance a: instance b asks for a login at once")


def edit_retires_pages(scenario, a: Server, b: Server, run_id: str):
    from django.urls import reverse

    from accounts.models import User
    from exercises.models import FocusArea

    focus = FocusArea.objects.order_by("pk").first()
    page = focus.get_absolute_url()
    for server in (a, b, a, b):  # stored by one, served from the shared cache by both
        fetch(server.port, "GET", page)
    staff = User.objects.create_superuser(email=f"cluster-staff-{run_id}@example.com")
    change = reverse("admin:exercises_focusarea_change", args=[focus.pk])
    cookies, fields = csrf_form(a.port, change, signed_in(staff), id="focusarea_form")
    marker = f"Edited through instance a ({run_id})."
    fields = [(name, f"{value} {marker}" if name == "intro" else value) for name, value in fields]
    status = fetch(a.port, "POST", change, cookies=cookies, form=fields)[0]
    shown = {name: marker in fetch(s.port, "GET", page)[3] for name, s in (("a", a), ("b", b))}
    if status != 302 or not all(shown.values()):
        scenario.problems.append(
            f"an admin edit through instance a (answer {status}) is not shown by: "
            + ", ".join(name for name, seen in shown.items() if not seen)
        )
    else:
        scenario.notes.append(
            "an admin edit through instance a: both instances show it on their next request"
        )


def limit_counts_once(scenario, proxy: HAProxy, run_id: str):
    from django.urls import reverse

    from newsletter.services import SIGNUPS_PER_IP_PER_HOUR as SIGNUP_LIMIT

    signup = reverse("newsletter:signup")
    source = "127.77.0.1"
    statuses = []
    for number in range(SIGNUP_LIMIT + 1):  # through HAProxy, alternating instances
        _, cookies, _, html = fetch(proxy.port, "GET", signup, source=source)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        form = {
            "email": f"cluster-limit-{run_id}-{number}@example.com",
            "first_name": "Limit",
            "website": "",
            "source": signup,
            "csrfmiddlewaretoken": token[1] if token else "",
        }
        statuses.append(
            fetch(proxy.port, "POST", signup, cookies=cookies, form=form, source=source)[0]
        )
    if statuses != [302] * SIGNUP_LIMIT + [429]:
        scenario.problems.append(f"{SIGNUP_LIMIT + 1} signups from one address: {statuses}")
    else:
        scenario.notes.append(
            f"signups from one address alternating between instances: the "
            f"{SIGNUP_LIMIT + 1}th is refused (429), one count across both"
        )


def rolling_restart(proxy: HAProxy, servers: dict[str, Server]) -> list[str]:
    """Each instance in turn: drained, stopped gracefully, started, back in service."""
    lines = []
    for name, server in servers.items():
        proxy.ask(f"set server instances/{name} state drain")
        drained = proxy.wait_for(name, lambda s: s["scur"] == "0", "drained")
        server.__exit__(None, None, None)  # SIGTERM: gunicorn finishes what it has
        event(f"instance {name} drained in {drained:.1f} s and stopped")
        server.__enter__()
        proxy.ask(f"set server instances/{name} state ready")
        back = proxy.wait_for(name, lambda s: s["status"] == "UP", "back up")
        event(f"instance {name} started again, in service {back:.1f} s later")
        lines.append(f"{name}: drained in {drained:.1f} s, back in service {back:.1f} s after")
        time.sleep(2)
    return lines


def two_instances(load, sink, env, logs: Path, load_seconds: float) -> Scenario:
    scenario = Scenario(NUMBER, "two instances behind HAProxy")
    say(f"{NUMBER}. two gunicorn instances behind HAProxy, restarted in turn under load")
    scenario.started = time.monotonic()
    behind_proxy = {**env, "TRUST_X_FORWARDED_PROTO": "1"}  # trust one proxy's X-Forwarded-For
    with (
        open(logs / "instance-a.log", "w") as log_a,
        open(logs / "instance-b.log", "w") as log_b,
        open(logs / "haproxy.log", "w") as log_proxy,
        Server(behind_proxy, log=log_a) as a,
        Server(behind_proxy, log=log_b) as b,
        HAProxy({"a": a.port, "b": b.port}, log_proxy) as proxy,
    ):
        for name in ("a", "b"):
            proxy.wait_for(name, lambda s: s["status"] == "UP", "up")
        logout_holds(scenario, a, b, load.run_id)
        edit_retires_pages(scenario, a, b, load.run_id)
        limit_counts_once(scenario, proxy, load.run_id)

        origin, load.port = load.port, proxy.port
        load.start(NUMBER)
        time.sleep(load_seconds / 4)
        scenario.fault_at = time.monotonic()
        restarts = rolling_restart(proxy, {"a": a, "b": b})
        scenario.back_at = time.monotonic()
        time.sleep(load_seconds / 4)
        load.stop()
        load.port = origin
    scenario.recovery = "; ".join(restarts)
    failed = [o for o in load.outcomes if o.scenario == NUMBER and not o.ok]
    if failed:
        scenario.problems.append(f"{len(failed)} requests failed during the rolling restart")
    else:
        scenario.notes.append("no request failed during the rolling restart")
    drain(load, sink, NUMBER, time.monotonic() + 60)
    return scenario
