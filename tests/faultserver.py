"""A misbehaving HTTP server for reliability tests: one route per fault, plus good pages.

``FaultServer()`` binds 127.0.0.1 on a free port and serves in a daemon thread. Routes are
plain functions of the handler; ``server.log`` records every request (monotonic time, Host
header, path) so a test can tell what the crawler fetched and when. Every slow route is
bounded: nothing here can hang a test.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from demosite import DemoSite

HTML = "text/html; charset=utf-8"
SLOW_SECONDS = 3.0  # well past the tests' DOWNLOAD_TIMEOUT, yet bounded
MIB = 1024 * 1024


@dataclass(frozen=True)
class Hit:
    at: float  # time.monotonic() when the request line was read
    host: str
    path: str


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the default 5 drops concurrent SYNs: 1 s connect retries

    def __init__(self, robots: str | None = "User-agent: *\nAllow: /\n"):
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.robots = robots
        self.site = DemoSite()
        self.articles = [a.path for a in self.site.outlet_articles("meridian")]
        self.log: list[Hit] = []
        self.routes: dict[str, Callable[[FaultHandler], None]] = {}
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, name="faults", daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def port(self) -> int:
        return self.server_address[1]

    def __enter__(self) -> FaultServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()

    def route(self, path: str):
        def register(fn):
            self.routes[path] = fn
            return fn

        return register

    def article_html(self, index: int) -> bytes:
        """A good article page: the demo site's meridian article ``index``."""
        status, _, body = self.site.render(self.articles[index], self.base)
        assert status == 200
        return body

    def hits(self, path: str | None = None, host: str | None = None) -> list[Hit]:
        with self.lock:
            return [
                h
                for h in self.log
                if (path is None or h.path == path) and (host is None or h.host == host)
            ]

    def nth(self, path: str) -> int:
        """1 for the first request of ``path``, 2 for the second..."""
        with self.lock:
            self.counts[path] = self.counts.get(path, 0) + 1
            return self.counts[path]


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        path = urlsplit(self.path).path
        with self.server.lock:
            self.server.log.append(Hit(time.monotonic(), self.headers.get("Host", ""), path))
        if path == "/robots.txt" and self.server.robots is not None:  # None: no robots.txt
            return self.send(200, self.server.robots.encode(), "text/plain")
        handler = self.server.routes.get(path)
        if handler is None:
            return self.send(404, b"<html><body><p>Not found</p></body></html>")
        handler(self)

    def send(
        self, status: int, body: bytes, content_type: str = HTML, headers: dict | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send(302, b"", headers={"Location": location})

    def reset(self) -> None:
        """Abort the connection with a TCP RST, before any response byte."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def slow(self, body: bytes) -> None:
        """Answer only after SLOW_SECONDS."""
        time.sleep(SLOW_SECONDS)
        try:
            self.send(200, body)
        except OSError:
            pass  # the crawler gave up first

    def drip(self, body: bytes) -> None:
        """Send the headers at once, then the body in small pieces spread over SLOW_SECONDS."""
        self.send_response(200)
        self.send_header("Content-Type", HTML)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        pieces = 30
        step = -(-len(body) // pieces)
        try:
            for start in range(0, len(body), step):
                self.wfile.write(body[start : start + step])
                self.wfile.flush()
                time.sleep(SLOW_SECONDS / pieces)
        except OSError:
            self.close_connection = True

    def stream(self, chunks, content_type: str = HTML, headers: dict | None = None) -> None:
        """A body without Content-Length, ended by closing the connection."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
        except OSError:
            pass

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


def gzipped(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=9, mtime=0)


def bomb(size: int) -> bytes:
    """A small gzip stream that inflates to ``size`` bytes of an HTML page."""
    head = b"<!DOCTYPE html><html><body><p>"
    return gzipped(head + b" " * (size - len(head)))
