"""Varnish (Debian's `varnish`) in front of a served site, with tools/varnish.vcl.

varnishd runs in the foreground (-F) with a work directory of its own under
a temporary folder (-n), so it never meets a system Varnish, and is stopped
with the `with` block. Its counters come from `varnishstat -n … -1 -j`.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from tools.serving import Served, free_port

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VCL = Path(__file__).resolve().parent / "varnish.vcl"


def available() -> bool:
    return Path(VARNISHD).is_file() and shutil.which("varnishstat") is not None


class Varnish(Served):
    """varnishd on a free port, caching for the origin at `origin_port`, 64 MB in memory."""

    def __init__(self, origin_port: int):
        self.folder = Path(tempfile.mkdtemp(prefix="varnish-"))
        # varnishd compiles the VCL as an unprivileged user, who must read this folder.
        self.folder.chmod(0o755)
        (self.folder / "origin.vcl").write_text(
            f'backend origin {{ .host = "127.0.0.1"; .port = "{origin_port}"; }}\n'
        )
        self.work_dir = self.folder / "work"
        port = free_port()
        command = [
            VARNISHD,
            "-F",
            "-n",
            str(self.work_dir),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(VCL),
            "-p",
            f"vcl_path={self.folder}",
            "-s",
            "malloc,64m",
        ]
        self.log_path = self.folder / "varnishd.log"
        super().__init__(command, port=port, log=self.log_path.open("w"))

    def __enter__(self):
        try:
            return super().__enter__()
        except SystemExit as failure:
            raise SystemExit(f"{failure}:\n{self.log_path.read_text()}") from None

    def __exit__(self, *exc):
        super().__exit__(*exc)
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def counters(self) -> dict[str, int]:
        """MAIN.cache_hit and MAIN.cache_miss (a hit-for-miss counts as a miss) so far."""
        output = subprocess.run(  # noqa: S603 (a fixed argument list)
            ["varnishstat", "-n", str(self.work_dir), "-1", "-j"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        stats = json.loads(output)
        stats = stats.get("counters", stats)  # Varnish 6.5+ nests them
        return {name: stats[f"MAIN.{name}"]["value"] for name in ("cache_hit", "cache_miss")}
