"""What Scrapy leaves out: a server's ``Retry-After``, robots.txt ``Crawl-delay`` (both
capped by a setting, so a hostile or broken server cannot stall a crawl), and an offsite
filter without the ``dont_filter`` exemption."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import signals
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


class RobotsCrawlDelay:
    """Applies robots.txt ``Crawl-delay`` (for our user agent, at most
    ``ROBOTSTXT_CRAWL_DELAY_MAX`` seconds) as the minimum delay of the site's download slot.

    Scrapy parses Crawl-delay but never applies it. The floor is set when robots.txt is
    parsed and set again whenever a request reaches the slot or a response arrives, since
    AutoThrottle lowers slot delays after responses; the slot's jitter is turned off so a
    random delay never falls below the floor."""

    def __init__(self, crawler):
        settings = crawler.settings
        if not settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        self.cap = settings.getfloat("ROBOTSTXT_CRAWL_DELAY_MAX")
        self.user_agent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT")
        self.delays: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(self.apply, signal=signals.request_reached_downloader)
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def robots_parsed(self, robotparser, request):
        delay = robotparser.crawl_delay(self.user_agent)
        if not delay:
            return
        if delay > self.cap:
            logger.warning("Crawl-delay %s s for %s capped at %s s", delay, request.url, self.cap)
            delay = self.cap
        key = self.crawler.engine.downloader.get_slot_key(request)
        self.delays[key] = float(delay)
        self.crawler.stats.set_value(f"newsetl/crawl_delay/{key}", float(delay))
        self.apply(request)

    def response_downloaded(self, response, request):
        self.apply(request)

    def apply(self, request):
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        delay = self.delays.get(key)
        slot = downloader.slots.get(key)
        if delay is not None and slot is not None and (slot.delay < delay or slot.jitter):
            slot.delay, slot.jitter = max(slot.delay, delay), 0.0


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
