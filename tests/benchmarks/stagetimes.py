"""Scrapy settings for the end-to-end benchmark: newsetl's settings, with CPU timers around
the stages of a crawl. ``SCRAPY_SETTINGS_MODULE=stagetimes`` (this folder on PYTHONPATH).

Nothing in the project changes: each item pipeline is replaced by a subclass that times its
methods, a spider middleware next to the spider times the article callback (extraction)
step by step, and an extension records the start-up CPU, the CPU of the extraction
pool's workers, the scheduler's peak queue, the
dupefilter's size and the resident memory. The times are CPU seconds of the crawl's main
thread (``time.thread_time``), in the final stats as ``bench/cpu/<stage>``; coroutines are
timed one step at a time, so what other coroutines do while one awaits is not counted.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import os
import resource
import time
from collections import Counter
from pathlib import Path

from scrapy import signals
from scrapy.utils.misc import load_object

from newsetl.crawling import settings as project
from newsetl.crawling.settings import *  # noqa: F403 - these settings, with the timers below

# stage -> CPU seconds of the main thread (lower case: not a setting)
cpu_seconds: Counter[str] = Counter()


class _TimedSteps:
    """Awaits ``coroutine``, adding the CPU time of each of its steps to ``cpu_seconds[stage]``."""

    def __init__(self, coroutine, stage: str):
        self.coroutine, self.stage = coroutine, stage

    def __await__(self):
        steps = self.coroutine.__await__()
        send, value = steps.send, None
        while True:
            started = time.thread_time()
            try:
                future = send(value)
            except StopIteration as done:
                return done.value
            finally:
                cpu_seconds[self.stage] += time.thread_time() - started
            try:
                value, send = (yield future), steps.send
            except BaseException as exc:  # noqa: BLE001 - handed on to the coroutine
                value, send = exc, steps.throw


def _timed_method(method, stage: str):
    if inspect.iscoroutinefunction(method):

        @functools.wraps(method)  # Scrapy reads the signature: no ``spider`` argument
        async def timed_async(self, *args, **kwargs):
            return await _TimedSteps(method(self, *args, **kwargs), stage)

        return timed_async

    @functools.wraps(method)
    def timed(self, *args, **kwargs):
        started = time.thread_time()
        try:
            return method(self, *args, **kwargs)
        finally:
            cpu_seconds[stage] += time.thread_time() - started

    return timed


def timed_pipeline(path: str) -> type:
    """A subclass of the pipeline at ``path`` whose methods count their CPU time under
    ``pipelines/<module>`` (``pipelines/store`` is the database's client side)."""
    cls = load_object(path)
    stage = "pipelines/" + cls.__module__.rsplit(".", 1)[-1]
    methods = ("process_item", "open_spider", "close_spider")
    overrides = {
        name: _timed_method(getattr(cls, name), stage) for name in methods if hasattr(cls, name)
    }
    return type(cls.__name__, (cls,), overrides | {"__module__": __name__})


class CallbackTimes:
    """Times the article callback (``parse_article``: extraction, or with the extraction pool
    the hand-over to it) one step at a time, under ``callback/parse_article``; other
    callbacks (entry points) pass through untimed. Closest to the spider, so only the
    callback is timed. The pool's workers are timed as a whole (``CrawlProbe``)."""

    async def process_spider_output(self, response, result):
        callback = response.request.callback if response.request else None
        if getattr(callback, "__name__", None) != "parse_article":
            async for output in result:
                yield output
            return
        outputs = aiter(result)
        while True:
            try:
                output = await _TimedSteps(anext(outputs), "callback/parse_article")
            except StopAsyncIteration:
                return
            yield output


def children_cpu() -> float:
    """CPU seconds of this process's live children and of the children they reaped."""
    total, me = 0, str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            values = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if values[1] == me:  # ppid; then utime, stime, cutime, cstime (fields 14-17)
            total += sum(int(v) for v in values[11:15])
    return total / os.sysconf("SC_CLK_TCK")


def _rss_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class CrawlProbe:
    """Start-up CPU, the scheduler's peak queue and the process's peak memory (sampled every
    half second), the dupefilter's fingerprints at the end; the timers' totals into stats."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.peak_pending = 0
        self.sampler: asyncio.Task | None = None

    @classmethod
    def from_crawler(cls, crawler):
        probe = cls(crawler)
        crawler.signals.connect(probe.engine_started, signal=signals.engine_started)
        crawler.signals.connect(probe.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(probe.engine_stopped, signal=signals.engine_stopped)
        return probe

    def engine_started(self) -> None:
        cpu_seconds["startup"] = time.process_time()
        self.sampler = asyncio.ensure_future(self.sample())

    async def sample(self) -> None:
        while True:
            scheduler = self.crawler.engine.scheduler
            if scheduler is not None:
                self.peak_pending = max(self.peak_pending, len(scheduler))
            await asyncio.sleep(0.5)

    def spider_closed(self, spider) -> None:
        if self.sampler is not None:
            self.sampler.cancel()
        stats = self.crawler.stats
        scheduler = self.crawler.engine.scheduler
        fingerprints = getattr(getattr(scheduler, "df", None), "_fingerprints", ())
        stats.set_value("bench/dupefilter_fingerprints", len(fingerprints))
        stats.set_value("bench/scheduler_peak_pending", self.peak_pending)

    def engine_stopped(self) -> None:
        stats = self.crawler.stats
        stats.set_value("bench/cpu/process", time.process_time())
        # the extraction pool: its fork server (alive until this process exits) and the
        # workers it forked, ended when the spider closed
        alive = children_cpu()
        reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_seconds["extraction_workers"] = alive + reaped.ru_utime + reaped.ru_stime
        cpu_seconds["children_alive"] = alive  # not in this process's rusage when it ends
        for stage, seconds in cpu_seconds.items():
            stats.set_value(f"bench/cpu/{stage}", round(seconds, 4))
        stats.set_value("bench/rss_peak_kib", _rss_kib("VmHWM"))


ITEM_PIPELINES = {timed_pipeline(path): order for path, order in project.ITEM_PIPELINES.items()}
SPIDER_MIDDLEWARES = {CallbackTimes: 1000}
EXTENSIONS = project.EXTENSIONS | {CrawlProbe: 800}  # before StatsFile (900) writes the stats
