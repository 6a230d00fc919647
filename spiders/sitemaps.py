import logging
from datetime import UTC, datetime, timedelta

from scrapy import Request
from scrapy.utils.gz import gunzip

from newsetl.feeds import NotAFeed, parse_sitemap
from newsetl.normalize import normalize_article_url
from newsetl.spider import NewsSpider

logger = logging.getLogger(__name__)


class SitemapsSpider(NewsSpider):
    """Sitemap indexes, sitemaps and Google News sitemaps. Only entries published or
    modified within the window are crawled, newest first; entries without a date last.
    ``scrapy crawl sitemaps [-a source=NAME] [-a window_days=2] [-a refetch=true]``"""

    name = "sitemaps"
    entry_point_kind = "sitemaps"

    def __init__(self, *args, window_days: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.window_days = float(window_days) if window_days is not None else None

    def entry_requests(self, source):
        for url in source.sitemaps:
            yield Request(url, self.parse, errback=self.fetch_failed, cb_kwargs={"source": source})

    def _body(self, response) -> bytes:
        if response.body[:2] == b"\x1f\x8b":
            return gunzip(response.body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        return response.body

    async def parse(self, response, source):
        try:
            sitemap = parse_sitemap(self.repaired(self._body(response)))
        except (NotAFeed, OSError, ValueError) as exc:
            self.crawler.stats.inc_value("newsetl/dropped/not_a_sitemap")
            logger.warning("%s: %s", response.url, exc)
            return
        days = self.window_days if self.window_days is not None else source.sitemap_window_days
        since = datetime.now(UTC) - timedelta(days=days)
        recent = [e for e in sitemap.entries if e.published_at is None or e.published_at >= since]
        self.crawler.stats.inc_value(
            "newsetl/sitemaps/outside_window", len(sitemap.entries) - len(recent)
        )
        newest_first = sorted(
            recent, key=lambda e: e.published_at or datetime.min.replace(tzinfo=UTC), reverse=True
        )
        if sitemap.kind == "index":
            for entry in newest_first:
                url = normalize_article_url(entry.url, response.url)
                if url is None or not source.owns(url):
                    self.crawler.stats.inc_value("newsetl/sitemaps/offsite_or_invalid_url")
                    continue
                yield response.follow(
                    url, self.parse, errback=self.fetch_failed, cb_kwargs={"source": source}
                )
            return
        async for result in self.follow(response, source, "sitemap", newest_first):
            yield result
