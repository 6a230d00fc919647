"""What the newsetl DAGs (``dags/``) share: the database connection, the articles Asset and
the report and check files. Running and judging a crawl lives in ``newsetl.crawls``.

At import time it reads environment variables and files in the repository only: no database,
no network. The one source of truth for the database is the Airflow connection ``newsetl_db``
(``AIRFLOW_CONN_NEWSETL_DB``, which ``make airflow`` and docker-compose derive from
``DATABASE_URL``): the SQL operators use it and the crawl subprocesses get their
``DATABASE_URL`` from it.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from urllib.parse import urlsplit

from airflow.sdk import Asset

CONN_ID = "newsetl_db"
CRAWL_POOL = "crawl_pool"
START_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def database_address() -> tuple[str, int, str]:
    """Host, port and database of the ``newsetl_db`` connection, read from the environment
    (``AIRFLOW_CONN_NEWSETL_DB`` as a URI or JSON, else ``DATABASE_URL``)."""
    raw = (
        os.environ.get("AIRFLOW_CONN_NEWSETL_DB") or os.environ.get("DATABASE_URL") or ""
    ).strip()
    if raw.startswith("{"):
        conn = json.loads(raw)
        return (
            conn.get("host") or "localhost",
            int(conn.get("port") or 5432),
            conn.get("schema") or "newsetl",
        )
    parts = urlsplit(raw)
    return parts.hostname or "localhost", parts.port or 5432, parts.path.strip("/") or "newsetl"


def articles_asset() -> Asset:
    """The articles table as an Asset: every crawl task is a producer, the aggregation DAG
    a consumer. A ``postgres://`` URI names host, port, database, schema and table."""
    host, port, database = database_address()
    return Asset(
        name="newsetl_articles", uri=f"postgres://{host}:{port}/{database}/public/articles"
    )


ARTICLES = articles_asset()


def dag_id_for(source_name: str) -> str:
    return "crawl_" + source_name.replace("-", "_")
