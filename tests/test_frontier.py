"""A crawl frontier shared through Redis (newsetl.crawling.frontier): several `scrapy crawl`
processes drain one queue over a generated site of a thousand pages, into a real PostgreSQL,
with a real redis-server. Expected counts come from the site, not from constants."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from itertools import pairwise
from statistics import median

import pytest
import redis
from bigsite import BigSite, serve, sources_file
from helpers import FAST, ROOT, count, query, redis_server, wait_for

from newsetl.crawling.frontier import frontier_key
from newsetl.localdb import throwaway_cluster

pytestmark = pytest.mark.slow
PAGES = 1000
SOURCE = "bigsite"
# A slow database is not a dead one on this shared machine: three writers wait on each other.
SETTINGS = FAST | {
    "FRONTIER_IDLE_SECONDS": "2",
    "STORE_TIMEOUT": "60",
    # Local pages answer at once: more at a time keeps the event loop so busy with
    # extraction that the store's database connections time out (CONNECT_TIMEOUT).
    "CONCURRENT_REQUESTS": "4",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "4",
    "SCRAPER_SLOT_MAX_ACTIVE_SIZE": "32768",  # pages of a kilobyte or more: 32 at most
}


@pytest.fixture
def redis_url():
    try:
        with redis_server("newsetl-test-redis-") as server:
            yield server
    except FileNotFoundError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def site():
    site = BigSite(PAGES)
    server = serve(site)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def sources(tmp_path, site):
    path = sources_file(tmp_path / "sources.yaml", site.base)
    site.fetches.clear()
    return path


def start_crawl(tmp_path, sources, db_url, redis_url, run, name, mode="both", netns=None, **extra):
    """A `scrapy crawl sitemaps` process on the shared frontier ``run``, in the network
    namespace ``netns`` if given; its stats and log go to ``tmp_path/NAME.json`` and
    ``.log``; ``extra`` settings add to or replace SETTINGS."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "sitemaps", "-a", f"source={SOURCE}"]
    if netns:
        cmd = ["ip", "netns", "exec", netns, *cmd]
    settings = SETTINGS | {
        "FRONTIER_RUN": run,
        "FRONTIER_MODE": mode,
        "STATS_FILE": tmp_path / f"{name}.json",
        "LOG_FILE": tmp_path / f"{name}.log",
        "SPOOL_DIR": tmp_path / "spool",
    }
    for key, value in (settings | extra).items():
        cmd += ["-s", f"{key}={value}"]
    env = os.environ | {
        "DATABASE_URL": db_url,
        "REDIS_URL": redis_url,
        "NEWSETL_SOURCES": str(sources),
    }
    return subprocess.Popen(cmd, cwd=ROOT, env=env)  # noqa: S603 - the test's own command


def finish(process, tmp_path, name) -> dict:
    assert process.wait(120) == 0, (tmp_path / f"{name}.log").read_text()[-3000:]
    return json.loads((tmp_path / f"{name}.json").read_text())


def article_fetches(site) -> list[int]:
    return [site.fetches[path] for path in site.article_paths()]


def test_three_processes_fetch_each_page_once(tmp_path, site, sources, db_url, redis_url):
    run = uuid.uuid4().hex
    names = ["a", "b", "c"]
    processes = [start_crawl(tmp_path, sources, db_url, redis_url.url, run, name) for name in names]
    stats = [finish(p, tmp_path, name) for p, name in zip(processes, names, strict=True)]
    check_one_crawl(site, db_url, redis_url.url, run, stats)


def check_one_crawl(site, db_url, redis_url, run, stats):
    """Three processes drained frontier ``run``: each page fetched and stored once, each
    process did part of the work."""
    assert article_fetches(site) == [1] * PAGES
    assert count(db_url, "articles") == PAGES
    assert count(db_url, "article_revisions") == PAGES
    sitemaps = 1 + (PAGES + 99) // 100
    dequeued = [s.get("scheduler/dequeued/redis", 0) for s in stats]
    assert sum(dequeued) == PAGES + sitemaps  # each request taken from Redis by one process
    stored = [s.get("newsetl/store/articles", 0) for s in stats]
    assert sum(stored) == PAGES
    assert all(n > 0 for n in stored), stored  # each process did part of the work
    assert {s["newsetl/frontier/run"] for s in stats} == {run}
    assert {s["finish_reason"] for s in stats} == {"finished"}
    # Each process ends once the queue stays empty: nothing is left in it.
    server = redis.Redis.from_url(redis_url)
    assert server.llen(frontier_key("sitemaps", SOURCE, run) + ":requests") == 0
    assert server.ttl(frontier_key("sitemaps", SOURCE, run) + ":seen") > 0  # expires


def test_a_killed_process_loses_only_its_in_flight_requests(
    tmp_path, site, sources, db_url, redis_url
):
    run = uuid.uuid4().hex
    key = frontier_key("sitemaps", SOURCE, run) + ":requests"
    server = redis.Redis.from_url(redis_url.url)
    first = start_crawl(tmp_path, sources, db_url, redis_url.url, run, "killed")
    assert wait_for(lambda: count(db_url, "articles") >= PAGES // 4, 60)
    first.send_signal(signal.SIGKILL)
    first.wait()
    stored_before = count(db_url, "articles")
    queued = server.llen(key)
    assert 0 < queued < PAGES

    redis_url.stop()  # the queue survives a Redis restart (append-only file)
    redis_url.start()
    assert server.llen(key) == queued

    resumed = finish(
        start_crawl(tmp_path, sources, db_url, redis_url.url, run, "resumed", mode="crawl"),
        tmp_path,
        "resumed",
    )
    assert resumed["scheduler/dequeued/redis"] == queued
    assert resumed.get("scheduler/enqueued/redis", 0) == 0  # nothing seeded again
    lost = PAGES - count(db_url, "articles")
    # Taken from Redis and not stored: downloads, pages waiting for their callback (each
    # counted as 1 KB at least) and the store's open batch.
    in_flight = (
        int(SETTINGS["CONCURRENT_REQUESTS"])
        + int(SETTINGS["SCRAPER_SLOT_MAX_ACTIVE_SIZE"]) // 1024
        + 100  # STORE_BATCH_SIZE
    )
    assert 0 <= lost <= in_flight
    assert count(db_url, "articles") == stored_before + resumed["newsetl/store/articles"]

    # The next crawl is a new run: it fetches the entry points again, and the lost pages.
    following = finish(
        start_crawl(tmp_path, sources, db_url, redis_url.url, uuid.uuid4().hex, "next"),
        tmp_path,
        "next",
    )
    assert following.get("newsetl/store/articles", 0) == lost
    assert count(db_url, "articles") == PAGES
    assert query(db_url, "SELECT max(revision) FROM articles")[0][0] == 1  # stored once
    assert count(db_url, "article_revisions") == PAGES
    assert max(article_fetches(site)) <= 2


class TimedSite(BigSite):
    """The generated site, answering each request after ``latency`` seconds and recording
    when each arrived and how many it was answering at once."""

    def __init__(self, pages: int, latency: float):
        super().__init__(pages)
        self.latency = latency
        self.arrivals: list[float] = []
        self.in_flight = self.most_in_flight = 0
        self.counter = threading.Lock()

    def render(self, path, base):
        with self.counter:
            self.arrivals.append(time.monotonic())
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            time.sleep(self.latency)
            return super().render(path, base)
        finally:
            with self.counter:
                self.in_flight -= 1


def test_three_processes_keep_one_delay_and_concurrency_per_site(tmp_path, db_url, redis_url):
    """A site that allows one request every 0.2 s, two at a time, and takes 0.4 s to answer:
    three processes together keep to that, as one would (each on its own would send up to
    two at a time, 0.2 s apart or less: the test fails without SharedPoliteness)."""
    pages, delay, concurrency = 30, 0.2, 2
    site = TimedSite(pages, latency=0.4)
    server = serve(site)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    sources = sources_file(tmp_path / "sources.yaml", site.base, concurrency=concurrency)
    run = uuid.uuid4().hex
    names = ["a", "b", "c"]
    polite = {"DOWNLOAD_DELAY": delay, "DOWNLOAD_DELAY_JITTER": 0.5}
    try:
        processes = [
            start_crawl(tmp_path, sources, db_url, redis_url.url, run, name, **polite)
            for name in names
        ]
        stats = [finish(p, tmp_path, name) for p, name in zip(processes, names, strict=True)]
    finally:
        server.shutdown()
        server.server_close()

    assert article_fetches(site) == [1] * pages
    assert count(db_url, "articles") == pages
    stored = [s.get("newsetl/store/articles", 0) for s in stats]
    assert all(n > 0 for n in stored), stored  # each process did part of the work
    requests = len(site.arrivals)  # three robots.txt, the sitemaps and the articles
    assert requests == 3 + 2 + pages
    gaps = [b - a for a, b in pairwise(site.arrivals)]
    # Turns are given at least the delay apart, from whichever process; a busy process may
    # send a little after its turn and the next one on time (0.13 s after it, with the
    # whole suite running on 2 cores). Without SharedPoliteness, requests arrive together.
    assert min(gaps) >= 0.5 * delay, sorted(gaps)[:5]
    assert median(gaps) >= 0.95 * delay, sorted(gaps)
    assert site.arrivals[-1] - site.arrivals[0] >= (requests - 1) * delay
    assert site.most_in_flight == concurrency  # never more, and the places were used


READ_429_WITHIN = 0.6  # seconds for a process to read a 429 and pause the site, under load


class RateLimitedSite(TimedSite):
    """A TimedSite that answers its first request for an article with 429 and
    ``Retry-After: PAUSE`` seconds, and records when that answer left."""

    def __init__(self, pages: int, latency: float, pause: int):
        super().__init__(pages, latency)
        self.pause = pause
        self.limited: str | None = None
        self.limited_at: float | None = None

    def render(self, path, base):
        status, content_type, body = super().render(path, base)
        with self.counter:
            if self.limited is None and path.startswith("/news/"):
                self.limited = path
                self.limited_at = time.monotonic()
                return 429, "text/plain", b"slow down"
        return status, content_type, body

    def headers(self, path):
        return {"Retry-After": str(self.pause)} if path == self.limited else {}


def test_retry_after_pauses_the_site_for_every_process(tmp_path, db_url, redis_url):
    """One 429 with ``Retry-After: 2`` to one process: once that process has read it, no
    process sends the site anything more for 2 s (without the shared pause, the others go
    on 0.1 s apart through the whole pause)."""
    pages, pause = 30, 2
    site = RateLimitedSite(pages, latency=0.05, pause=pause)
    server = serve(site)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    sources = sources_file(tmp_path / "sources.yaml", site.base)
    run = uuid.uuid4().hex
    names = ["a", "b", "c"]
    try:
        processes = [
            start_crawl(tmp_path, sources, db_url, redis_url.url, run, name, DOWNLOAD_DELAY=0.1)
            for name in names
        ]
        stats = [finish(p, tmp_path, name) for p, name in zip(processes, names, strict=True)]
    finally:
        server.shutdown()
        server.server_close()

    assert count(db_url, "articles") == pages  # the limited page too, on its retry
    assert sum(s.get("newsetl/politeness/paused", 0) for s in stats) == 1
    after = [t - site.limited_at for t in site.arrivals if t > site.limited_at]
    assert any(t >= 0.95 * pause for t in after), after  # the crawl went on after the pause
    # requests whose turn came before the process read the 429 and set the pause may still
    # arrive (one with an idle CPU, a few under load); after that, none until it ends
    assert not [t for t in after if READ_429_WITHIN <= t < 0.95 * pause], after


def ip(*args: str, netns: str | None = None) -> None:
    cmd = ["ip", *(["-n", netns] if netns else []), *args]
    subprocess.run(cmd, check=True, capture_output=True, text=True)  # noqa: S603


@pytest.fixture
def hosts():
    """Three crawler hosts: network namespaces, each linked to this host by its own veth pair
    (10.N.K.0/30: this host .1, the namespace .2, its default route). Yields the address the
    servers listen on (this host's end of the first link) and the namespaces' names. The
    namespaces and links are removed afterwards, whatever happened."""
    if os.geteuid() != 0:
        pytest.skip("network namespaces need root")
    if shutil.which("ip") is None:
        pytest.skip("no `ip` command: apt-get install iproute2 (`make system-deps` as root)")
    tag, net = os.getpid() % 10_000, f"10.{100 + os.getpid() % 150}"
    namespaces, links = [], []
    try:
        for k in (1, 2, 3):
            netns, link, peer = f"newsetl-{tag}-{k}", f"nse{tag}h{k}", f"nse{tag}n{k}"
            try:
                ip("netns", "add", netns)
            except subprocess.CalledProcessError as exc:
                pytest.skip(f"`ip netns add` is not permitted here: {exc.stderr.strip()}")
            namespaces.append(netns)
            ip("link", "add", link, "type", "veth", "peer", "name", peer, "netns", netns)
            links.append(link)
            ip("addr", "add", f"{net}.{k}.1/30", "dev", link)
            ip("link", "set", link, "up")
            ip("addr", "add", f"{net}.{k}.2/30", "dev", peer, netns=netns)
            ip("link", "set", peer, "up", netns=netns)
            ip("link", "set", "lo", "up", netns=netns)
            ip("route", "add", "default", "via", f"{net}.{k}.1", netns=netns)
        yield f"{net}.1.1", namespaces
    finally:
        for link in links:
            subprocess.run(["ip", "link", "del", link], capture_output=True)  # noqa: S607
        for netns in namespaces:
            subprocess.run(["ip", "netns", "del", netns], capture_output=True)  # noqa: S607


def test_three_hosts_fetch_each_page_once(tmp_path, hosts):
    """The crawl of the first test by three separate hosts: each process in its own network
    namespace, reaching the site, Redis and PostgreSQL over its own link."""
    address, namespaces = hosts
    site = BigSite(PAGES)
    server = serve(site, address)
    site.base = f"http://{address}:{server.server_address[1]}"
    sources = sources_file(tmp_path / "sources.yaml", site.base, allowed_domains=[address])
    run = uuid.uuid4().hex
    names = ["a", "b", "c"]
    processes = []
    try:
        with (
            redis_server("newsetl-hosts-redis-", address) as redis_url,
            throwaway_cluster("newsetl-hosts-pg-", ("127.0.0.1", address)) as cluster,
        ):
            db_url = cluster.url.replace("127.0.0.1", address)
            processes = [
                start_crawl(tmp_path, sources, db_url, redis_url.url, run, name, netns=netns)
                for name, netns in zip(names, namespaces, strict=True)
            ]
            stats = [finish(p, tmp_path, name) for p, name in zip(processes, names, strict=True)]
            check_one_crawl(site, cluster.url, redis_url.url, run, stats)
        # each host over its own link, and nothing from this one
        clients = {address.rsplit(".", 2)[0] + f".{k}.2" for k in (1, 2, 3)}
        assert set(server.clients) == clients, server.clients
    finally:
        for process in processes:
            process.kill()
        server.shutdown()
        server.server_close()
