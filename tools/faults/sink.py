"""The SMTP sink: the mail server the site sends to, stopped and started by a scenario."""

import threading
import time
from email.parser import BytesHeaderParser

from tools.serving import free_port


class Sink:
    """An SMTP server on loopback that records every message it accepts, with its time.

    `hold(marker)` keeps the next message to a recipient containing `marker`
    waiting before the 250 reply, so that its sender can be killed in the middle
    of a send: a message is recorded only once it is acknowledged.
    """

    def __init__(self):
        self.port = free_port()
        self.controller = None
        self.deliveries = []  # (monotonic time, Message-ID, recipient)
        self.held = threading.Event()
        self.hold_marker = None

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def hold(self, marker: str):
        self.held.clear()
        self.hold_marker = marker

    def release(self):
        self.hold_marker = None

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        marker = self.hold_marker
        if marker and any(marker in rcpt for rcpt in envelope.rcpt_tos):
            self.held.set()
            while self.hold_marker:  # cancelled here if the sender dies
                await asyncio.sleep(0.01)
        headers = BytesHeaderParser().parsebytes(envelope.original_content or envelope.content)
        for recipient in envelope.rcpt_tos:
            self.deliveries.append((time.monotonic(), headers["Message-ID"], recipient.lower()))
        return "250 Message accepted for delivery"
