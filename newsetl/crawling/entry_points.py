"""Conditional GET for entry points, and their state in the ``entry_points`` table.

Spiders mark the requests of their entry points (feeds, sitemaps, listing pages) with
``meta["entry_point"]`` (the kind) and ``meta["source"]``. :class:`EntryPointState`, a
downloader middleware, then

- reads every entry point's validators (``ETag``, ``Last-Modified``) with one query when
  the spider opens, and sends them as ``If-None-Match`` / ``If-Modified-Since``;
- turns a ``304 Not Modified`` into :class:`NotModified` (the spider's errback sees it and
  parses nothing), counted as ``newsetl/entry_points/not_modified``;
- records each entry point's last status, validators and, from the spider's
  :data:`entry_point_parsed` signal, the entries seen and new, and upserts them all in one
  transaction when the spider closes.

Without a database there are no validators (plain GETs) and nothing is written; a
database that does not answer only costs the validators or the state of this crawl.
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime

from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from newsetl import db

logger = logging.getLogger(__name__)
UNAVAILABLE = (DBAPIError, OSError, TimeoutError)

# Sent by a spider that parsed an entry point: ``request``, ``seen`` (entries it listed)
# and ``new`` (entries whose article was not stored yet; None when unknown).
entry_point_parsed = object()


class NotModified(IgnoreRequest):
    """The entry point answered 304 Not Modified: nothing to parse."""


def entry_point_url(request) -> str:
    """The URL the entry point was requested at, before any redirect."""
    return request.meta.get("redirect_urls", [request.url])[0]


def _decoded(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None


class EntryPointState:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.timeout = crawler.settings.getfloat("STORE_TIMEOUT", 15.0)
        url = db.database_url(crawler.settings.get("DATABASE_URL"))
        self.engine = db.async_engine(url, poolclass=NullPool) if url else None
        self.validators: dict[str, tuple[str | None, str | None]] = {}
        self.fetches: dict[str, dict] = {}

    @classmethod
    def from_crawler(cls, crawler):
        state = cls(crawler)
        crawler.signals.connect(state.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(state.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(state.parsed, signal=entry_point_parsed)
        return state

    async def spider_opened(self, spider) -> None:
        if self.engine is None:
            return
        try:
            async with asyncio.timeout(self.timeout), self.engine.connect() as conn:
                rows = await conn.execute(text(db.query("entry_point_validators")))
                self.validators = {url: (etag, modified) for url, etag, modified in rows}
            self.stats.set_value("newsetl/entry_points/known_validators", len(self.validators))
        except UNAVAILABLE as exc:
            logger.warning("No entry-point validators (%s): plain GETs", type(exc).__name__)

    def process_request(self, request):
        if not request.meta.get("entry_point"):
            return None
        etag, modified = self.validators.get(entry_point_url(request), (None, None))
        if etag:
            request.headers.setdefault("If-None-Match", etag)
        if modified:
            request.headers.setdefault("If-Modified-Since", modified)
        if etag or modified:
            self.stats.inc_value("newsetl/entry_points/conditional")
        return None

    def process_response(self, request, response):
        if not request.meta.get("entry_point"):
            return response
        self._record(request, response.status, response.headers)
        if response.status == 304:
            self.stats.inc_value("newsetl/entry_points/not_modified")
            raise NotModified(f"Not modified: {request.url}")
        return response

    def process_exception(self, request, exception):
        if request.meta.get("entry_point") and not isinstance(exception, IgnoreRequest):
            self._record(request, None, {})
        return None

    def _record(self, request, status: int | None, headers) -> None:
        url = entry_point_url(request)
        self.fetches[url] = {
            "url": url,
            "source": request.meta.get("source"),
            "kind": request.meta["entry_point"],
            "status": status,
            "etag": _decoded(headers.get("ETag")),
            "last_modified": _decoded(headers.get("Last-Modified")),
            "fetched_at": datetime.now(UTC).isoformat(),
        }

    def parsed(self, request, seen: int, new: int | None) -> None:
        fetch = self.fetches.get(entry_point_url(request))
        if fetch is not None:
            fetch |= {"entries_seen": seen, "entries_new": new}

    async def spider_closed(self, spider) -> None:
        if self.engine is None:
            return
        rows = [f for f in self.fetches.values() if f["source"]]
        try:
            if rows:
                async with asyncio.timeout(self.timeout), self.engine.begin() as conn:
                    query = text(db.query("upsert_entry_points"))
                    await conn.execute(query, {"rows": json.dumps(rows)})
                self.stats.set_value("newsetl/entry_points/recorded", len(rows))
        except UNAVAILABLE as exc:
            logger.warning(
                "Entry-point state of this crawl not recorded (%s): the next crawl sends "
                "older validators",
                type(exc).__name__,
            )
        finally:
            await self.engine.dispose()
