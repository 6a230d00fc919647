"""Item pipelines, in order: clean (100), normalise (200), validate (300), dedup (400),
site suffixes off titles (500), store (900). Each does one thing and counts what it changes
or drops in the crawl stats under ``newsetl/<pipeline>/...``."""


class CountingPipeline:
    """Base of the pipelines: each counts what it changes or drops in the crawl stats."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)
