"""A tiny threaded HTTP server around DemoSite (standard library only)."""

from __future__ import annotations

import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .site import DemoSite


class DemoServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    thread: threading.Thread | None = None  # set by serve()

    def __init__(self, address: tuple[str, int], site: DemoSite, quiet: bool = False):
        super().__init__(address, DemoRequestHandler)
        self.site = site
        self.quiet = quiet

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class DemoRequestHandler(BaseHTTPRequestHandler):
    server: DemoServer
    server_version = "newsetl-demosite/1.0"
    protocol_version = "HTTP/1.1"

    def _respond(self, with_body: bool) -> None:
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        status, content_type, body = self.server.site.render(self.path, f"http://{host}")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        self._respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(with_body=False)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        if not self.server.quiet:
            super().log_message(format, *args)


def make_server(
    host: str = "127.0.0.1", port: int = 8765, now: datetime | None = None, quiet: bool = False
) -> DemoServer:
    """Bind (port 0 picks a free port) without starting the serving loop."""
    return DemoServer((host, port), DemoSite(now), quiet=quiet)


def serve(
    host: str = "127.0.0.1", port: int = 8765, now: datetime | None = None, quiet: bool = True
) -> DemoServer:
    """Start the demo site in a daemon thread and return the server.

    ``server.server_address`` (or ``server.base_url``) tells the bound port; stop it with
    ``server.shutdown(); server.server_close()``.
    """
    server = make_server(host, port, now, quiet)
    thread = threading.Thread(target=server.serve_forever, name="demosite", daemon=True)
    thread.start()
    server.thread = thread
    return server
