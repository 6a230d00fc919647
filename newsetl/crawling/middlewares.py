"""Downloader middlewares for what Scrapy leaves out: a server's ``Retry-After`` (capped by a
setting, so a hostile or broken server cannot stall a crawl) and an offsite filter without
the ``dont_filter`` exemption."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.httpobj import urlparse_cached

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


class RetryAfterMiddleware:
    """Waits what a 429 or 503 response's ``Retry-After`` asks (at most ``RETRY_AFTER_MAX``
    seconds) before Scrapy's RetryMiddleware retries it; a response that will not be
    retried any more is passed on at once. Ordered just after RetryMiddleware (550)."""

    STATUSES = {429, 503}

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
        if response.status not in self.STATUSES & self.retry_codes:
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
