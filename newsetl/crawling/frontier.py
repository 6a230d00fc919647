"""A crawl frontier shared through Redis, so that any number of ``scrapy crawl`` processes on
any number of hosts drain one request queue with one seen-set: each URL is fetched once
across them. Opt-in: it is on when ``REDIS_URL`` is set (see :func:`configure`); without it,
Scrapy's own scheduler runs as before.

Built on scrapy-redis's Scheduler and RFPDupeFilter (not its RedisSpider: the spiders keep
their ``start()``). What newsetl adds:

- **Crawl runs.** The processes of one crawl share ``FRONTIER_RUN`` (a name; a fresh one per
  process when unset). Its queue and seen-set live under ``newsetl:<spider>:<source>:<run>``
  and expire ``FRONTIER_TTL_SECONDS`` after their last use, so the seen-set never outgrows
  one crawl; the next crawl is a new run and fetches its entry points again.
- **Roles.** ``FRONTIER_MODE=both`` (default) seeds the frontier with the spider's entry
  points and drains it; ``seed`` only seeds, then exits; ``crawl`` only drains. Seeding twice
  is harmless: the seen-set drops the second copy of each entry point.
- **Idle close.** A process ends once the shared queue has been empty for
  ``FRONTIER_IDLE_SECONDS`` while it had nothing in flight itself (others may still add
  requests meanwhile).
- **One politeness for all processes** (:class:`SharedPoliteness`): a site's download delay
  and concurrency hold across every process sharing the Redis, not per process.

A process killed with SIGKILL loses the requests it had taken from Redis and not finished:
those downloading (at most ``CONCURRENT_REQUESTS``), the pages waiting for their callbacks
(at most ``SCRAPER_SLOT_MAX_ACTIVE_SIZE`` bytes of them, 1 MB here) and the items of the
store's open batch (``STORE_BATCH_SIZE``); they are in the seen-set, so the next crawl run, which
skips stored articles, fetches them. The queue itself is in Redis and survives the process;
with Redis persistence on (``appendonly yes``) it survives a Redis restart too.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections import defaultdict
from contextlib import suppress

from scrapy import signals
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import FifoQueue
from scrapy_redis.scheduler import Scheduler

from newsetl.crawling.middlewares import RETRY_AFTER_STATUSES, retry_after_seconds

logger = logging.getLogger(__name__)
MODES = ("both", "seed", "crawl")
FRONTIER_BACKLOG_BYTES = 1_000_000  # Scrapy's default, 5 MB, is thousands of small pages


def configure(settings) -> None:
    """Switch a spider's settings to the shared frontier when ``REDIS_URL`` is set."""
    if not settings.get("REDIS_URL"):
        return
    mode = settings.get("FRONTIER_MODE", "both")
    if mode not in MODES:
        raise ValueError(f"FRONTIER_MODE must be one of {', '.join(MODES)}, not {mode!r}")
    settings.set("SCHEDULER", "newsetl.crawling.frontier.FrontierScheduler", "spider")
    # Take no more from the queue than this process can soon finish: a process that holds a
    # backlog of downloaded pages starves the others, and loses the backlog when killed.
    settings.set("SCRAPER_SLOT_MAX_ACTIVE_SIZE", FRONTIER_BACKLOG_BYTES, "spider")
    settings.set("DUPEFILTER_CLASS", "newsetl.crawling.frontier.SeenSet", "spider")
    middlewares = settings.getdict("SPIDER_MIDDLEWARES")
    middlewares["newsetl.crawling.frontier.FrontierSeeding"] = 10
    settings.set("SPIDER_MIDDLEWARES", middlewares, "spider")
    downloader = settings.getdict("DOWNLOADER_MIDDLEWARES")
    # last before the download: a cached or refused request takes no turn
    downloader["newsetl.crawling.frontier.SharedPoliteness"] = 950
    settings.set("DOWNLOADER_MIDDLEWARES", downloader, "spider")


def frontier_key(spider_name: str, source: str | None, run: str) -> str:
    return f"newsetl:{spider_name}:{source or 'all'}:{run}"


class SeenSet(RFPDupeFilter):
    """scrapy-redis's seen-set (a Redis set of request fingerprints) whose key expires
    ``ttl`` seconds after its last addition: the test and the expiry are one round trip."""

    def __init__(self, server, key, debug=False, ttl: int = 0):
        super().__init__(server, key, debug)
        self.ttl = ttl

    def request_seen(self, request) -> bool:
        pipe = self.server.pipeline(transaction=False)
        pipe.sadd(self.key, self.request_fingerprint(request))
        if self.ttl:
            pipe.expire(self.key, self.ttl)
        return pipe.execute()[0] == 0

    def log(self, request, spider):
        spider.crawler.stats.inc_value("dupefilter/filtered")
        super().log(request, spider)


class FrontierScheduler(Scheduler):
    """scrapy-redis's Scheduler on newsetl's keys, first in first out, persistent, with the
    roles and the idle close described in the module's doc."""

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        settings = crawler.settings
        scheduler.persist = True  # the queue outlives a process: others may still drain it
        scheduler.queue_cls = FifoQueue
        scheduler.run = settings.get("FRONTIER_RUN") or uuid.uuid4().hex
        scheduler.mode = settings.get("FRONTIER_MODE", "both")
        scheduler.idle_seconds = settings.getfloat("FRONTIER_IDLE_SECONDS", 30.0)
        scheduler.ttl = settings.getint("FRONTIER_TTL_SECONDS", 2 * 24 * 3600)
        scheduler.idle_before_close = 0  # never block the reactor in BRPOP
        scheduler.empty_since = None
        return scheduler

    def open(self, spider):
        self.spider = spider
        key = frontier_key(spider.name, getattr(spider, "source", None), self.run)
        self.queue = FifoQueue(server=self.server, spider=spider, key=f"{key}:requests")
        debug = spider.settings.getbool("DUPEFILTER_DEBUG")
        self.df = SeenSet(self.server, f"{key}:seen", debug, self.ttl)
        self.server.expire(self.queue.key, self.ttl)
        self.stats.set_value("newsetl/frontier/run", self.run)
        self.stats.set_value("newsetl/frontier/mode", self.mode)
        logger.info(
            "Shared frontier %s (%s): %d requests queued, %d seen",
            key,
            self.mode,
            len(self.queue),
            self.server.scard(self.df.key),
        )

    def close(self, reason):
        self.server.expire(self.queue.key, self.ttl)  # counted from the last process's end

    # scrapy-redis's own two methods, counting without Scrapy's deprecated ``spider`` argument
    def enqueue_request(self, request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self):
        if self.mode == "seed":
            return None
        request = self.queue.pop()
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
            self.empty_since = None
        return request

    def has_pending_requests(self) -> bool:
        """True while the shared queue holds requests, and for ``FRONTIER_IDLE_SECONDS``
        after it was first seen empty (Scrapy then polls it every 5 s)."""
        if self.mode == "seed":
            return False
        if len(self.queue):
            self.empty_since = None
            return True
        now = time.monotonic()
        if self.empty_since is None:
            self.empty_since = now
        return now - self.empty_since < self.idle_seconds


class FrontierSeeding:
    """Spider middleware: with ``FRONTIER_MODE=crawl`` the spider's entry points are not
    sent, the process only drains the shared frontier."""

    def __init__(self, mode: str):
        self.mode = mode

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("FRONTIER_MODE", "both"))

    async def process_start(self, start):
        if self.mode == "crawl":
            return
        async for item_or_request in start:
            yield item_or_request


# Takes a turn to send one request to a download slot shared by several processes, on Redis's
# clock. KEYS: the slot's last granted send time; its leases (a sorted set: token -> expiry).
# ARGV: delay, concurrency, lease seconds, token. Returns {granted, seconds to wait}: granted,
# the request is sent after the wait, at least ``delay`` after the previous one; not granted
# (``concurrency`` requests in flight), the caller asks again after the wait.
RESERVE_TURN = """
local clock = redis.call("TIME")
local now = clock[1] + clock[2] / 1e6
local delay, limit, lease = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local at = math.max(now, tonumber(redis.call("GET", KEYS[1]) or 0) + delay)
redis.call("ZREMRANGEBYSCORE", KEYS[2], "-inf", now)
if redis.call("ZCARD", KEYS[2]) >= limit then
    return {0, string.format("%.6f", at - now)}
end
local keep = math.ceil((at - now + delay) * 1000) + 1
redis.call("SET", KEYS[1], string.format("%.6f", at), "PX", keep)
redis.call("ZADD", KEYS[2], at + lease, ARGV[4])
local ttl = math.ceil((at - now + lease) * 1000)
if redis.call("PTTL", KEYS[2]) < ttl then
    redis.call("PEXPIRE", KEYS[2], ttl)
end
return {1, string.format("%.6f", at - now)}
"""
# Pauses a download slot shared by several processes: no turn is granted before ARGV[1]
# seconds from now (Redis's clock). KEYS: the slot's last granted send time; ARGV: the
# pause, the slot's delay (RESERVE_TURN grants the next turn a delay after that time).
PAUSE_SLOT = """
local clock = redis.call("TIME")
local now = clock[1] + clock[2] / 1e6
local pause, delay = tonumber(ARGV[1]), tonumber(ARGV[2])
local last = now + pause - delay
if last > tonumber(redis.call("GET", KEYS[1]) or 0) then
    redis.call("SET", KEYS[1], string.format("%.6f", last), "PX", math.ceil(pause * 1000) + 1)
end
return 1
"""
POLL_SECONDS = 0.1  # how often a process asks again while a site has no free place
LEASE_MARGIN_SECONDS = 10.0  # a place is held the download timeout and this much at most


def slot_key(slot: str, part: str) -> str:
    """The Redis key of a download slot's ``next`` send time or its ``leases``."""
    return f"newsetl:politeness:{slot}:{part}"


class SharedPoliteness:
    """Downloader middleware: a download slot's delay and concurrency hold across all the
    processes sharing ``REDIS_URL``, as Scrapy holds them within one process.

    Before each request, the process takes a turn from Redis (one Lua script, on Redis's
    clock, so hosts need no synchronised clocks): the send time is at least the slot's delay
    after the previous request of any process, and at most the slot's ``concurrency``
    requests are in flight among all processes. A place is a lease that ends when the
    download ends (``request_left_downloader``), or ``download_timeout`` plus 10 s after
    the send time when the process dies first. Within a process, one request per slot waits
    for a turn at a time, so a process never books turns far ahead of the others.

    The delay is the slot's own: ``DOWNLOAD_DELAY`` or the slot's ``DOWNLOAD_SLOTS`` delay,
    raised to robots.txt's Crawl-delay (:class:`~newsetl.crawling.extensions.RobotsCrawlDelay`)
    and, with AutoThrottle, the value AutoThrottle has reached in the asking process from its
    own latencies (each process keeps its own; since the gap is kept across processes,
    AutoThrottle's target concurrency holds for the crawl as a whole). Its random jitter is
    off: a random gap per process would let two processes' requests land closer than the
    delay. Requests to a slot are keyed by the slot (the host name) alone, not by the crawl
    run: two crawls of one site at once share it too. The keys expire once unused.

    A 429 or 503 response with ``Retry-After`` pauses the slot for every process: no request
    to the site is sent before that many seconds (at most ``RETRY_AFTER_MAX``) have passed.
    """

    def __init__(self, crawler, server):
        self.crawler = crawler
        self.server = server
        self.reserve = server.register_script(RESERVE_TURN)
        self.pause = server.register_script(PAUSE_SLOT)
        self.timeout = crawler.settings.getfloat("DOWNLOAD_TIMEOUT")
        self.retry_after_max = crawler.settings.getfloat("RETRY_AFTER_MAX")
        self.locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self.freed: defaultdict[str, asyncio.Event] = defaultdict(asyncio.Event)
        self.leases: dict = {}  # request -> (its slot, its token)
        crawler.signals.connect(self.release, signal=signals.request_left_downloader)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, get_redis_from_settings(crawler.settings))

    async def process_request(self, request):
        # the slot the downloader is about to queue the request in (created as it would be)
        key, slot = self.crawler.engine.downloader._get_slot(request)
        slot.jitter = 0.0
        token = uuid.uuid4().hex
        lease = request.meta.get("download_timeout", self.timeout) + LEASE_MARGIN_SECONDS
        async with self.locks[key]:
            while True:
                granted, wait = self.reserve(
                    keys=[slot_key(key, "next"), slot_key(key, "leases")],
                    args=[slot.delay, slot.concurrency, lease, token],
                )
                wait = float(wait)
                if granted:
                    break
                self.crawler.stats.inc_value("newsetl/politeness/slot_full")
                # ask again once this process frees a place, or after a while for the others'
                self.freed[key].clear()
                with suppress(TimeoutError):
                    await asyncio.wait_for(self.freed[key].wait(), max(wait, POLL_SECONDS))
            self.leases[request] = (key, token)
            if wait:  # even asyncio.sleep(0) costs a turn of the reactor: 2x slower here
                await asyncio.sleep(wait)
        self.crawler.stats.inc_value("newsetl/politeness/wait_seconds", round(wait, 3))

    def process_response(self, request, response):
        if response.status in RETRY_AFTER_STATUSES:
            seconds = retry_after_seconds(response.headers.get("Retry-After"))
            if seconds:
                seconds = min(seconds, self.retry_after_max)
                downloader = self.crawler.engine.downloader
                key = downloader.get_slot_key(request)
                slot = downloader.slots.get(key)
                self.pause(
                    keys=[slot_key(key, "next")],
                    args=[seconds, slot.delay if slot else 0.0],
                )
                self.crawler.stats.inc_value("newsetl/politeness/paused")
                logger.info("%s asks to wait %.1f s: paused for every process", key, seconds)
        return response

    def release(self, request):
        if lease := self.leases.pop(request, None):
            key, token = lease
            self.server.zrem(slot_key(key, "leases"), token)
            self.freed[key].set()
