"""Scrapy extensions: the crawl run recorded in ``crawl_runs`` (with the writer the store
pipeline writes through), robots.txt ``Crawl-delay`` applied (capped by a setting), and a
crawl's final stats written as JSON to ``STATS_FILE``."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
import uuid
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newsetl import db, processes, store
from newsetl.crawling import STORE_FAILED
from newsetl.spool import UNAVAILABLE, Spool, SpoolingWriter, json_default

logger = logging.getLogger(__name__)


def run_status(reason: str, spooled: int) -> str:
    if reason == "shutdown":
        return "interrupted"
    if reason != "finished":
        return "failed"
    return "partial" if spooled else "finished"


class CrawlRuns:
    """Records the crawl in ``crawl_runs`` and holds the :class:`SpoolingWriter` through
    which the store pipeline writes (``DATABASE_URL`` unset: off).

    The run has a UUID made here and carried by every batch, so a spooled batch records its
    run when replayed, even into a restored database. When the spider opens, one transaction
    marks the runs whose process died as ``abandoned``, records this run and upserts the
    crawl's sources (their configuration, read once per crawl); then the spool is replayed.
    A heartbeat (``CRAWL_RUN_HEARTBEAT_SECONDS``) lets the next crawl tell a dead run; the
    run's end, with its status and stats, is written or spooled when the spider closes."""

    def __init__(self, crawler, url: str):
        self.crawler = crawler
        self.stats = crawler.stats
        settings = crawler.settings
        self.heartbeat_seconds = settings.getfloat("CRAWL_RUN_HEARTBEAT_SECONDS", 60.0)
        self.stale_seconds = settings.getfloat("CRAWL_RUN_STALE_SECONDS", 900.0)
        self.writer = SpoolingWriter(
            url,
            Spool(settings["SPOOL_DIR"]),
            store.store_batch,
            crawler.stats,
            timeout=settings.getfloat("STORE_TIMEOUT", 15.0),
            retry_seconds=settings.getfloat("STORE_RETRY_SECONDS", 60.0),
            stuck=self.stop_crawl,
        )
        self.url = url
        self.run = {"uuid": str(uuid.uuid4()), "owner": processes.identity()}
        self.sources: dict[str, dict] = {}  # name -> its sources row, from the spider's
        self.heartbeat: asyncio.Task | None = None
        self.stopping: asyncio.Future | None = None
        self.closed = False

    @classmethod
    def from_crawler(cls, crawler):
        url = db.database_url(crawler.settings.get("DATABASE_URL"))
        if not url:
            raise NotConfigured  # the store pipeline says so
        extension = cls(crawler, url)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def record(self, **final) -> dict:
        """The run as a batch carries it; ``final`` adds its end."""
        return self.run | {"heartbeat_at": datetime.now(UTC)} | final

    def source_rows(self, names) -> list[dict]:
        """``sources`` rows for ``names``: configured ones in full, others by name only."""
        return [self.sources.get(name) or {"name": name} for name in sorted(names)]

    async def spider_opened(self, spider) -> None:
        self.run |= {
            "spider": spider.name,
            "source": getattr(spider, "source", None),
            "started_at": datetime.now(UTC),
        }
        self.sources = {s.name: _source_row(s) for s in getattr(spider, "sources", ())}
        self.stats.set_value("newsetl/crawl_run_uuid", self.run["uuid"])
        logger.info("Storing items in %s (crawl run %s)", db.masked(self.url), self.run["uuid"])
        started = time.monotonic()
        try:
            await self.writer.transaction(self._start)
        except UNAVAILABLE as exc:
            self.writer.unavailable(exc, started, "at start")
        else:
            await self.writer.replay()
        self.heartbeat = asyncio.ensure_future(self._beat())

    async def _start(self, conn) -> None:
        if abandoned := await store.abandon_dead_runs(conn, self.stale_seconds):
            self.stats.set_value("newsetl/crawl_runs/abandoned", len(abandoned))
            logger.warning("Crawl runs %s had stopped without an end: marked abandoned", abandoned)
        await self._record(conn, self.record())
        await store.record_sources(conn, list(self.sources.values()))

    async def _record(self, conn, run: dict) -> None:
        self.stats.set_value("newsetl/crawl_run_id", await store.record_run(conn, run))

    async def _beat(self) -> None:
        """Tell the database this run is alive, every CRAWL_RUN_HEARTBEAT_SECONDS."""
        while True:
            await asyncio.sleep(self.heartbeat_seconds)
            if not self.writer.down:
                started = time.monotonic()
                try:
                    await self.writer.transaction(self._record, self.record())
                except UNAVAILABLE as exc:
                    self.writer.unavailable(exc, started)

    def stop_crawl(self) -> None:
        """Neither the database nor the spool takes what the crawl fetches: stop it."""
        if self.stopping is None and not self.closed:
            logger.error("Stopping the crawl: nowhere to keep what it fetches")
            engine = self.crawler.engine
            self.stopping = asyncio.ensure_future(engine.close_spider_async(reason=STORE_FAILED))

    async def spider_closed(self, spider, reason) -> None:
        """After the store pipeline's last batch: the spool replayed if the database is
        back, what is left counted, and the run's end written (or spooled)."""
        self.closed = True
        if self.heartbeat is not None:
            self.heartbeat.cancel()
        await self.writer.close()
        size = self.writer.spool.size()
        self.stats.set_value("newsetl/spool/size", size)
        if size:
            logger.warning("%d items wait in the spool %s", size, self.writer.spool.directory)
        stats = self.stats.get_stats()
        spooled = stats.get("newsetl/store/spooled", 0)
        failed = stats.get("newsetl/store/lost", 0) + stats.get("newsetl/spool/quarantined", 0)
        final = self.record(
            finished_at=datetime.now(UTC),
            status="failed" if failed else run_status(reason, spooled),
            finish_reason=reason,
            items_stored=stats.get("newsetl/store/articles", 0)
            + stats.get("newsetl/store/headlines", 0),
            items_dropped=stats.get("item_dropped_count", 0),
            items_spooled=spooled,
            stats=json.loads(json.dumps(stats, default=json_default)),
        )
        try:
            if self.writer.down:
                raise TimeoutError("the database did not answer moments ago")
            await self.writer.transaction(self._record, final)
        except UNAVAILABLE as exc:
            logger.warning("Crawl run %s: its end is spooled (%s)", self.run["uuid"], exc)
            self.writer.to_spool({"runs": [final]})
        finally:
            await self.writer.engine.dispose()


def _source_row(source) -> dict:
    config = {k: v for k, v in asdict(source).items() if k not in ("name", "title")}
    return {
        "name": source.name,
        "title": source.title,
        "homepage": source.homepage,
        "language": source.language,
        "country": source.country,
        "config": json.loads(json.dumps(config, default=list)),
    }


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
