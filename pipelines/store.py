import time
from dataclasses import asdict

from scrapy.exceptions import NotConfigured

from newsetl.crawling.extensions import CrawlRuns
from newsetl.items import Article


class PostgresStorePipeline:
    """Upserts headlines and articles into PostgreSQL in batches of ``STORE_BATCH_SIZE``
    items, or what came in ``STORE_FLUSH_SECONDS`` (one transaction per batch, SQL in
    :mod:`newsetl.store`). Never creates tables: run the migrations first.

    Each batch carries its crawl run and the sources it refers to, and is written through
    the crawl's :class:`~newsetl.spool.SpoolingWriter` (held by the
    :class:`~newsetl.crawling.extensions.CrawlRuns` extension, which records the run): what
    the database cannot take now is spooled and replayed later, what it refuses for good is
    quarantined row by row."""

    def __init__(self, runs: CrawlRuns, batch_size: int, flush_seconds: float):
        self.runs = runs
        self.batch_size = batch_size
        self.flush_seconds = flush_seconds
        self.pending: dict[str, list[dict]] = {"headlines": [], "articles": []}
        self.last_flush = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler):
        runs = crawler.get_extension(CrawlRuns)
        if runs is None:
            raise NotConfigured("DATABASE_URL is not set: items are not stored (-O FILE exports)")
        settings = crawler.settings
        return cls(
            runs, settings.getint("STORE_BATCH_SIZE"), settings.getfloat("STORE_FLUSH_SECONDS")
        )

    async def process_item(self, item):
        kind = "articles" if isinstance(item, Article) else "headlines"
        self.pending[kind].append(asdict(item))
        due = time.monotonic() - self.last_flush >= self.flush_seconds
        if due or sum(map(len, self.pending.values())) >= self.batch_size:
            await self.flush()
        return item

    async def close_spider(self):
        await self.flush()

    async def flush(self) -> None:
        batch, self.pending = self.pending, {"headlines": [], "articles": []}
        self.last_flush = time.monotonic()
        rows = [*batch["headlines"], *batch["articles"]]
        if rows:
            sources = self.runs.source_rows({row["source"] for row in rows})
            await self.runs.writer.save({"runs": [self.runs.record()], "sources": sources} | batch)
