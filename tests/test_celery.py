"""Airflow on the CeleryExecutor, as docker-compose.yml runs it, without Docker: a Redis
broker, the metadata and Celery results in PostgreSQL, the api-server, scheduler and
dag-processor, and two ``airflow celery worker`` processes standing for two hosts. A
distributed crawl (seed, then two mapped crawl tasks sharing the Redis frontier) runs with
its tasks on both workers and stores every article once.

About a gigabyte and a minute and a half on two cores; ``NEWSETL_SKIP_CELERY_TEST=1`` skips
it on a smaller machine."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from bigsite import BigSite, serve, sources_file
from helpers import FAST, ROOT, count, redis_server, scratch_database, wait_for

from newsetl.airflow_local.api import token
from newsetl.airflow_local.environment import admin_password, airflow_env
from newsetl.localdb import free_port

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(os.environ.get("NEWSETL_SKIP_CELERY_TEST")),
        reason="NEWSETL_SKIP_CELERY_TEST is set (two Celery workers and an Airflow stack)",
    ),
]
WORKERS = ("worker-a", "worker-b")
PAGES = 200


@pytest.fixture
def metadata_url(pg_url):
    with scratch_database(pg_url, "airflow_celery_test") as url:
        yield url


def _api(base: str, path: str, data: dict | None = None, method: str | None = None):
    request = urllib.request.Request(  # noqa: S310 - our own local api-server
        base + path,
        data=json.dumps(data).encode() if data is not None else None,
        method=method,
        headers={"Authorization": f"Bearer {token(base)}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.load(response)


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def _group(pid: int) -> list[int]:
    pids = []
    for stat in os.listdir("/proc"):
        if stat.isdigit():
            try:
                if os.getpgid(int(stat)) == pid:
                    pids.append(int(stat))
            except ProcessLookupError:
                pass
    return pids


def test_a_distributed_crawl_runs_on_two_celery_workers(
    db_url, metadata_url, tmp_path, monkeypatch
):
    site = BigSite(PAGES)
    http = serve(site)
    base_site = f"http://127.0.0.1:{http.server_address[1]}"
    # inactive: no schedule, only the run this test triggers
    sources = sources_file(tmp_path / "sources.yaml", base_site, workers=2, active=False)
    # Each worker names its "host" from the environment, as two machines would differ.
    (tmp_path / "worker_host.py").write_text(
        "import os\n\n\ndef name():\n    return os.environ.get('WORKER_HOST', 'main')\n"
    )
    monkeypatch.setenv("NEWSETL_AIRFLOW_HOME", str(tmp_path / "airflow"))  # secrets, password
    (tmp_path / "airflow").mkdir()
    admin_password()  # written before the api-server reads it
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    processes: list[subprocess.Popen] = []
    started = time.monotonic()
    with redis_server("newsetl-test-celery-redis-") as redis:
        env = airflow_env(db_url, metadata_url, port) | {
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__CELERY__BROKER_URL": redis.url.rsplit("/", 1)[0] + "/0",
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + metadata_url,
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
            "AIRFLOW__CORE__HOSTNAME_CALLABLE": "worker_host.name",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "False",
            "REDIS_URL": redis.url.rsplit("/", 1)[0] + "/1",
            "NEWSETL_SOURCES": str(sources),
            "NEWSETL_SPOOL_DIR": str(tmp_path / "spool"),
            "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        }
        log = (tmp_path / "airflow.log").open("ab")
        for args in (["db", "migrate"], ["pools", "set", "crawl_pool", "2", "crawls"]):
            subprocess.run(  # noqa: S603
                [sys.executable, "-m", "airflow", *args], env=env, stdout=log, stderr=log,
                check=True, cwd=ROOT,
            )  # fmt: skip

        def spawn(*args: str, **extra: str) -> None:
            processes.append(
                subprocess.Popen(  # noqa: S603
                    [sys.executable, "-m", "airflow", *args],
                    env=env | extra,
                    cwd=ROOT,
                    stdout=log,
                    stderr=log,
                    start_new_session=True,
                )  # fmt: skip
            )

        try:
            spawn("api-server", "--host", "127.0.0.1", "--port", str(port))
            spawn("scheduler")
            spawn("dag-processor")
            for name in WORKERS:
                spawn(
                    "celery", "worker", "--celery-hostname", f"{name}@%h",
                    WORKER_HOST=name,
                    AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT=str(free_port()),
                )  # fmt: skip

            def parsed() -> bool:
                try:
                    return bool(_api(base, "/api/v2/dags/crawl_bigsite"))
                except OSError:
                    return False

            assert wait_for(parsed, 180), (tmp_path / "airflow.log").read_text()[-3000:]
            _api(base, "/api/v2/dags/crawl_bigsite", {"is_paused": False}, method="PATCH")
            conf = {"scrapy_settings": FAST | {"FRONTIER_IDLE_SECONDS": "5"}, "workers": 2}
            run = _api(
                base, "/api/v2/dags/crawl_bigsite/dagRuns", {"logical_date": None, "conf": conf}
            )
            path = f"/api/v2/dags/crawl_bigsite/dagRuns/{run['dag_run_id']}"
            memory = 0.0

            def finished() -> bool:
                nonlocal memory
                memory = max(memory, _rss_mb([p for x in processes for p in _group(x.pid)]))
                return _api(base, path)["state"] in ("success", "failed")

            assert wait_for(finished, 300)
            state = _api(base, path)["state"]
            tis = _api(base, path + "/taskInstances")["task_instances"]
        finally:
            for process in processes:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            for process in processes:
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
            http.shutdown()
    print(f"Celery test: {time.monotonic() - started:.0f} s, peak RSS {memory:.0f} MB")
    hosts = {(t["task_id"], t["map_index"]): (t["state"], t["hostname"]) for t in tis}
    assert state == "success", hosts
    crawls = [hosts[("crawl_sitemaps", i)] for i in (0, 1)]
    assert [s for s, _ in crawls] == ["success", "success"]
    assert {h for _, h in crawls} == set(WORKERS), hosts  # one mapped task on each worker
    assert count(db_url, "articles") == PAGES
    assert count(db_url, "article_revisions") == PAGES
    assert [site.fetches[p] for p in site.article_paths()] == [1] * PAGES
