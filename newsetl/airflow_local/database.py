"""The two databases of the local Airflow: the project's (the DAGs' ``newsetl_db``) and
Airflow's metadata."""

from __future__ import annotations

import os

import psycopg
from psycopg import sql
from sqlalchemy import make_url

from newsetl import db
from newsetl.airflow_local.environment import home


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
        return f"sqlite:///{home() / 'airflow.db'}"
    url = make_url(project_url)
    create_database(url.set(drivername="postgresql").render_as_string(hide_password=False))
    return url.set(database="airflow").render_as_string(hide_password=False)


def create_database(conninfo: str, name: str = "airflow") -> None:
    """Create the database ``name`` on the server ``conninfo`` connects to, unless it exists."""
    statement = sql.SQL(db.query("create_database")).format(name=sql.Identifier(name))
    with psycopg.connect(conninfo, autocommit=True) as conn:  # not in a transaction
        try:
            conn.execute(statement)
        except psycopg.errors.DuplicateDatabase:
            pass  # made by an earlier start
