"""A generated news site of any size for crawls by several processes: a sitemap index, one
sitemap per hundred articles, and article pages with JSON-LD, a dated byline and a body of
a few paragraphs, each different. Served threaded on a local address (standard library only)."""

from __future__ import annotations

import json
import random
import sys
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PER_SITEMAP = 100
WORDS = (
    "council harbour budget vote rail strike river flood school hospital minister court "
    "market festival museum bridge election report weather energy water transport union "
    "teachers farmers police library housing tax port airport police mayor plan season"
).split()


class BigSite:
    def __init__(self, pages: int, now: datetime | None = None):
        self.pages = pages
        self.now = now or datetime.now(UTC).replace(microsecond=0)
        self.fetches: Counter[str] = Counter()  # path -> times served
        self.lock = threading.Lock()

    def published(self, n: int) -> datetime:
        return self.now - timedelta(minutes=5 * n + 1)

    def article_paths(self) -> list[str]:
        return [f"/news/{n}/story-{n}.html" for n in range(self.pages)]

    def render(self, path: str, base: str) -> tuple[int, str, bytes]:
        with self.lock:
            self.fetches[path] += 1
        if path == "/sitemap.xml":
            maps = "".join(
                f"<sitemap><loc>{base}/sitemap-{k}.xml</loc></sitemap>"
                for k in range((len(self.sitemap_numbers()) + PER_SITEMAP - 1) // PER_SITEMAP)
            )
            return 200, "application/xml", _xml("sitemapindex", maps)
        if path.startswith("/sitemap-") and path.endswith(".xml"):
            k = int(path.removeprefix("/sitemap-").removesuffix(".xml"))
            numbers = self.sitemap_numbers()[k * PER_SITEMAP : (k + 1) * PER_SITEMAP]
            urls = "".join(
                f"<url><loc>{base}/news/{n}/story-{n}.html</loc>"
                f"<lastmod>{self.published(n).isoformat()}</lastmod></url>"
                for n in numbers
            )
            return 200, "application/xml", _xml("urlset", urls)
        if path.startswith("/news/"):
            n = int(path.split("/")[2])
            if n < self.pages:
                return 200, "text/html; charset=utf-8", self.article(n, base).encode()
        return 404, "text/plain", b"not found"

    def headers(self, path: str) -> dict[str, str]:
        """Headers to send with ``path``'s response, besides its type and length."""
        return {}

    def sitemap_numbers(self) -> range | list[int]:
        """The articles the sitemaps list: all of them."""
        return range(self.pages)

    def article(self, n: int, base: str) -> str:
        rng = random.Random(n)
        title = f"Story {n}: the {rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(WORDS)}"
        paragraphs = "".join(
            "<p>" + " ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + ".</p>"
            for _ in range(4)
        )
        date = self.published(n).isoformat()
        return (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<link rel="canonical" href="{base}/news/{n}/story-{n}.html">'
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            f'"@type": "NewsArticle", "headline": "{title}", "datePublished": "{date}"}}'
            f"</script></head><body><article><h1>{title}</h1>"
            f'<time datetime="{date}">{date}</time>{paragraphs}</article></body></html>'
        )


def _xml(root: str, content: str) -> bytes:
    ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    return f'<?xml version="1.0" encoding="UTF-8"?><{root} xmlns="{ns}">{content}</{root}>'.encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        host = self.headers.get("Host")
        self.server.clients[self.client_address[0]] += 1
        status, content_type, body = self.server.site.render(self.path, f"http://{host}")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in self.server.site.headers(self.path).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that went away (a crawl killed on purpose) is no error of the site's;
        anything else is printed as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(site: BigSite, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """``site`` on a free port of ``host``, served from a thread until ``shutdown()``;
    ``server.clients`` counts the requests from each client address."""
    server = _Server((host, 0), _Handler)
    server.site = site
    server.clients = Counter()  # requests per client address
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def sources_file(path: Path, base: str, **fields) -> Path:
    """A sources.yaml at ``path`` with one source, ``bigsite``, whose sitemap is the site's
    at ``base``; ``fields`` add to or replace its fields."""
    source = {
        "name": "bigsite",
        "title": "Big Site",
        "homepage": f"{base}/",
        "allowed_domains": ["127.0.0.1"],
        "language": "en",
        "country": "GB",
        "sitemaps": [f"{base}/sitemap.xml"],
        "sitemap_window_days": 30,
    } | fields
    path.write_text(json.dumps({"sources": [source]}))  # JSON is YAML
    return path
