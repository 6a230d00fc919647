import asyncio
import hashlib
import json
import logging
import time
import uuid
from dataclasses import asdict
from datetime import UTC, datetime

from scrapy import signals
from scrapy.exceptions import NotConfigured
from sqlalchemy import text
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from newsetl import db, processes
from newsetl.config import SourceConfigError, load_sources
from newsetl.crawls import STORE_FAILED
from newsetl.items import Article
from newsetl.spool import DamagedSpoolFile, Spool, json_default

logger = logging.getLogger(__name__)
CONTENT_FIELDS = ("title", "description", "authors", "body")  # an edit; not a new timestamp
KINDS = ("headlines", "articles")
# The database refused the data itself: retrying cannot help, the batch is quarantined.
REFUSED = (IntegrityError, DataError)
# The database did not answer (down, restarting, frozen, not migrated yet...): spool, retry.
UNAVAILABLE = (DBAPIError, OSError, TimeoutError)


def content_hash(row: dict) -> str:
    content = json.dumps([row.get(f) for f in CONTENT_FIELDS], default=json_default)
    return hashlib.sha256(content.encode()).hexdigest()


def run_status(reason: str, spooled: int) -> str:
    if reason == "shutdown":
        return "interrupted"
    if reason != "finished":
        return "failed"
    return "partial" if spooled else "finished"


def _count(batch: dict[str, list[dict]]) -> int:
    return sum(len(batch.get(kind, ())) for kind in KINDS)


def _urls(batch: dict[str, list[dict]]) -> list[str]:
    return [row.get("url", "?") for kind in KINDS for row in batch.get(kind, ())]


class PostgresStorePipeline:
    """Upserts headlines and articles into PostgreSQL in batches (one transaction per batch)
    and records the crawl run. Never creates tables: run the migrations first.

    What the database cannot take now (down, restarting, frozen: each operation is bounded
    by ``STORE_TIMEOUT``) goes to a durable on-disk spool, replayed once it answers, in this
    crawl or the next, and for ``STORE_RETRY_SECONDS`` further batches go straight to the
    spool. What it refuses for good (a constraint, bad data) is quarantined row by row, so
    the rest of the batch is stored. If neither the database nor the spool can take a
    batch, the crawl stops (reason ``store_failed``) and the URLs are logged.

    The run has a UUID made here, carried by every batch, so a spooled batch records its
    run when replayed, even into a restored database; a heartbeat lets the next crawl mark
    a run whose process died as ``abandoned``."""

    def __init__(self, crawler, url: str):
        self.crawler = crawler
        self.stats = crawler.stats
        self.url = url
        settings = crawler.settings
        self.batch_size = settings.getint("STORE_BATCH_SIZE")
        self.flush_seconds = settings.getfloat("STORE_FLUSH_SECONDS")
        self.timeout = settings.getfloat("STORE_TIMEOUT", 15.0)
        self.retry_seconds = settings.getfloat("STORE_RETRY_SECONDS", 60.0)
        self.heartbeat_seconds = settings.getfloat("CRAWL_RUN_HEARTBEAT_SECONDS", 60.0)
        self.stale_seconds = settings.getfloat("CRAWL_RUN_STALE_SECONDS", 900.0)
        self.spool = Spool(settings["SPOOL_DIR"])
        self.pending: dict[str, list[dict]] = {kind: [] for kind in KINDS}
        self.unsaved: list[dict[str, list[dict]]] = []  # taken by neither database nor spool
        self.last_flush = time.monotonic()
        self.down_until = 0.0  # until then, batches go straight to the spool
        self.run = {"uuid": str(uuid.uuid4()), "owner": processes.identity()}
        self.run_id: int | None = None
        self.engine = None
        self.heartbeat: asyncio.Task | None = None
        self.stopping: asyncio.Future | None = None
        self.closing = False
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
        spider = self.crawler.spider
        self.run |= {
            "spider": spider.name,
            "source": getattr(spider, "source", None),
            "started_at": datetime.now(UTC),
        }
        self.stats.set_value("newsetl/crawl_run_uuid", self.run["uuid"])
        logger.info("Storing items in %s (crawl run %s)", db.masked(self.url), self.run["uuid"])
        self.engine = db.async_engine(self.url)
        started = time.monotonic()
        try:
            await self._database(self._start_run)
        except UNAVAILABLE as exc:
            self._unavailable(exc, started, "at start")
        else:
            await self._replay_spool()
        self.heartbeat = asyncio.ensure_future(self._beat())

    async def process_item(self, item):
        kind = "articles" if isinstance(item, Article) else "headlines"
        row = asdict(item)
        if kind == "articles":
            row["content_hash"] = content_hash(row)
        self.pending[kind].append(row)
        due = time.monotonic() - self.last_flush >= self.flush_seconds
        if due or _count(self.pending) >= self.batch_size:
            await self.flush()
        return item

    async def close_spider(self):
        self.closing = True
        if self.heartbeat is not None:
            self.heartbeat.cancel()
        await self.flush()
        if self.spool.files() and time.monotonic() >= self.down_until:
            await self._replay_spool()
        unsaved, self.unsaved = self.unsaved, []
        for batch in unsaved:  # one more try: the database or the disk may be back
            await self._save(batch)
        lost = [url for batch in self.unsaved for url in _urls(batch)]
        if lost:
            self.stats.set_value("newsetl/store/lost", len(lost))
            logger.error(
                "%d items could be stored neither in the database nor in the spool %s "
                "and are lost; crawl them again: %s",
                len(lost),
                self.spool.directory,
                " ".join(lost),
            )

    async def flush(self) -> None:
        batch, self.pending = self.pending, {kind: [] for kind in KINDS}
        self.last_flush = time.monotonic()
        if _count(batch):
            await self._save(batch)

    def _run_record(self, **final) -> dict:
        return self.run | {"heartbeat_at": datetime.now(UTC)} | final

    async def _save(self, batch: dict[str, list[dict]]) -> None:
        """Store a batch, else spool it, else keep it in memory and stop the crawl."""
        batch = {"runs": [self._run_record()]} | batch
        if time.monotonic() < self.down_until:
            self._spool(batch)
            return
        started = time.monotonic()
        try:
            await self._database(self._store, batch)
        except REFUSED as exc:
            await self._store_row_by_row(batch, exc)
        except UNAVAILABLE as exc:
            self._unavailable(exc, started)
            self._spool(batch)
            return
        if self.spool.files():
            await self._replay_spool()

    async def _database(self, work, *args):
        """``work(connection, *args)`` in one transaction, given up after STORE_TIMEOUT."""
        async with asyncio.timeout(self.timeout):
            async with self.engine.begin() as conn:
                return await work(conn, *args)

    def _unavailable(self, exc: BaseException, started: float, when: str = "") -> None:
        """A database that hung (the attempt begun at ``started`` took a second or more) is
        not asked again for STORE_RETRY_SECONDS: batches go straight to the spool. One that
        refused at once is asked again with the next batch."""
        slow = time.monotonic() - started >= 1.0
        if slow:
            self.down_until = time.monotonic() + self.retry_seconds
        logger.warning(
            "Database unavailable%s (%s: %s): items will be spooled%s",
            f" {when}" if when else "",
            type(exc).__name__,
            db.mask_secrets(_first_line(exc)),
            f" for the next {self.retry_seconds:.0f} s" if slow else "",
        )

    def _spool(self, batch: dict[str, list[dict]]) -> None:
        count = _count(batch)
        try:
            path = self.spool.write(batch)
        except OSError as exc:
            self.stats.inc_value("newsetl/spool/write_failed")
            if not count:
                logger.error("Crawl run %s: its record is lost (%s)", self.run["uuid"], exc)
                return
            self.unsaved.append(batch)
            logger.error(
                "Spool %s cannot take %d items either (%s): kept in memory",
                self.spool.directory,
                count,
                exc.strerror or type(exc).__name__,
            )
            self._stop_crawl()
            return
        if count:
            self.stats.inc_value("newsetl/store/spooled", count)
            logger.warning("%d items spooled to %s", count, path)

    def _stop_crawl(self) -> None:
        engine = self.crawler.engine
        if not self.closing and self.stopping is None:
            logger.error("Stopping the crawl: nowhere to keep what it fetches")
            self.stopping = asyncio.ensure_future(engine.close_spider_async(reason=STORE_FAILED))

    async def _store(self, conn, batch: dict[str, list[dict]]) -> None:
        """One batch in one transaction: its crawl run first (a spooled batch may be the
        first news the database has of its run), then sources, headlines and articles."""
        run_id = None
        for run in batch.get("runs", ()):  # a run's end, spooled, is written in full
            record = self._record_run if run.get("finished_at") else self._ensure_run
            run_id = await record(conn, run)
        articles = list({row["id"]: row for row in batch.get("articles", [])}.values())
        headlines = batch.get("headlines", [])
        for row in (*articles, *headlines):
            row["crawl_run_id"] = run_id
        if names := {row["source"] for row in (*articles, *headlines)}:
            await conn.execute(text(db.query("insert_sources")), {"sources": self._sources(names)})
        if headlines:
            rows = json.dumps(headlines, default=json_default)
            await conn.execute(text(db.query("relink_moved_headlines")), {"rows": rows})
            await conn.execute(text(db.query("upsert_headlines")), {"rows": rows})
        revisions = []
        if articles:
            rows = json.dumps(articles, default=json_default)
            result = await conn.execute(text(db.query("upsert_articles")), {"rows": rows})
            revisions = result.scalars().all()
        self.stats.inc_value("newsetl/store/headlines", len(headlines))
        self.stats.inc_value("newsetl/store/articles", len(articles))
        new = revisions.count(1)
        self.stats.inc_value("newsetl/store/articles_new", new)
        self.stats.inc_value("newsetl/store/articles_changed", len(revisions) - new)

    async def _store_row_by_row(self, batch: dict[str, list[dict]], error: BaseException) -> None:
        """The database refused the batch: store each row on its own and quarantine the
        rows it refuses, with the reason."""
        refused: dict[str, list[dict]] = {kind: [] for kind in KINDS}
        reasons = []
        for kind in KINDS:
            for row in batch.get(kind, ()):
                try:
                    await self._database(self._store, {"runs": batch["runs"], kind: [row]})
                except REFUSED as exc:
                    refused[kind].append(row)
                    reasons.append(f"{row.get('url')}: {_first_line(exc)}")
        count = _count(refused)
        if not count:
            return
        path = self.spool.quarantine_batch(refused | {"runs": batch["runs"]}, "\n".join(reasons))
        self.stats.inc_value("newsetl/spool/quarantined")
        self.stats.inc_value("newsetl/store/refused", count)
        logger.error(
            "The database refused %d items (%s): quarantined in %s",
            count,
            _first_line(error),
            path,
        )

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
        for claim in self.spool.claim():
            started = time.monotonic()
            try:
                batch = claim.read()
                await self._database(self._store, batch)
            except (DamagedSpoolFile, *REFUSED) as exc:
                self.spool.quarantine(claim, f"{type(exc).__name__}: {exc}")
                self.stats.inc_value("newsetl/spool/quarantined")
                logger.error(
                    "Spool file %s cannot be stored (%s): moved to %s",
                    claim.path.name,
                    _first_line(exc),
                    self.spool.quarantine_dir,
                )
                continue
            except UNAVAILABLE as exc:
                claim.release()
                self._unavailable(exc, started, "while replaying the spool")
                return
            claim.done()
            count = _count(batch)
            self.stats.inc_value("newsetl/store/replayed", count)
            logger.info("Replayed %d spooled items from %s", count, claim.path.name)

    async def _ensure_run(self, conn, run: dict) -> int:
        """The run's id, the run recorded first if the database does not know it."""
        params = {"run": json.dumps(run, default=json_default)}
        run_id = (await conn.execute(text(db.query("ensure_crawl_run")), params)).scalar()
        if run_id is None:  # recorded by a concurrent batch since this statement began
            run_id = (await conn.execute(text(db.query("ensure_crawl_run")), params)).scalar()
        if run["uuid"] == self.run["uuid"]:
            self.run_id = run_id
            self.stats.set_value("newsetl/crawl_run_id", run_id)
        return run_id

    async def _start_run(self, conn) -> None:
        """One transaction at the start: dead runs marked, this run and its sources recorded."""
        await self._abandon_dead_runs(conn)
        await self._record_run(conn, self._run_record())
        await self._record_sources(conn)

    async def _record_sources(self, conn) -> None:
        """The crawl's configured sources, their configuration updated once per crawl."""
        names = [source.name for source in getattr(self.crawler.spider, "sources", ())]
        if names:
            await conn.execute(text(db.query("upsert_sources")), {"sources": self._sources(names)})

    async def _record_run(self, conn, run: dict) -> int:
        result = await conn.execute(
            text(db.query("upsert_crawl_run")), {"run": json.dumps(run, default=json_default)}
        )
        run_id = result.scalar_one()
        if run["uuid"] == self.run["uuid"]:
            self.run_id = run_id
            self.stats.set_value("newsetl/crawl_run_id", run_id)
        return run_id

    async def _abandon_dead_runs(self, conn) -> None:
        running = await conn.execute(text(db.query("running_crawl_runs")))
        dead = [run_id for run_id, owner, _ in running if processes.is_dead(owner)]
        params = {"dead": dead, "stale_seconds": self.stale_seconds}
        abandoned = (await conn.execute(text(db.query("abandon_crawl_runs")), params)).scalars()
        if ids := list(abandoned):
            self.stats.set_value("newsetl/crawl_runs/abandoned", len(ids))
            logger.warning("Crawl runs %s had stopped without an end: marked abandoned", ids)

    async def _beat(self) -> None:
        """Tell the database this run is alive, every CRAWL_RUN_HEARTBEAT_SECONDS."""
        while True:
            await asyncio.sleep(self.heartbeat_seconds)
            if time.monotonic() >= self.down_until:
                started = time.monotonic()
                try:
                    await self._database(self._record_run, self._run_record())
                except UNAVAILABLE as exc:
                    self._unavailable(exc, started)

    async def spider_closed(self, spider, reason):
        size = self.spool.size()
        self.stats.set_value("newsetl/spool/size", size)
        if size:
            logger.warning("%d items wait in the spool %s", size, self.spool.directory)
        stats = self.stats.get_stats()
        spooled = stats.get("newsetl/store/spooled", 0)
        failed = stats.get("newsetl/store/lost", 0) + stats.get("newsetl/spool/quarantined", 0)
        final = self._run_record(
            finished_at=datetime.now(UTC),
            status="failed" if failed else run_status(reason, spooled),
            finish_reason=reason,
            items_stored=stats.get("newsetl/store/articles", 0)
            + stats.get("newsetl/store/headlines", 0),
            items_dropped=stats.get("item_dropped_count", 0),
            items_spooled=spooled,
            stats=json.loads(json.dumps(stats, default=json_default)),
        )
        try:
            if time.monotonic() < self.down_until:
                raise TimeoutError("the database did not answer moments ago")
            await self._database(self._record_run, final)
        except UNAVAILABLE as exc:
            logger.warning("Crawl run %s: its end is spooled (%s)", self.run["uuid"], exc)
            self._spool({"runs": [final]})
        finally:
            await self.engine.dispose()


def _first_line(exc: BaseException) -> str:
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
