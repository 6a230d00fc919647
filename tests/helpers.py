"""What several test modules share: the crawl settings for local servers, emptying the
project's tables, and throwaway PostgreSQL clusters and Redis servers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from newsetl import db
from newsetl.localdb import LocalCluster
from newsetl.paths import ROOT as ROOT  # the tests take it from here

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
# Local servers need no politeness; everything else stays as in newsetl.crawling.settings.
FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "LOG_LEVEL": "INFO",
    # extraction in the crawl's process: a pool's fork server costs a second of CPU per
    # crawl; tests/test_extraction_pool.py crawls with the pool
    "EXTRACTION_PROCESSES": "0",
}


def empty_database(url: str) -> None:
    engine = db.engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))  # noqa: S608 - constant
    engine.dispose()


@contextmanager
def scratch_database(url: str, name: str):
    """A new, empty database ``name`` beside the one at ``url``; yields its URL, drops it after."""
    admin = db.engine(url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()


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


class RedisServer:
    """``redis-server`` (from the system's packages) on a free port of ``host``, its
    append-only file in ``directory``: stop and start it again, the data is still there."""

    def __init__(self, directory: Path, host: str = "127.0.0.1"):
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError(
                "redis-server not found: install it (apt-get install redis-server, or"
                " `make system-deps` as root)"
            )
        self.binary, self.directory, self.host = binary, directory, host
        with socket.socket() as sock:
            sock.bind((host, 0))
            self.port = sock.getsockname()[1]
        self.url = f"redis://{host}:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - the system's redis-server
            [
                self.binary,
                "--bind",
                self.host,
                # clients from other network namespaces are not local: let them in
                "--protected-mode",
                "no",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        if not wait_for(self.ping, 10):
            raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def ping(self) -> bool:
        try:
            with socket.create_connection((self.host, self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        """SIGTERM: Redis flushes its append-only file and exits."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


@contextmanager
def redis_server(prefix: str, host: str = "127.0.0.1"):
    """A started Redis with persistence on, in a temporary folder removed afterwards."""
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    server = RedisServer(directory, host)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)
