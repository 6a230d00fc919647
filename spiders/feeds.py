import logging

from scrapy import Request

from newsetl.crawling.spider import NewsSpider
from newsetl.extraction.entries import NotAFeed, parse_feed

logger = logging.getLogger(__name__)


class FeedsSpider(NewsSpider):
    """RSS 2.0, RSS 1.0/RDF, Atom and JSON Feed (1.0, 1.1): every entry is a headline,
    followed to its article. Unchanged feeds answer 304 to conditional GETs and are not
    parsed (see newsetl/crawling/entry_points.py).
    ``scrapy crawl feeds [-a source=NAME] [-a refetch=true]``"""

    name = "feeds"
    entry_point_kind = "feeds"

    def entry_requests(self, source):
        for url in source.feeds:
            yield Request(
                url,
                self.parse,
                errback=self.fetch_failed,
                cb_kwargs={"source": source},
                meta={"entry_point": "feed", "source": source.name},
            )

    def parse(self, response, source):
        body = self.repaired(response.body)
        try:
            entries = parse_feed(body)
        except NotAFeed as exc:
            self.crawler.stats.inc_value("newsetl/dropped/not_a_feed")
            logger.warning("%s: %s", response.url, exc)
            return
        yield from self.follow(response, source, "feed", entries)
