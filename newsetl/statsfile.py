"""A Scrapy extension that writes a crawl's final stats as JSON to the path in ``STATS_FILE``.

The Airflow crawl tasks run ``scrapy crawl`` as a subprocess and judge the crawl from these
stats (errors, items stored, items spooled) without parsing the log. Unset: does nothing.
``scrapy crawl feeds -s STATS_FILE=/tmp/stats.json``
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured


def _json(value):
    return value.isoformat() if isinstance(value, datetime) else str(value)


class StatsFile:
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
