import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from exercises.videos import parse_video_url

SLOW_SECONDS = 3


class FakeOEmbed(ThreadingHTTPServer):
    """YouTube's and Vimeo's oEmbed endpoints on 127.0.0.1, answering per video id.

    `answers` maps a video id to 200, 404, 403, 401, 500 or "slow" (answers after
    the client has given up); any other id is a 200. `asked` lists the ids asked.
    """

    daemon_threads = True
    block_on_close = False

    def __init__(self):
        super().__init__(("127.0.0.1", 0), OEmbedHandler)
        self.answers = {}
        self.asked = []

    def handle_error(self, request, client_address):
        if not isinstance(sys.exception(), ConnectionError):  # a client that gave up waiting
            super().handle_error(request, client_address)

    @property
    def endpoints(self):
        base = f"http://127.0.0.1:{self.server_address[1]}"
        return {"youtube": f"{base}/oembed", "vimeo": f"{base}/api/oembed.json"}


class OEmbedHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        parts = urlsplit(self.path)
        video_id = parse_video_url(parse_qs(parts.query)["url"][0]).video_id
        self.server.asked.append(video_id)
        answer = self.server.answers.get(video_id, 200)
        if answer == "slow":
            time.sleep(SLOW_SECONDS)
            answer = 200
        body = b'{"type": "video", "title": "A form video"}' if answer == 200 else b"Not Found"
        self.send_response(answer)
        self.send_header("Content-Type", "application/json" if answer == 200 else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def oembed(settings):
    """A real local oEmbed server the availability check is pointed at."""
    server = FakeOEmbed()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.VIDEO_OEMBED_ENDPOINTS = server.endpoints
    settings.VIDEO_CHECK_TIMEOUT = 0.5
    yield server
    server.shutdown()
    server.server_close()
