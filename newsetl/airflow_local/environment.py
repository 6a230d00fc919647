"""Where the local Airflow keeps its state, and the environment its components run in."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from newsetl.paths import ROOT

HOST = "127.0.0.1"
DEMO_PORT = 8765
PASSWORDS = "simple_auth_manager_passwords.json.generated"


def home() -> Path:
    """AIRFLOW_HOME: ``NEWSETL_AIRFLOW_HOME``, else ``.newsetl/airflow`` in the repository."""
    return Path(os.environ.get("NEWSETL_AIRFLOW_HOME") or ROOT / ".newsetl" / "airflow")


def logs() -> Path:
    """The components' logs (and the set-up commands')."""
    return home() / "logs"


def airflow_conn_uri(database_url: str) -> str:
    """The Airflow connection URI (``postgres://...``) for a SQLAlchemy ``DATABASE_URL``
    (``postgresql+psycopg://...``): the value of ``AIRFLOW_CONN_NEWSETL_DB``."""
    parts = urlsplit(database_url)
    if not parts.scheme.startswith("postgres"):
        raise ValueError(f"not a PostgreSQL URL: {parts.scheme}://...")
    return urlunsplit(("postgres", *parts[1:]))


def _secret(name: str) -> str:
    path = home() / f".{name}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def admin_password() -> str:
    """The admin's password, generated once (the simple auth manager reads this file)."""
    path = home() / PASSWORDS
    passwords = json.loads(path.read_text()) if path.exists() else {}
    if "admin" not in passwords:
        passwords["admin"] = secrets.token_urlsafe(12)
        path.write_text(json.dumps(passwords) + "\n")
        path.chmod(0o600)
    return passwords["admin"]


def airflow_env(project_url: str, metadata_url: str, port: int) -> dict[str, str]:
    base = f"http://{HOST}:{port}"
    return os.environ | {
        "AIRFLOW_HOME": str(home()),
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
