import hashlib
import json
import logging
import time
from dataclasses import asdict
from datetime import UTC, datetime

from scrapy import signals
from scrapy.exceptions import NotConfigured
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from newsetl import db
from newsetl.config import SourceConfigError, load_sources
from newsetl.items import Article
from newsetl.spool import Spool, json_default

logger = logging.getLogger(__name__)
CONTENT_FIELDS = ("title", "description", "authors", "body")  # an edit; not a new timestamp


def content_hash(row: dict) -> str:
    content = json.dumps([row.get(f) for f in CONTENT_FIELDS], default=json_default)
    return hashlib.sha256(content.encode()).hexdigest()


def run_status(reason: str, spooled: int) -> str:
    if reason == "shutdown":
        return "interrupted"
    if reason != "finished":
        return "failed"
    return "partial" if spooled else "finished"


class PostgresStorePipeline:
    """Upserts headlines and articles into PostgreSQL in batches (one transaction and three
    statements per batch), and records the crawl run. A batch the database cannot take is
    spooled to disk and replayed once the database answers again. Never creates tables:
    run the migrations (``newsetl db migrate``)."""

    def __init__(self, crawler, url: str):
        self.crawler = crawler
        self.stats = crawler.stats
        self.url = url
        settings = crawler.settings
        self.batch_size = settings.getint("STORE_BATCH_SIZE")
        self.flush_seconds = settings.getfloat("STORE_FLUSH_SECONDS")
        self.spool = Spool(settings["SPOOL_DIR"])
        self.pending: dict[str, list[dict]] = {"headlines": [], "articles": []}
        self.last_flush = time.monotonic()
        self.run_id: int | None = None
        self.started_at = datetime.now(UTC)
        self.engine = None
        try:
            self.sources = load_sources()
        except SourceConfigError:
            self.sources = {}

    @classmethod
    def from_crawler(cls, crawler):
        url = db.database_url(crawler.settings.get("DATABASE_URL"))
        if not url:
            raise NotConfigured("DATABASE_URL is not set: items are not stored (-O FILE exports)")
        pipeline = cls(crawler, url)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    async def open_spider(self):
        logger.info("Storing items in %s", db.masked(self.url))
        self.engine = db.async_engine(self.url)
        await self._start_run()
        await self._replay_spool()

    async def process_item(self, item):
        kind = "articles" if isinstance(item, Article) else "headlines"
        row = asdict(item) | {"crawl_run_id": self.run_id}
        if kind == "articles":
            row["content_hash"] = content_hash(row)
        self.pending[kind].append(row)
        due = time.monotonic() - self.last_flush >= self.flush_seconds
        if due or sum(map(len, self.pending.values())) >= self.batch_size:
            await self.flush()
        return item

    async def close_spider(self):
        await self.flush()

    async def flush(self) -> None:
        batch, self.pending = self.pending, {"headlines": [], "articles": []}
        self.last_flush = time.monotonic()
        if not any(batch.values()):
            return
        try:
            await self._store(batch)
        except (DBAPIError, OSError) as exc:
            path = self.spool.write(batch)
            count = sum(map(len, batch.values()))
            self.stats.inc_value("newsetl/store/spooled", count)
            logger.warning(
                "Database unavailable (%s): %d items spooled to %s; spool holds %d items",
                type(exc).__name__,
                count,
                path,
                self.spool.size(),
            )
            return
        await self._replay_spool()

    async def _store(self, batch: dict[str, list[dict]]) -> None:
        articles = list({row["id"]: row for row in batch.get("articles", [])}.values())
        headlines = batch.get("headlines", [])
        names = {row["source"] for row in (*articles, *headlines)}
        async with self.engine.begin() as conn:
            await conn.execute(text(db.query("upsert_sources")), {"sources": self._sources(names)})
            if headlines:
                rows = json.dumps(headlines, default=json_default)
                await conn.execute(text(db.query("upsert_headlines")), {"rows": rows})
            if articles:
                rows = json.dumps(articles, default=json_default)
                await conn.execute(text(db.query("upsert_articles")), {"rows": rows})
        self.stats.inc_value("newsetl/store/headlines", len(headlines))
        self.stats.inc_value("newsetl/store/articles", len(articles))

    def _sources(self, names) -> str:
        rows = []
        for name in sorted(names):
            source = self.sources.get(name)
            if source is None:
                rows.append({"name": name})
                continue
            config = {k: v for k, v in asdict(source).items() if k not in ("name", "title")}
            rows.append(
                {
                    "name": name,
                    "title": source.title,
                    "homepage": source.homepage,
                    "language": source.language,
                    "country": source.country,
                    "config": config,
                }
            )
        return json.dumps(rows, default=list)

    async def _replay_spool(self) -> None:
        for claimed, batch in self.spool.claim():
            try:
                await self._store(batch)
            except (DBAPIError, OSError):
                self.spool.release(claimed)
                return
            claimed.unlink()
            count = sum(map(len, batch.values()))
            self.stats.inc_value("newsetl/store/replayed", count)
            logger.info("Replayed %d spooled items from %s", count, claimed.name)

    async def _start_run(self, when: str = "at start") -> None:
        spider = self.crawler.spider
        params = {
            "spider": spider.name,
            "source": getattr(spider, "source", None),
            "started_at": self.started_at,
        }
        try:
            async with self.engine.begin() as conn:
                result = await conn.execute(text(db.query("start_crawl_run")), params)
                self.run_id = result.scalar_one()
        except (DBAPIError, OSError) as exc:
            logger.warning(
                "Database unavailable %s (%s): items will be spooled", when, type(exc).__name__
            )
            return
        self.stats.set_value("newsetl/crawl_run_id", self.run_id)
        for rows in self.pending.values():
            for row in rows:
                row["crawl_run_id"] = self.run_id

    async def spider_closed(self, spider, reason):
        spooled = self.spool.size()
        self.stats.set_value("newsetl/spool/size", spooled)
        if spooled:
            logger.warning("%d items wait in the spool %s", spooled, self.spool.directory)
        if self.run_id is None:
            await self._start_run(when="at close")
        stats = self.stats.get_stats()
        params = {
            "id": self.run_id,
            "finished_at": datetime.now(UTC),
            "status": run_status(reason, stats.get("newsetl/store/spooled", 0)),
            "finish_reason": reason,
            "items_stored": stats.get("newsetl/store/articles", 0)
            + stats.get("newsetl/store/headlines", 0),
            "items_dropped": stats.get("item_dropped_count", 0),
            "items_spooled": stats.get("newsetl/store/spooled", 0),
            "stats": json.dumps(stats, default=json_default),
        }
        try:
            if self.run_id is not None:
                async with self.engine.begin() as conn:
                    await conn.execute(text(db.query("finish_crawl_run")), params)
        except (DBAPIError, OSError) as exc:
            logger.warning("Crawl run %s not recorded: %s", self.run_id, type(exc).__name__)
        finally:
            await self.engine.dispose()
