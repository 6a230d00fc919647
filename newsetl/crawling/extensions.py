"""Scrapy extensions: robots.txt ``Crawl-delay`` applied (capped by a setting), and a
crawl's final stats written as JSON to ``STATS_FILE``."""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)


def _json(value):
    return value.isoformat() if isinstance(value, datetime) else str(value)


class StatsFile:
    """Writes a crawl's final stats as JSON to the path in ``STATS_FILE``.

    The Airflow crawl tasks run ``scrapy crawl`` as a subprocess and judge the crawl from these
    stats (errors, items stored, items spooled) without parsing the log. Unset: does nothing.
    ``scrapy crawl feeds -s STATS_FILE=/tmp/stats.json``"""

    def __init__(self, crawler, path: str):
        self.crawler = crawler
        self.path = Path(path)

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("STATS_FILE")
        if not path:
            raise NotConfigured  # off unless asked for: nothing to log
        extension = cls(crawler, path)
        # engine_stopped comes after every spider_closed handler (the store pipeline's
        # included) and after the stats are closed: the stats are final.
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_stopped(self) -> None:
        stats = self.crawler.stats.get_stats()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        partial.write_text(json.dumps(stats, default=_json, indent=1, sort_keys=True))
        os.replace(partial, self.path)


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
