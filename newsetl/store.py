"""What the store writes, one transaction per batch: the crawl run a batch belongs to, the
sources, headlines and articles it refers to. A batch is ``{kind: rows}`` with the kinds
``runs``, ``sources``, ``headlines`` and ``articles``, as the store pipeline makes it and as
the spool keeps it (:mod:`newsetl.spool`); every statement is an idempotent upsert, so a
batch replayed after a crash is stored once."""

from __future__ import annotations

import hashlib
import json
import logging

from sqlalchemy import text

from newsetl import db, processes
from newsetl.spool import json_default

logger = logging.getLogger(__name__)
CONTENT_FIELDS = ("title", "description", "authors", "body")  # an edit; not a new timestamp


def content_hash(row: dict) -> str:
    content = json.dumps([row.get(f) for f in CONTENT_FIELDS], default=json_default)
    return hashlib.sha256(content.encode()).hexdigest()


def _json(value) -> str:
    return json.dumps(value, default=json_default)


async def store_batch(conn, batch: dict[str, list[dict]]) -> dict[str, int]:
    """Write ``batch`` on ``conn``: its crawl run first (a spooled batch may be the first
    news the database has of its run), then sources, headlines and articles. Returns what
    was stored, by kind (``articles_new``, ``articles_changed``: by revision)."""
    run_id = None
    for run in batch.get("runs", ()):  # a run's end, spooled, is written in full
        run_id = await (record_run if run.get("finished_at") else ensure_run)(conn, run)
    articles = list({row["id"]: row for row in batch.get("articles", [])}.values())
    headlines = batch.get("headlines", [])
    for row in (*articles, *headlines):
        row["crawl_run_id"] = run_id
    for row in articles:
        row.setdefault("content_hash", content_hash(row))
    # Sources missing from the database are created: in full from the batch's ``sources``,
    # else (a batch spooled without them) by name.
    sources = {row["name"]: row for row in batch.get("sources", ())}
    for name in {row["source"] for row in (*articles, *headlines)} - sources.keys():
        sources[name] = {"name": name}
    if sources:
        rows = [sources[name] for name in sorted(sources)]
        await conn.execute(text(db.query("insert_sources")), {"sources": _json(rows)})
    if headlines:
        rows = _json(headlines)
        await conn.execute(text(db.query("relink_moved_headlines")), {"rows": rows})
        await conn.execute(text(db.query("upsert_headlines")), {"rows": rows})
    revisions = []
    if articles:
        result = await conn.execute(text(db.query("upsert_articles")), {"rows": _json(articles)})
        revisions = result.scalars().all()
    new = revisions.count(1)
    return {
        "headlines": len(headlines),
        "articles": len(articles),
        "articles_new": new,
        "articles_changed": len(revisions) - new,
    }


async def ensure_run(conn, run: dict) -> int:
    """The run's id, the run recorded first if the database does not know it."""
    params = {"run": _json(run)}
    run_id = (await conn.execute(text(db.query("ensure_crawl_run")), params)).scalar()
    if run_id is None:  # recorded by a concurrent batch since this statement began
        run_id = (await conn.execute(text(db.query("ensure_crawl_run")), params)).scalar()
    return run_id


async def record_run(conn, run: dict) -> int:
    """Insert or update the run (its start, heartbeat or end); returns its id."""
    result = await conn.execute(text(db.query("upsert_crawl_run")), {"run": _json(run)})
    return result.scalar_one()


async def record_sources(conn, sources: list[dict]) -> None:
    """The crawl's configured sources, their configuration updated (once per crawl)."""
    if sources:
        await conn.execute(text(db.query("upsert_sources")), {"sources": _json(sources)})


async def abandon_dead_runs(conn, stale_seconds: float) -> list[int]:
    """Mark as abandoned the runs whose process died, or silent for ``stale_seconds``."""
    running = await conn.execute(text(db.query("running_crawl_runs")))
    dead = [run_id for run_id, owner, _ in running if processes.is_dead(owner)]
    params = {"dead": dead, "stale_seconds": stale_seconds}
    return list((await conn.execute(text(db.query("abandon_crawl_runs")), params)).scalars())
