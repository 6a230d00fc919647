"""Start, stop and inspect the local Airflow: the api-server, the scheduler, the
dag-processor and the triggerer, plus the demo news site."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from newsetl import db
from newsetl.airflow_local import api, processes
from newsetl.airflow_local.database import metadata_database, project_database
from newsetl.airflow_local.environment import (
    DEMO_PORT,
    HOST,
    admin_password,
    airflow_env,
    home,
    logs,
)

CRAWL_POOL_SLOTS = 2
COMPONENTS = ("api-server", "scheduler", "dag-processor", "triggerer")
HEALTH = ("metadatabase", "scheduler", "dag_processor", "triggerer")  # /monitor/health parts


def start(port: int, demo_site: bool) -> int:
    started = time.monotonic()
    logs().mkdir(parents=True, exist_ok=True)
    base = f"http://{HOST}:{port}"
    if running := [name for name in COMPONENTS if processes.alive(name)]:
        print(f"Airflow is already running ({', '.join(running)}): {base}")
        return 0
    if not processes.port_free(port):
        sys.exit(f"Port {port} on {HOST} is taken: stop what uses it or pass --port.")
    project_url, local = project_database()
    metadata_url = metadata_database(project_url, local)
    env = airflow_env(project_url, metadata_url, port)
    password = admin_password()
    print(f"Airflow home {home()}; metadata in {db.masked(metadata_url)}")
    print(f"Project database {db.masked(project_url)} as the connection newsetl_db")
    for args in (
        ["db", "migrate"],
        ["pools", "set", "crawl_pool", str(CRAWL_POOL_SLOTS), "newsetl crawls at once"],
    ):
        with (logs() / "setup.log").open("ab") as log:
            result = subprocess.run(  # noqa: S603
                [sys.executable, "-m", "airflow", *args], env=env, stdout=log, stderr=log
            )
        if result.returncode:
            sys.exit(f"airflow {' '.join(args)} failed: see {logs() / 'setup.log'}")
    commands = {name: ["airflow", name] for name in COMPONENTS}
    commands["api-server"] += ["--host", HOST, "--port", str(port)]
    for name, args in commands.items():
        processes.spawn(name, args, env)
    if demo_site and not processes.port_free(DEMO_PORT):
        print(
            f"Port {DEMO_PORT} on {HOST} is taken: the demo news site is not started, so the "
            "demo sources' crawls will fetch from whatever listens there (stop it, or run "
            "`python -m demosite --port N` and set NEWSETL_DEMO_SITE)"
        )
    elif demo_site:
        processes.spawn("demosite", ["demosite", "--port", str(DEMO_PORT), "--quiet"], env)
    deadline, restarted = time.monotonic() + 180, set()
    while time.monotonic() < deadline:
        health = api.health(base) or {}
        if all((health.get(part) or {}).get("status") == "healthy" for part in HEALTH):
            break
        dead = [name for name in COMPONENTS if not processes.alive(name)]
        if again := [name for name in dead if name not in restarted]:
            # a component's first connection to the metadata database is sometimes refused
            # while the others start (seen for the triggerer here): one more try
            for name in again:
                print(f"{name} exited while starting: starting it again (see its log)")
                processes.spawn(name, commands[name], env)
            restarted.update(again)
        elif dead:
            stop()
            sys.exit(f"{', '.join(dead)} exited: see {logs()}/<component>.log")
        time.sleep(1)
    else:
        sys.exit(f"Airflow did not become healthy in 180 s: see the logs in {logs()}")
    dags = api.wait_for_dags(base, expected_dags())
    print()
    print(f"Airflow is up in {time.monotonic() - started:.0f} s: {base}/")
    print(f"  log in as admin / {password}")
    print(f"  {dags} DAGs parsed; logs in {logs()}; stop with `make airflow-stop`")
    if processes.alive("demosite"):
        print(f"  demo news site on http://{HOST}:{DEMO_PORT}/")
    print("  try it: `python -m newsetl.airflow_local demo` (docs/AIRFLOW.md)")
    return 0


def expected_dags() -> int:
    """One crawl DAG per source, and the aggregation."""
    from newsetl.config import load_sources

    return len(load_sources()) + 1


def stop() -> int:
    for name in (*reversed(COMPONENTS), "demosite"):
        if pid := processes.stop(name):
            print(f"stopped {name} (pid {pid})")
    return 0


def status(port: int) -> int:
    base = f"http://{HOST}:{port}"
    total = 0.0
    for name in (*COMPONENTS, "demosite"):
        pid = processes.alive(name)
        memory = processes.group_memory_mb(pid) if pid else 0.0
        total += memory
        print(f"{name:14} {'pid ' + str(pid) if pid else 'not running':16} {memory:6.0f} MB")
    print(f"{'total (PSS)':31} {total:6.0f} MB")
    print("health:", json.dumps(api.health(base)))
    return 0
