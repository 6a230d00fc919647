"""``make airflow``: Airflow 3 on this machine with this repo's DAGs, bound to 127.0.0.1.

    python -m newsetl.airflow_local [start] [--port 8080] [--no-demo-site]
    python -m newsetl.airflow_local status | stop
    python -m newsetl.airflow_local demo [--dag crawl_meridian_wire]  # crawl, then reports

``start`` runs the api-server, the scheduler, the dag-processor and the triggerer
(LocalExecutor, parallelism 4) as background processes, plus the demo news site on
127.0.0.1:8765 (the demo sources in sources.yaml point there; if the port is taken, it says
so and goes on without it). State lives in ``.newsetl/airflow`` (AIRFLOW_HOME): process logs
in ``logs/``, Airflow's metadata in the database ``airflow`` of the local PostgreSQL cluster
(``make db-up``), or in SQLite when ``DATABASE_URL`` names another server. The project
database reaches the DAGs as the connection ``newsetl_db`` (``AIRFLOW_CONN_NEWSETL_DB``),
derived from ``DATABASE_URL`` or the local cluster. Login: user ``admin``, with the password
printed at start (kept in ``.newsetl/airflow/simple_auth_manager_passwords.json.generated``).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from newsetl import db
from newsetl.crawls import DEMO_SETTINGS
from newsetl.paths import ROOT

HOME = Path(os.environ.get("NEWSETL_AIRFLOW_HOME") or ROOT / ".newsetl" / "airflow")
LOGS = HOME / "logs"
HOST = "127.0.0.1"
DEMO_PORT = 8765
CRAWL_POOL_SLOTS = 2
COMPONENTS = ("api-server", "scheduler", "dag-processor", "triggerer")
HEALTH = ("metadatabase", "scheduler", "dag_processor", "triggerer")  # /monitor/health parts
PASSWORDS = "simple_auth_manager_passwords.json.generated"


def airflow_conn_uri(database_url: str) -> str:
    """The Airflow connection URI (``postgres://...``) for a SQLAlchemy ``DATABASE_URL``
    (``postgresql+psycopg://...``): the value of ``AIRFLOW_CONN_NEWSETL_DB``."""
    parts = urlsplit(database_url)
    if not parts.scheme.startswith("postgres"):
        raise ValueError(f"not a PostgreSQL URL: {parts.scheme}://...")
    return urlunsplit(("postgres", *parts[1:]))


def project_database() -> tuple[str, bool]:
    """``DATABASE_URL`` (migrated), else the local cluster, started and migrated. Returns the
    URL and whether it is the local cluster."""
    if url := db.database_url():
        db.migrate(url)
        return url, False
    from newsetl.localdb import LocalCluster, default_datadir

    cluster = LocalCluster(default_datadir())
    cluster.start()
    db.migrate(cluster.url)
    return cluster.url, True


def metadata_database(project_url: str, local: bool) -> str:
    """Airflow's metadata database: AIRFLOW__DATABASE__SQL_ALCHEMY_CONN when set; the database
    ``airflow`` next to the project's in the local cluster; else SQLite in AIRFLOW_HOME."""
    if url := os.environ.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"):
        return url
    if not local:
        return f"sqlite:///{HOME / 'airflow.db'}"
    import psycopg
    from sqlalchemy import make_url

    url = make_url(project_url)
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = 'airflow'").fetchone():
            conn.execute("CREATE DATABASE airflow")
    return url.set(database="airflow").render_as_string(hide_password=False)


def _secret(name: str) -> str:
    path = HOME / f".{name}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def admin_password() -> str:
    """The admin's password, generated once (the simple auth manager reads this file)."""
    path = HOME / PASSWORDS
    passwords = json.loads(path.read_text()) if path.exists() else {}
    if "admin" not in passwords:
        passwords["admin"] = secrets.token_urlsafe(12)
        path.write_text(json.dumps(passwords) + "\n")
        path.chmod(0o600)
    return passwords["admin"]


def airflow_env(project_url: str, metadata_url: str, port: int) -> dict[str, str]:
    base = f"http://{HOST}:{port}"
    return os.environ | {
        "AIRFLOW_HOME": str(HOME),
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": "4",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{base}/execution/",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": metadata_url,
        "AIRFLOW__API__HOST": HOST,
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__BASE_URL": base,
        "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__API__SECRET_KEY": _secret("api_secret_key"),
        "AIRFLOW__API_AUTH__JWT_SECRET": _secret("jwt_secret"),
        "AIRFLOW__DAG_PROCESSOR__PARSING_PROCESSES": "1",
        "AIRFLOW_CONN_NEWSETL_DB": airflow_conn_uri(project_url),
        "NEWSETL_DEMO_SITE": os.environ.get("NEWSETL_DEMO_SITE") or f"http://{HOST}:{DEMO_PORT}",
        "PYTHONUNBUFFERED": "1",
    }


def _pidfile(name: str) -> Path:
    return HOME / f"{name}.pid"


def _alive(name: str) -> int | None:
    """The pid of a component this launcher started, if that process still runs."""
    try:
        pid = int(_pidfile(name).read_text())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except (OSError, ValueError):
        return None
    return pid if ("airflow" in cmdline or "newsetl" in cmdline) else None


def _spawn(name: str, args: list[str], env: dict) -> None:
    log = (LOGS / f"{name}.log").open("ab")
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stop ends it and its children
    )
    _pidfile(name).write_text(str(proc.pid))


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex((HOST, port)) != 0


def _get(url: str, token: str | None = None, data: dict | None = None, method: str | None = None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, body, headers, method=method)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our server
        return json.loads(response.read() or b"null")


def _health(base: str) -> dict | None:
    try:
        return _get(f"{base}/api/v2/monitor/health")
    except (OSError, ValueError):
        return None


def token(base: str) -> str:
    login = {"username": "admin", "password": admin_password()}
    return _get(f"{base}/auth/token", data=login)["access_token"]


def start(port: int, demo_site: bool) -> int:
    started = time.monotonic()
    HOME.mkdir(parents=True, exist_ok=True)
    LOGS.mkdir(exist_ok=True)
    base = f"http://{HOST}:{port}"
    if running := [name for name in COMPONENTS if _alive(name)]:
        print(f"Airflow is already running ({', '.join(running)}): {base}")
        return 0
    if not _port_free(port):
        sys.exit(f"Port {port} on {HOST} is taken: stop what uses it or pass --port.")
    project_url, local = project_database()
    metadata_url = metadata_database(project_url, local)
    env = airflow_env(project_url, metadata_url, port)
    password = admin_password()
    print(f"Airflow home {HOME}; metadata in {db.masked(metadata_url)}")
    print(f"Project database {db.masked(project_url)} as the connection newsetl_db")
    for args in (
        ["db", "migrate"],
        ["pools", "set", "crawl_pool", str(CRAWL_POOL_SLOTS), "newsetl crawls at once"],
    ):
        with (LOGS / "setup.log").open("ab") as log:
            result = subprocess.run(  # noqa: S603
                [sys.executable, "-m", "airflow", *args], env=env, stdout=log, stderr=log
            )
        if result.returncode:
            sys.exit(f"airflow {' '.join(args)} failed: see {LOGS / 'setup.log'}")
    _spawn("api-server", ["airflow", "api-server", "--host", HOST, "--port", str(port)], env)
    _spawn("scheduler", ["airflow", "scheduler"], env)
    _spawn("dag-processor", ["airflow", "dag-processor"], env)
    _spawn("triggerer", ["airflow", "triggerer"], env)
    if demo_site and not _port_free(DEMO_PORT):
        print(
            f"Port {DEMO_PORT} on {HOST} is taken: the demo news site is not started, so the "
            "demo sources' crawls will fetch from whatever listens there (stop it, or run "
            "`python -m newsetl.demosite --port N` and set NEWSETL_DEMO_SITE)"
        )
    elif demo_site:
        _spawn("demosite", ["newsetl.demosite", "--port", str(DEMO_PORT), "--quiet"], env)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        health = _health(base) or {}
        if all((health.get(part) or {}).get("status") == "healthy" for part in HEALTH):
            break
        if dead := [name for name in COMPONENTS if not _alive(name)]:
            stop()
            sys.exit(f"{', '.join(dead)} exited: see {LOGS}/<component>.log")
        time.sleep(1)
    else:
        sys.exit(f"Airflow did not become healthy in 180 s: see the logs in {LOGS}")
    dags = wait_for_dags(base)
    print()
    print(f"Airflow is up in {time.monotonic() - started:.0f} s: {base}/")
    print(f"  log in as admin / {password}")
    print(f"  {dags} DAGs parsed; logs in {LOGS}; stop with `make airflow-stop`")
    if _alive("demosite"):
        print(f"  demo news site on http://{HOST}:{DEMO_PORT}/")
    print("  try it: `python -m newsetl.airflow_local demo` (docs/AIRFLOW.md)")
    return 0


def wait_for_dags(base: str, timeout: float = 120) -> int:
    """Wait until the dag-processor has stored every DAG file's DAGs; returns their count."""
    expected = _expected_dags()
    deadline = time.monotonic() + timeout
    count = 0
    while time.monotonic() < deadline:
        try:
            count = _get(f"{base}/api/v2/dags?limit=1", token(base))["total_entries"]
        except (OSError, ValueError, KeyError):
            count = 0
        if count >= expected:
            break
        time.sleep(2)
    return count


def _expected_dags() -> int:
    from newsetl.config import load_sources

    return len(load_sources()) + 1


def stop() -> int:
    for name in (*reversed(COMPONENTS), "demosite"):
        pid = _alive(name)
        if pid:
            try:
                os.killpg(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            for _ in range(200):
                if not Path(f"/proc/{pid}").exists() or _zombie(pid):
                    break
                time.sleep(0.1)
            else:
                os.killpg(pid, signal.SIGKILL)
            print(f"stopped {name} (pid {pid})")
        _pidfile(name).unlink(missing_ok=True)
    return 0


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return True


def _group_memory_mb(pgid: int) -> float:
    """Proportional set size (shared pages split between their users) of a process group."""
    total = 0
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            fields = (proc / "stat").read_text().rsplit(") ", 1)[1].split()
            if int(fields[2]) != pgid:  # field 5 of /proc/PID/stat: the process group
                continue
            rollup = (proc / "smaps_rollup").read_text()
        except (OSError, IndexError, ValueError):
            continue
        pss = [line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:")]
        total += sum(map(int, pss))
    return total / 1024


def status(port: int) -> int:
    base = f"http://{HOST}:{port}"
    total = 0.0
    for name in (*COMPONENTS, "demosite"):
        pid = _alive(name)
        memory = _group_memory_mb(pid) if pid else 0.0
        total += memory
        print(f"{name:14} {'pid ' + str(pid) if pid else 'not running':16} {memory:6.0f} MB")
    print(f"{'total (PSS)':31} {total:6.0f} MB")
    print("health:", json.dumps(_health(base)))
    return 0


def _wait_run(base: str, dag_id: str, run_id: str, timeout: float = 300) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        run = _get(f"{base}/api/v2/dags/{dag_id}/dagRuns/{run_id}", token(base))
        if run["state"] in ("success", "failed") or time.monotonic() > deadline:
            return run
        time.sleep(2)


def _runs(base: str, dag_id: str) -> dict[str, dict]:
    url = f"{base}/api/v2/dags/{dag_id}/dagRuns?limit=100&order_by=-run_after"
    return {r["dag_run_id"]: r for r in _get(url, token(base))["dag_runs"]}


def demo(port: int, dag_id: str = "crawl_meridian_wire") -> int:
    """Unpause the aggregation and a demo crawl, trigger the crawl (without politeness delay:
    the demo site is local), wait for it, then for the aggregation run its Asset event starts.

    Unpausing a DAG also starts its latest scheduled run (catchup=False): those run too."""
    base = f"http://{HOST}:{port}"
    if not _health(base):
        sys.exit(f"Airflow is not running on {base}: make airflow")
    started = time.monotonic()
    before = set(_runs(base, "aggregate_reports"))
    for dag in ("aggregate_reports", dag_id):
        _get(f"{base}/api/v2/dags/{dag}", token(base), {"is_paused": False}, method="PATCH")
    conf = {"scrapy_settings": DEMO_SETTINGS}
    run = _get(
        f"{base}/api/v2/dags/{dag_id}/dagRuns", token(base), {"logical_date": None, "conf": conf}
    )
    print(f"triggered {dag_id}: run {run['dag_run_id']}")
    run = _wait_run(base, dag_id, run["dag_run_id"])
    print(f"  {run['state']} after {time.monotonic() - started:.0f} s")
    if run["state"] != "success":
        print(f"  see {base}/dags/{dag_id}/runs/{run['dag_run_id']}")
        return 1
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        new = {k: r for k, r in _runs(base, "aggregate_reports").items() if k not in before}
        triggered = [r for r in new.values() if r["run_type"] == "asset_triggered"]
        if triggered and all(r["state"] in ("success", "failed") for r in new.values()):
            break
        time.sleep(2)
    else:
        print("  the aggregation did not finish in 300 s: see the UI")
        return 1
    for r in sorted(new.values(), key=lambda r: r["run_after"]):
        print(f"aggregate_reports {r['run_type']} run {r['dag_run_id']}: {r['state']}")
    print(f"done in {time.monotonic() - started:.0f} s; see {base}/dags/aggregate_reports")
    return 0 if all(r["state"] == "success" for r in new.values()) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsetl.airflow_local",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "action", nargs="?", default="start", choices=["start", "stop", "status", "demo"]
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("AIRFLOW_PORT", 8080)))
    parser.add_argument(
        "--dag", default="crawl_meridian_wire", help="demo: the crawl DAG to trigger"
    )
    parser.add_argument(
        "--no-demo-site",
        dest="demo_site",
        action="store_false",
        help="do not serve the demo news site on 127.0.0.1:8765",
    )
    args = parser.parse_args(argv)
    if args.action == "start":
        return start(args.port, args.demo_site)
    if args.action == "stop":
        return stop()
    if args.action == "status":
        return status(args.port)
    return demo(args.port, args.dag)


if __name__ == "__main__":
    sys.exit(main())
