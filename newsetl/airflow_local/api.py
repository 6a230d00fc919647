"""A small client of the local api-server's REST API (``/api/v2``), as user ``admin``."""

from __future__ import annotations

import json
import time
import urllib.request

from newsetl.airflow_local.environment import admin_password


def call(url: str, token: str | None = None, data: dict | None = None, method: str | None = None):
    """The decoded JSON answer to a request (a POST when ``data`` is given)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, body, headers, method=method)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our server
        return json.loads(response.read() or b"null")


def health(base: str) -> dict | None:
    """``/monitor/health``, or None when the api-server does not answer."""
    try:
        return call(f"{base}/api/v2/monitor/health")
    except (OSError, ValueError):
        return None


def token(base: str) -> str:
    login = {"username": "admin", "password": admin_password()}
    return call(f"{base}/auth/token", data=login)["access_token"]


def wait_for_dags(base: str, expected: int, timeout: float = 120) -> int:
    """Wait until the dag-processor has stored ``expected`` DAGs; returns their count."""
    deadline = time.monotonic() + timeout
    count = 0
    while time.monotonic() < deadline:
        try:
            count = call(f"{base}/api/v2/dags?limit=1", token(base))["total_entries"]
        except (OSError, ValueError, KeyError):
            count = 0
        if count >= expected:
            break
        time.sleep(2)
    return count


def unpause(base: str, dag_id: str) -> None:
    call(f"{base}/api/v2/dags/{dag_id}", token(base), {"is_paused": False}, method="PATCH")


def trigger(base: str, dag_id: str, conf: dict) -> dict:
    """A new manual run of ``dag_id`` with ``conf``."""
    run = {"logical_date": None, "conf": conf}
    return call(f"{base}/api/v2/dags/{dag_id}/dagRuns", token(base), run)


def wait_run(base: str, dag_id: str, run_id: str, timeout: float = 300) -> dict:
    """The run once it succeeded or failed, or as it is after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        run = call(f"{base}/api/v2/dags/{dag_id}/dagRuns/{run_id}", token(base))
        if run["state"] in ("success", "failed") or time.monotonic() > deadline:
            return run
        time.sleep(2)


def runs(base: str, dag_id: str) -> dict[str, dict]:
    """The latest 100 runs of ``dag_id``, by run id."""
    url = f"{base}/api/v2/dags/{dag_id}/dagRuns?limit=100&order_by=-run_after"
    return {r["dag_run_id"]: r for r in call(url, token(base))["dag_runs"]}
