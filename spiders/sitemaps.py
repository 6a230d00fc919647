import logging
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin

from scrapy import Request
from scrapy.utils.gz import gunzip

from newsetl.crawling.entry_points import NotModified
from newsetl.crawling.spider import NewsSpider
from newsetl.extraction.entries import NotAFeed, parse_any_sitemap, robots_sitemaps
from newsetl.normalize import normalize_article_url

logger = logging.getLogger(__name__)
# Where sites put their sitemaps when robots.txt names none (`sitemaps: auto`)
WELL_KNOWN = ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml")


class SitemapsSpider(NewsSpider):
    """Sitemap indexes, sitemaps and Google News sitemaps, in XML or plain text (gzipped or
    not), and feeds listed as sitemaps. Only entries published or modified within the window
    are crawled, newest first; entries without a date last. A source with ``sitemaps: auto``
    has its sitemaps found in its robots.txt (``Sitemap:`` lines), else at well-known paths.
    Indexes nest at most ``SITEMAP_INDEX_MAX_DEPTH`` deep; each sitemap is fetched once.
    ``scrapy crawl sitemaps [-a source=NAME] [-a window_days=2] [-a refetch=true]``"""

    name = "sitemaps"
    entry_point_kind = "sitemaps"

    def __init__(self, *args, window_days: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.window_days = float(window_days) if window_days is not None else None

    def entry_requests(self, source):
        for url in source.sitemaps:
            yield self.sitemap_request(url, source)
        if source.discover_sitemaps:
            yield Request(
                urljoin(source.homepage, "/robots.txt"),
                self.parse_robots,
                errback=self.robots_missing,
                cb_kwargs={"source": source},
            )

    def sitemap_request(self, url, source, depth=0, discovered=False) -> Request:
        return Request(
            url,
            self.parse,
            errback=self.well_known_missing if discovered else self.fetch_failed,
            cb_kwargs={"source": source, "depth": depth},
            meta={"entry_point": "sitemap", "source": source.name},
        )

    def parse_robots(self, response, source):
        """The sitemaps robots.txt names on the source's domains, else the well-known ones."""
        urls = [u for u in robots_sitemaps(response.body, response.url) if source.owns(u)]
        self.crawler.stats.inc_value("newsetl/sitemaps/discovered/robots_txt", len(urls))
        if not urls:
            yield from self.well_known(source)
        for url in urls:
            yield self.sitemap_request(url, source)

    def robots_missing(self, failure):
        source = failure.request.cb_kwargs["source"]
        logger.info("No robots.txt for %s: trying the well-known sitemap paths", source.name)
        self.crawler.stats.inc_value("newsetl/sitemaps/no_robots_txt")
        yield from self.well_known(source)

    def well_known(self, source):
        for path in WELL_KNOWN:
            yield self.sitemap_request(urljoin(source.homepage, path), source, discovered=True)

    def well_known_missing(self, failure) -> None:
        """A guessed sitemap path that is not there is no fetch failure."""
        if failure.check(NotModified):
            return
        self.crawler.stats.inc_value("newsetl/sitemaps/well_known_missing")
        logger.info("No sitemap at %s", failure.request.url)

    def _body(self, response) -> bytes:
        """The body, gunzipped when it is gzip data, whatever the name and headers say
        (``Content-Encoding: gzip`` is already undone by Scrapy)."""
        if response.body[:2] == b"\x1f\x8b":
            return gunzip(response.body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        return response.body

    def parse(self, response, source, depth=0):
        try:
            sitemap = parse_any_sitemap(self.repaired(self._body(response)))
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
            if depth >= self.settings.getint("SITEMAP_INDEX_MAX_DEPTH", 4):
                self.crawler.stats.inc_value("newsetl/sitemaps/too_deep")
                logger.warning("%s: sitemap index nested too deep, not followed", response.url)
                return
            for entry in newest_first:
                url = normalize_article_url(entry.url, response.url)
                if url is None or not source.owns(url):
                    self.crawler.stats.inc_value("newsetl/sitemaps/offsite_or_invalid_url")
                    continue
                # Scrapy's duplicate filter fetches each sitemap once: a cycle ends there
                yield self.sitemap_request(url, source, depth + 1)
            return
        yield from self.follow(response, source, "sitemap", newest_first)
