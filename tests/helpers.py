"""What several test modules share: the crawl settings for local servers, emptying the
project's tables, and throwaway PostgreSQL clusters."""

from __future__ import annotations

import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from newsetl import db
from newsetl.localdb import LocalCluster

ROOT = Path(__file__).resolve().parent.parent
TABLES = (
    "sources, crawl_runs, headlines, headline_sightings, articles, article_revisions, entry_points"
)
# A crawl slow enough for a fault to strike in the middle of it, in small batches.
SLOW = {
    "DOWNLOAD_DELAY": "0.25",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
    "STORE_BATCH_SIZE": "2",
    "RANDOMIZE_DOWNLOAD_DELAY": "False",
}
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


def query(url: str, sql: str, **params) -> list:
    engine = db.engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(sql), params).all()
    engine.dispose()
    return rows


def count(url: str, table: str) -> int:
    return query(url, f"SELECT count(*) FROM {table}")[0][0]  # noqa: S608 - test constant


def wait_for(predicate, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def cluster_pids(cluster: LocalCluster) -> list[int]:
    """The postmaster of a running cluster and its children (the backends)."""
    postmaster = int((cluster.datadir / "postmaster.pid").read_text().split()[0])
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == postmaster:
            children.append(int(stat.parent.name))
    return [postmaster, *children]


def signal_cluster(cluster: LocalCluster, signum: int) -> None:
    """SIGSTOP freezes the server (it accepts connections and answers nothing); SIGCONT."""
    for pid in cluster_pids(cluster):
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass
