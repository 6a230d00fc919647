"""What several test modules share: the crawl settings for local servers, emptying the
project's tables, and throwaway PostgreSQL clusters."""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from newsetl import db
from newsetl.localdb import LocalCluster

ROOT = Path(__file__).resolve().parent.parent
TABLES = "sources, crawl_runs, headlines, headline_sightings, articles, article_revisions"
# Local servers need no politeness; everything else stays as in newsetl.settings.
FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "LOG_LEVEL": "INFO",
}


def empty_database(url: str) -> None:
    engine = db.engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))  # noqa: S608 - constant
    engine.dispose()


@contextmanager
def throwaway_cluster(prefix: str):
    """A started, migrated PostgreSQL cluster in a temporary folder, removed afterwards."""
    cluster = LocalCluster(Path(tempfile.mkdtemp(prefix=prefix)) / "pgdata")
    cluster.start()
    try:
        db.migrate(cluster.url)
        yield cluster
    finally:
        cluster.wipe()
        cluster.datadir.parent.rmdir()
