"""`make airflow` on this machine: every component the UI's health panel shows comes up
(api-server, scheduler, dag-processor, triggerer), and a taken demo-site port is said, not
silently skipped. Real processes on 127.0.0.1, metadata in a scratch PostgreSQL database.
Airflow's metadata database is created beside the project's, once."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request

import psycopg
import pytest
from helpers import ROOT, query, scratch_database
from psycopg import sql
from sqlalchemy import make_url

from newsetl.airflow_local.database import create_database, metadata_database
from newsetl.localdb import free_port

pytestmark = pytest.mark.slow


@pytest.fixture
def metadata_url(pg_url):
    with scratch_database(pg_url, "airflow_local_test") as url:
        yield url


@pytest.fixture
def demo_port_taken():
    """Holds 127.0.0.1:8765 (the demo site's port) if nothing else does already."""
    with socket.socket() as held:
        held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            held.bind(("127.0.0.1", 8765))
            held.listen()
        except OSError:
            pass  # taken by something else: just as good
        yield


def test_make_airflow_starts_every_component_and_says_when_the_demo_port_is_taken(
    pg_url, metadata_url, demo_port_taken, tmp_path
):
    port = free_port()
    env = os.environ | {
        "NEWSETL_AIRFLOW_HOME": str(tmp_path / "airflow"),
        "DATABASE_URL": pg_url,
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": metadata_url,
    }
    launcher = [sys.executable, "-m", "newsetl.airflow_local"]
    try:
        started = subprocess.run(
            [*launcher, "start", "--port", str(port)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=280,
        )  # fmt: skip
        assert started.returncode == 0, started.stdout + started.stderr
        assert "Port 8765 on 127.0.0.1 is taken: the demo news site is not started" in (
            started.stdout
        )
        health_url = f"http://127.0.0.1:{port}/api/v2/monitor/health"
        with urllib.request.urlopen(health_url, timeout=10) as response:  # noqa: S310
            health = json.load(response)
        for part in ("metadatabase", "scheduler", "dag_processor", "triggerer"):
            assert health[part]["status"] == "healthy", health
    finally:
        subprocess.run([*launcher, "stop"], cwd=ROOT, env=env, capture_output=True, timeout=120)


def test_the_metadata_database_is_created_beside_the_projects_once(pg_url, monkeypatch):
    monkeypatch.delenv("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", raising=False)
    odd = 'odd "name"; --'  # an identifier, quoted: never formatted into the statement
    server = make_url(pg_url).set(drivername="postgresql").render_as_string(False)
    try:
        url = metadata_database(pg_url, local=True)
        assert make_url(url).database == "airflow"
        assert metadata_database(pg_url, local=True) == url  # a second start finds it
        assert query(url, "SELECT current_database()") == [("airflow",)]
        create_database(server, odd)
        names = "SELECT datname FROM pg_database WHERE datname = ANY(:names) ORDER BY 1"
        assert query(pg_url, names, names=["airflow", odd]) == [("airflow",), (odd,)]
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            for name in ("airflow", odd):
                conn.execute(drop.format(sql.Identifier(name)))
