"""Article extraction in worker processes, so that a crawl uses every core.

The :class:`ExtractionPool` extension runs :func:`newsetl.extract.extract_article` in
``EXTRACTION_PROCESSES`` processes (default: one per core; 0 disables the extension and the
spider extracts in the crawl's own process). The spider's callback finds it with
``crawler.get_extension(ExtractionPool)`` and awaits it without blocking the reactor: the
page goes to a worker as text, the article comes back as a plain dict. Articles are handed
back in the order their pages were submitted, as if extracted one after another in the
crawl's process.

The pool starts on the first article page and stops when the spider closes. Its workers
are forked from a fork server, not from the crawl: forking a process that runs an event
loop and threads is unsafe. A worker that dies breaks the pool (``BrokenProcessPool`` for
every page it held): the pool is replaced, each of those pages is tried once more in the new
one, and the caller counts a page that broke a pool twice.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import multiprocessing
import os
import threading
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsetl.extract import extract_article
from newsetl.items import Article

logger = logging.getLogger(__name__)


def exit_with_the_crawl() -> None:
    """(In a worker, at its start.) Ends the worker when the crawl's process ends, even
    killed outright: a worker waits for pages on a pipe it holds both ends of, so nothing
    else would end it."""
    crawl = multiprocessing.parent_process()
    threading.Thread(target=lambda: (crawl.join(), os._exit(1)), daemon=True).start()


def extract_to_dict(html: str, url: str, selectors: Mapping[str, str]) -> dict | None:
    """:func:`~newsetl.extract.extract_article`, its article as a plain dict (in a worker)."""
    article = extract_article(html, url, selectors=selectors)
    return None if article is None else dataclasses.asdict(article)


class ExtractionPool:
    """Scrapy extension: the crawl's pool of extraction workers."""

    def __init__(self, processes: int, stats):
        self.processes = processes
        self.stats = stats
        self.executor: ProcessPoolExecutor | None = None
        self.last_turn: asyncio.Future | None = None  # done once the last page is handed back

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionPool:
        processes = crawler.settings.getint("EXTRACTION_PROCESSES")
        if processes <= 0:  # extraction runs in the crawl's process (not worth a warning)
            raise NotConfigured
        pool = cls(processes, crawler.stats)
        crawler.signals.connect(pool.close, signal=signals.spider_closed)
        return pool

    async def extract(self, html: str, url: str, selectors: Mapping[str, str]) -> Article | None:
        """The article on ``html``, or None. Raises what extraction raised, or
        ``BrokenProcessPool`` when the worker died."""
        previous = self.last_turn
        turn = self.last_turn = asyncio.get_running_loop().create_future()
        try:
            fields = await self.run(html, url, selectors)
        finally:
            try:
                if previous is not None:
                    await asyncio.wait([previous])  # (unlike await, never cancels it)
            finally:
                turn.set_result(None)
        return None if fields is None else Article(**fields)

    async def run(self, html: str, url: str, selectors: Mapping[str, str]) -> dict | None:
        """Extract in a worker. A pool that breaks (a worker died) fails every page it held,
        not only the one that killed it: each page is tried once more in a new pool (counted
        ``newsetl/extraction_retried``), so only a page that breaks a pool twice is lost."""
        args = extract_to_dict, html, url, dict(selectors)
        try:
            return await self.in_worker(*args)
        except BrokenProcessPool:
            self.stats.inc_value("newsetl/extraction_retried")
            logger.warning("An extraction worker died: trying %s again in a new pool", url)
        return await self.in_worker(*args)

    async def in_worker(self, *args):
        executor = self.executor or self.start()
        try:
            return await asyncio.get_running_loop().run_in_executor(executor, *args)
        except BrokenProcessPool:
            self.discard(executor)
            raise

    def start(self) -> ProcessPoolExecutor:
        # a fork server with extraction (and scrapy's command line, the crawl's main module,
        # which every worker imports again) loaded, forked for each worker: cheap workers
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__, "scrapy.cmdline"])
        self.executor = ProcessPoolExecutor(
            self.processes, mp_context=context, initializer=exit_with_the_crawl
        )
        logger.info("Extraction pool started: up to %d worker processes", self.processes)
        return self.executor

    def discard(self, executor: ProcessPoolExecutor) -> None:
        """Drops a broken pool (once: every page it held learns that it broke)."""
        if self.executor is executor:
            logger.error("An extraction worker died; a new pool takes the next pages")
            executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def close(self) -> None:
        """Waits for the workers to exit (every page is done by now)."""
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None
