"""``scrapy crawl``, exiting with status 1 when the crawl left data outside the database
(items waiting in the spool, quarantined or lost; see ``newsetl.verdict``)."""

from __future__ import annotations

import sys

from scrapy.commands.crawl import Command as ScrapyCrawl

from newsetl.verdict import data_left_behind


class Command(ScrapyCrawl):
    def _create_crawler(self, *args, **kwargs):
        self.crawler = super()._create_crawler(*args, **kwargs)
        return self.crawler

    def run(self, args, opts) -> None:
        super().run(args, opts)
        stats = self.crawler.stats.get_stats() if getattr(self, "crawler", None) else {}
        if problems := data_left_behind(stats):
            for problem in problems:
                print(f"scrapy crawl: not complete: {problem}", file=sys.stderr)
            self.exitcode = 1
