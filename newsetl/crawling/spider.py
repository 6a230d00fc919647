"""The base of newsetl's generic spiders: which sources to crawl, staying on their domains,
skipping articles already stored, and handing article pages to the pure extractor."""

from __future__ import annotations

import codecs
import logging
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from newsetl.config import Source, SourceConfigError, load_sources
from newsetl.crawling import frontier
from newsetl.crawling.entry_points import NotModified
from newsetl.crawling.extraction_pool import ExtractionPool
from newsetl.extract import extract_article
from newsetl.extraction.entries import Entry, repair_character_references
from newsetl.items import Headline
from newsetl.normalize import normalize_article_url

logger = logging.getLogger(__name__)
TRUE = {"1", "true", "yes", "on"}


_FAILURES = (
    ((HttpError,), "http"),  # http_<status>
    ((DownloadTimeoutError,), "timeout"),
    ((DownloadFailedError, ResponseDataLossError), "connection_lost"),
    ((DownloadConnectionRefusedError, CannotResolveHostError), "unreachable"),
    ((DownloadCancelledError,), "too_large"),  # cancelled past DOWNLOAD_MAXSIZE
    ((zlib.error, EOFError, OSError), "undecodable"),  # gzip/deflate (BadGzipFile: OSError)
    ((IgnoreRequest,), "ignored"),  # or a reason below, from Scrapy's middlewares' message
)
_IGNORED = {
    "robots.txt": "robots_txt",
    "offsite": "offsite",
    "max redirections": "too_many_redirects",
    "DOWNLOAD_MAXSIZE": "too_large",
}


def failure_reason(failure) -> str:
    """A short, bounded name for why a request failed, for the crawl stats."""
    reason = next((r for types, r in _FAILURES if failure.check(*types)), "other")
    if reason == "http":
        return f"http_{failure.value.response.status}"
    if reason == "ignored":
        message = str(failure.value)
        return next((r for text, r in _IGNORED.items() if text in message), reason)
    return reason


class SpiderArgumentError(ValueError):
    """A spider argument (``-a``) is wrong; the message says what to give instead."""


_SINGLE_BYTE = {"cp1252", "iso8859-1", "iso8859-15"}


def page_text(response: TextResponse) -> str:
    """The page as text. Bytes declared Latin-1 or Windows-1252 that are valid UTF-8 (and
    not plain ASCII) are UTF-8: Western text in a single-byte charset almost never is valid
    UTF-8, while UTF-8 read as Latin-1 is the most common mojibake there is."""
    text = response.text
    if codecs.lookup(response.encoding).name in _SINGLE_BYTE and not response.body.isascii():
        try:
            return response.body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return text


class NewsSpider(scrapy.Spider):
    """Arguments: ``-a source=NAME`` (default: every source with this spider's kind of entry
    point) and ``-a refetch=true`` (fetch articles even when already stored)."""

    entry_point_kind: str = ""  # "feeds", "sitemaps" or "listing"

    @classmethod
    def update_settings(cls, settings):
        """A source's ``concurrency`` sets the download slot of each of its domains (the
        default, ``CONCURRENT_REQUESTS_PER_DOMAIN``, is one request at a time). With
        ``REDIS_URL``, the frontier is shared through Redis (:mod:`newsetl.crawling.frontier`)."""
        super().update_settings(settings)
        frontier.configure(settings)
        slots = {
            domain: {"concurrency": source.concurrency}
            for source in load_sources().values()
            if source.concurrency != 1
            for domain in source.allowed_domains
        }
        if slots:
            settings.set("DOWNLOAD_SLOTS", slots | settings.getdict("DOWNLOAD_SLOTS"), "spider")

    def __init__(self, *args, source: str | None = None, refetch: str = "false", **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.refetch = str(refetch).lower() in TRUE
        self.sources = self.select_sources(load_sources(), source)
        self.allowed_domains = sorted({d for s in self.sources for d in s.allowed_domains})

    def select_sources(self, sources: dict[str, Source], name: str | None) -> list[Source]:
        if name is not None:
            if name not in sources:
                known = ", ".join(sorted(sources)) or "none"
                raise SourceConfigError(f"unknown source {name!r} (configured: {known})")
            return [sources[name]]
        return [s for s in sources.values() if s.active and s.entry_points[self.entry_point_kind]]

    async def start(self):
        for source in self.sources:
            for request in self.entry_requests(source):
                yield request

    def entry_requests(self, source: Source) -> Iterable[scrapy.Request]:
        raise NotImplementedError

    def repaired(self, body: bytes) -> bytes:
        """A feed or sitemap with references to impossible characters (``&#xD800;``)
        replaced, counted as ``newsetl/repaired/character_references``."""
        body, count = repair_character_references(body)
        if count:
            self.crawler.stats.inc_value("newsetl/repaired/character_references", count)
        return body

    def follow(
        self, response: Response, source: Source, kind: str, entries: Iterable[Entry]
    ) -> Iterator[Headline | scrapy.Request]:
        """Headline items for ``entries``, then requests for their articles, in entry order
        (the scheduler is first in, first out: see settings). Articles already stored are
        not fetched again (``SkipStoredArticles``) unless ``-a refetch=true``."""
        now = datetime.now(UTC)
        headlines = []
        for position, entry in enumerate(entries, start=1):
            url = normalize_article_url(entry.url, response.url)
            if url is None or not source.owns(url):
                self.crawler.stats.inc_value("newsetl/headlines/offsite_or_invalid_url")
                continue
            headlines.append(
                Headline(
                    source=source.name,
                    url=url,
                    url_raw=entry.url,
                    external_id=entry.external_id,
                    title=entry.title,
                    summary=entry.summary,
                    published_at=entry.published_at,
                    published_at_raw=entry.published_at_raw,
                    entry_point=response.url,
                    kind=kind,
                    position=position,
                    seen_at=now,
                )
            )
        for headline in headlines:
            yield headline
        for headline in headlines:
            yield response.follow(
                headline.url,
                self.parse_article,
                errback=self.fetch_failed,
                cb_kwargs={"source": source},
                meta={"skip_if_stored": not self.refetch},
            )

    def fetch_failed(self, failure) -> None:
        """A request that ended without a usable response (an HTTP error after retries, a
        timeout, a reset, an undecodable or oversized body, too many redirects...): counted
        as ``newsetl/fetch_failed/<reason>`` and logged, and the crawl goes on."""
        if failure.check(NotModified):  # an entry point unchanged since the last crawl
            return
        reason = failure_reason(failure)
        self.crawler.stats.inc_value("newsetl/fetch_failed")
        self.crawler.stats.inc_value(f"newsetl/fetch_failed/{reason}")
        logger.warning(
            "Fetch failed (%s): %s: %s", reason, failure.request.url, failure.getErrorMessage()
        )

    async def parse_article(self, response: Response, source: Source):
        """The article on the page, extracted in the extraction pool
        (:mod:`newsetl.crawling.extraction_pool`). A page whose extraction raised or whose
        worker died is counted as ``newsetl/extraction_failed/<reason>`` and logged."""
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("newsetl/dropped/not_html")
            logger.info("Not HTML (%s): %s", response.headers.get("Content-Type"), response.url)
            return
        html = page_text(response)
        if html is not response.text:
            self.crawler.stats.inc_value("newsetl/repaired/charset")
        if "\x00" in html[:2048]:  # no HTML has NUL characters; images, PDFs... do
            self.crawler.stats.inc_value("newsetl/dropped/binary")
            logger.info(
                "Binary content served as %s: %s",
                response.headers.get("Content-Type"),
                response.url,
            )
            return
        try:
            pool = self.crawler.get_extension(ExtractionPool)
            if pool is None:  # EXTRACTION_PROCESSES = 0
                article = extract_article(html, response.url, selectors=source.selectors)
            else:
                article = await pool.extract(html, response.url, source.selectors)
        except Exception as error:  # noqa: BLE001 - one page's failure, counted and logged
            reason = "worker_died" if isinstance(error, BrokenProcessPool) else "error"
            self.crawler.stats.inc_value("newsetl/extraction_failed")
            self.crawler.stats.inc_value(f"newsetl/extraction_failed/{reason}")
            logger.error("Extraction failed (%s): %s", reason, response.url, exc_info=True)
            return
        if article is None:
            self.crawler.stats.inc_value("newsetl/dropped/not_an_article")
            logger.info("Not an article (no body): %s", response.url)
            return
        article.source = source.name
        article.fetched_at = datetime.now(UTC)
        yield article
