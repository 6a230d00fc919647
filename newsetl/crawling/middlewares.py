"""Middlewares for what Scrapy leaves out: a server's ``Retry-After`` (capped by a setting,
so a hostile or broken server cannot stall a crawl), an offsite filter without the
``dont_filter`` exemption, and skipping articles already stored."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.httpobj import urlparse_cached
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from newsetl import db
from newsetl.crawling.entry_points import entry_point_parsed
from newsetl.items import Headline

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or an HTTP date), or None."""
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


RETRY_AFTER_STATUSES = frozenset({429, 503})  # the answers whose Retry-After is honoured


class RetryAfterMiddleware:
    """Waits what a 429 or 503 response's ``Retry-After`` asks (at most ``RETRY_AFTER_MAX``
    seconds) before Scrapy's RetryMiddleware retries it; a response that will not be
    retried any more is passed on at once. Ordered just after RetryMiddleware (550)."""

    def __init__(self, crawler):
        settings = crawler.settings
        if not settings.getbool("RETRY_ENABLED"):
            raise NotConfigured
        self.stats = crawler.stats
        self.cap = settings.getfloat("RETRY_AFTER_MAX")
        self.max_retry_times = settings.getint("RETRY_TIMES")
        self.retry_codes = {int(code) for code in settings.getlist("RETRY_HTTP_CODES")}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_response(self, request, response):
        if response.status not in RETRY_AFTER_STATUSES & self.retry_codes:
            return response
        if request.meta.get("dont_retry"):
            return response
        retries = request.meta.get("max_retry_times", self.max_retry_times)
        if request.meta.get("retry_times", 0) >= retries:
            return response
        seconds = retry_after_seconds(response.headers.get("Retry-After"))
        if not seconds:
            return response
        if seconds > self.cap:
            self.stats.inc_value("newsetl/retry_after/capped")
            seconds = self.cap
        self.stats.inc_value("newsetl/retry_after/waits")
        logger.info("Waiting %.1f s (Retry-After) before retrying %s", seconds, request.url)
        await asyncio.sleep(seconds)
        return response


class StrictOffsiteMiddleware(OffsiteMiddleware):
    """Scrapy's offsite filter, minus its exemption of ``dont_filter`` requests: every
    retried request has ``dont_filter`` set and its redirects inherit it, so a page that
    failed once and then redirected off the source's domains would be fetched. Only
    ``meta["allow_offsite"]`` lets a request leave ``allowed_domains``."""

    def process_request(self, request):
        spider = self.crawler.spider
        if request.meta.get("allow_offsite") or self.should_follow(request, spider):
            return
        domain = urlparse_cached(request).hostname
        if domain and domain not in self.domains_seen:
            self.domains_seen.add(domain)
            self.stats.inc_value("offsite/domains")
        self.stats.inc_value("offsite/filtered")
        raise IgnoreRequest(f"Filtered offsite request to {domain!r}")


class SkipStoredArticles:
    """A spider middleware that drops the requests marked ``meta["skip_if_stored"]`` whose
    URL is already stored as an article (fetched or canonical URL), with one query per
    ``SKIP_STORED_BATCH`` requests of a callback's output; counted as
    ``newsetl/articles/already_stored``. Other output passes through in order.

    For an entry point (``meta["entry_point"]``) that listed headlines, or led to no other
    entry point, it sends :data:`entry_point_parsed` with the headlines seen and the articles
    new (``None`` when some were fetched regardless, ``-a refetch=true``). A database that
    does not answer within ``STORE_TIMEOUT`` costs only the check: everything is fetched."""

    def __init__(self, crawler, url: str):
        self.crawler = crawler
        self.stats = crawler.stats
        self.batch_size = crawler.settings.getint("SKIP_STORED_BATCH", 1000)
        self.timeout = crawler.settings.getfloat("STORE_TIMEOUT", 15.0)
        self.engine = db.async_engine(url, poolclass=NullPool)  # nothing to close

    @classmethod
    def from_crawler(cls, crawler):
        url = db.database_url(crawler.settings.get("DATABASE_URL"))
        if not url:
            raise NotConfigured("no database: every article is fetched")
        return cls(crawler, url)

    async def process_spider_output(self, response, result):
        headlines = more_entry_points = new = 0
        checked_all = True
        waiting: list[Request] = []
        async for output in result:
            if isinstance(output, Request) and "skip_if_stored" in output.meta:
                checked_all &= bool(output.meta["skip_if_stored"])
                waiting.append(output)
                if len(waiting) >= self.batch_size:
                    for request in await self.unstored(waiting):
                        new += 1
                        yield request
                    waiting = []
                continue
            headlines += isinstance(output, Headline)
            more_entry_points += isinstance(output, Request) and "entry_point" in output.meta
            yield output
        for request in await self.unstored(waiting):
            new += 1
            yield request
        if response.meta.get("entry_point") and (headlines or not more_entry_points):
            self.crawler.signals.send_catch_log(
                entry_point_parsed,
                request=response.request,
                seen=headlines,
                new=new if checked_all else None,
            )

    async def unstored(self, requests: list[Request]) -> list[Request]:
        urls = [r.url for r in requests if r.meta["skip_if_stored"]]
        stored = await self.stored(urls) if urls else set()
        if stored:
            self.stats.inc_value("newsetl/articles/already_stored", len(stored))
        return [r for r in requests if not (r.meta["skip_if_stored"] and r.url in stored)]

    async def stored(self, urls: list[str]) -> set[str]:
        """The URLs among ``urls`` already stored as articles, or none if the database does
        not answer."""
        try:
            async with asyncio.timeout(self.timeout), self.engine.connect() as conn:
                result = await conn.execute(text(db.query("known_article_urls")), {"urls": urls})
                return set(result.scalars())
        except (DBAPIError, OSError, TimeoutError) as exc:
            logger.warning("Could not check stored URLs (%s): fetching all", type(exc).__name__)
            return set()
