"""Shared fixtures: a throwaway PostgreSQL cluster, the demo site on a free port, and a
helper that runs a real ``scrapy crawl`` against it."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from helpers import FAST, ROOT, empty_database
from sqlalchemy import text

from newsetl import db
from newsetl.localdb import throwaway_cluster


@pytest.fixture(scope="session")
def pg_cluster():
    """A migrated, throwaway PostgreSQL cluster (shared by the session)."""
    with throwaway_cluster("newsetl-test-pg-") as cluster:
        yield cluster


@pytest.fixture(scope="module")
def own_cluster():
    """A migrated cluster for one test module that stops, freezes or recreates it."""
    with throwaway_cluster("newsetl-faults-pg-") as cluster:
        yield cluster


@pytest.fixture
def fresh(own_cluster):
    """The module's own cluster, started and emptied for this test."""
    own_cluster.start()
    empty_database(own_cluster.url)
    return own_cluster


@pytest.fixture(scope="session")
def pg_url(pg_cluster) -> str:
    return pg_cluster.url


@pytest.fixture
def db_url(pg_url) -> str:
    """The session database, emptied for this test."""
    empty_database(pg_url)
    return pg_url


@pytest.fixture
def sql(db_url):
    """Run a query on the test database: ``sql("SELECT ...", key=value).all()``."""
    engine = db.engine(db_url)

    def run(query: str, **params):
        with engine.begin() as conn:
            return conn.execute(text(query), params)

    yield run
    engine.dispose()


@pytest.fixture(scope="session")
def demo_site():
    """The bundled demo site on a free port; yields its base URL."""
    from demosite import serve

    server = serve("127.0.0.1", 0)
    yield "http://{}:{}".format(*server.server_address[:2])
    server.shutdown()
    server.server_close()


@pytest.fixture
def crawl(tmp_path, demo_site):
    """Run ``scrapy crawl SPIDER ARGS...`` in a subprocess against the demo site.

    ``crawl("feeds", "-a", "source=meridian-wire", database=url)`` returns the completed
    process; the log is in ``result.log`` and the exported items in ``result.items``.
    """

    def run(
        spider: str,
        *args: str,
        database: str | None = None,
        env: dict | None = None,
        settings: dict | None = None,
        timeout: float = 120,
    ):
        out = tmp_path / f"{spider}-{uuid.uuid4().hex[:8]}.jsonl"
        log = out.with_suffix(".log")
        cmd = [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            spider,
            *args,
            "-O",
            str(out),
            "-s",
            f"LOG_FILE={log}",
            "-s",
            f"SPOOL_DIR={tmp_path / 'spool'}",
        ]
        for key, value in (FAST | (settings or {})).items():
            cmd += ["-s", f"{key}={value}"]
        environ = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        environ |= {"NEWSETL_DEMO_SITE": demo_site} | (env or {})
        if database:
            environ["DATABASE_URL"] = database
        result = subprocess.run(
            cmd, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=timeout
        )
        result.log = log.read_text() if log.exists() else result.stderr
        result.items = _read_jsonl(out)
        return result

    return run


def _read_jsonl(path: Path) -> list[dict]:
    import json

    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
