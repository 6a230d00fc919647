"""Database access shared by the pipelines, the spiders, the CLI and the DAGs.

SQL lives in ``sql/``: queries in ``sql/queries``, reports in ``sql/reports``, the schema
in Alembic migrations under ``sql/migrations``. Values are always bound, never formatted in.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = ROOT / "sql"


def database_url(url: str | None = None) -> str | None:
    """The configured SQLAlchemy URL: the argument, else ``DATABASE_URL``; None if unset."""
    return url or os.environ.get("DATABASE_URL") or None


def masked(url: str) -> str:
    """The URL with its password replaced by ``***``, for logs and stats."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is never logged as is
        return "<unparsable database URL>"


def engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True)


def async_engine(url: str) -> AsyncEngine:
    return create_async_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=2)


@cache
def query(name: str) -> str:
    """The text of ``sql/queries/<name>.sql``."""
    return (SQL_DIR / "queries" / f"{name}.sql").read_text(encoding="utf-8")


def fetch_one(url: str, name: str, **params):
    """The first row of ``sql/queries/<name>.sql`` with ``params`` bound, or None."""
    engine_ = engine(url)
    try:
        with engine_.connect() as conn:
            return conn.execute(text(query(name)), params).first()
    finally:
        engine_.dispose()


def alembic_config(url: str) -> Config:
    config = Config(toml_file=str(ROOT / "pyproject.toml"))
    config.set_main_option("script_location", str(SQL_DIR / "migrations"))
    config.cmd_opts = None
    config.attributes["url"] = url
    return config


def migrate(url: str, revision: str = "head") -> None:
    """Upgrade the schema to ``revision`` (Alembic)."""
    with engine(url).begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(url: str, revision: str = "base") -> None:
    with engine(url).begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
