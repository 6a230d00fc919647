"""``scrapy crawl`` with two differences: an ordinary mistake (an unknown source, a bad
sources.yaml, a missing urls file, a malformed DATABASE_URL) prints one line instead of a
traceback (``-L DEBUG`` shows it), and the exit status is 1 when the crawl left data outside
the database (items waiting in the spool, quarantined or lost; see ``newsetl.crawls``)."""

from __future__ import annotations

import asyncio
import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from newsetl.config import SourceConfigError
from newsetl.crawling.spider import SpiderArgumentError
from newsetl.crawls import data_left_behind
from newsetl.db import DatabaseURLError

MISTAKES = (SourceConfigError, SpiderArgumentError, DatabaseURLError)


class Command(ScrapyCrawl):
    def run(self, args, opts) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider: scrapy crawl SPIDER")
        self.mistake: BaseException | None = None
        try:
            crawler = self._create_crawler(args[0])  # reads sources.yaml
        except MISTAKES as exc:
            if not self._mistake(exc):
                raise
            print(f"scrapy crawl {args[0]}: {exc}", file=sys.stderr)
            self.exitcode = 2
            return
        started = self.crawler_process.crawl(crawler, **opts.spargs)
        if isinstance(started, asyncio.Future):
            started.add_done_callback(self._started)
        else:  # a Twisted Deferred
            started.addErrback(lambda failure: self._mistake(failure.value) or failure)
        self.crawler_process.start()
        if self.mistake is not None:
            print(f"scrapy crawl {args[0]}: {self.mistake}", file=sys.stderr)
            self.exitcode = 2
        elif self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        elif problems := data_left_behind(crawler.stats.get_stats()):
            for problem in problems:
                print(f"scrapy crawl {args[0]}: not complete: {problem}", file=sys.stderr)
            self.exitcode = 1

    def _started(self, task: asyncio.Future) -> None:
        if not task.cancelled() and (exc := task.exception()) is not None:
            if not self._mistake(exc):
                task.get_loop().call_exception_handler(
                    {"message": "The crawl did not start", "exception": exc, "future": task}
                )

    def _mistake(self, exc: BaseException) -> bool:
        """Keep an ordinary mistake for a one-line message, unless -L DEBUG asks for more."""
        if isinstance(exc, MISTAKES) and self.settings.get("LOG_LEVEL") != "DEBUG":
            self.mistake = exc
            return True
        return False
