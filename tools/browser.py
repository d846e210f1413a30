"""The one headless Chromium every tool and the browser tests launch: Debian's, never a download."""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Headless, and nothing that reaches past loopback or varies a measurement
# (QUIC, first-run pages, background updates and sync).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
