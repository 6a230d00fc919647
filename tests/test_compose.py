"""docker-compose.yml and the Dockerfile. No Docker engine runs here: the Compose file is
validated against the Compose specification's JSON schema (check-jsonschema, offline)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from newsetl.paths import ROOT

COMPOSE = ROOT / "docker-compose.yml"
AIRFLOW_SERVICES = (
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
)


def check_jsonschema(path: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("check-jsonschema is not installed (pip install -e '.[dev]')")
    return subprocess.run(
        [exe, "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_compose_file_follows_the_compose_specification():
    result = check_jsonschema(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_rejects_a_broken_file(tmp_path):
    broken = tmp_path / "docker-compose.yml"
    broken.write_text("services:\n  db:\n    image: postgres:15\n    ports: 5432\n")
    result = check_jsonschema(broken)
    assert result.returncode != 0 and "ports" in result.stdout + result.stderr


def test_services_and_their_wiring(compose):
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "init", *AIRFLOW_SERVICES}
    assert services["postgres"]["image"] == "postgres:15"
    assert "healthcheck" in services["postgres"]
    for name in ("init", *AIRFLOW_SERVICES):
        service = services[name]
        assert service["build"] == "." and service["image"] == "newsetl:latest"
        env = service["environment"]
        assert env["AIRFLOW_CONN_NEWSETL_DB"].startswith("postgres://newsetl:")
        assert env["AIRFLOW_CONN_NEWSETL_DB"].endswith("@postgres:5432/newsetl")
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
        assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://redis:6379/")
        assert env["AIRFLOW__CELERY__RESULT_BACKEND"].startswith("db+postgresql://newsetl:")
        assert env["REDIS_URL"].startswith("redis://redis:6379/")
        assert env["REDIS_URL"] != env["AIRFLOW__CELERY__BROKER_URL"]  # its own database
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in AIRFLOW_SERVICES:
        assert services[name]["depends_on"]["init"] == {
            "condition": "service_completed_successfully"
        }
    for name in AIRFLOW_SERVICES:
        assert services[name]["depends_on"]["redis"] == {"condition": "service_healthy"}
    assert "--appendonly" in services["redis"]["command"] and "healthcheck" in services["redis"]
    assert "airflow celery worker" in " ".join(services["airflow-worker"]["command"])
    init = " ".join(services["init"]["command"])
    assert "newsetl db migrate" in init and "airflow db migrate" in init
    assert "airflow pools set crawl_pool" in init


def test_published_ports_are_bound_to_localhost(compose):
    published = [p for s in compose["services"].values() for p in s.get("ports", [])]
    assert published and all(str(p).startswith("127.0.0.1:") for p in published)


def test_dockerfile_installs_the_project_with_airflow():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "pip install '.[airflow]'" in dockerfile and "pip install --no-deps -e ." in dockerfile
    assert "\nUSER newsetl\n" in dockerfile


def test_workers_scale_and_share_one_spool(compose):
    worker = compose["services"]["airflow-worker"]
    # `--scale airflow-worker=N` needs a worker without a fixed name or published port.
    assert "container_name" not in worker and "ports" not in worker
    spool = worker["environment"]["NEWSETL_SPOOL_DIR"]
    mounted = {v.split(":")[1]: v.split(":")[0] for v in worker["volumes"]}
    assert mounted[spool] in compose["volumes"]  # a named volume, the same for every worker
