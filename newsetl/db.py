"""Database access shared by the pipelines, the spiders, the CLI and the DAGs.

SQL lives in ``sql/``: queries in ``sql/queries``, reports in ``sql/reports``, the schema
in Alembic migrations under ``sql/migrations``. Values are always bound, never formatted in.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from newsetl.paths import ROOT

SQL_DIR = ROOT / "sql"


# A database that does not answer must not hang a crawl: connecting gives up after
# CONNECT_TIMEOUT seconds, and the server cancels a statement (or a lock wait) that takes
# longer than these. A frozen server answers nothing at all: callers also bound each
# operation on the client side (see newsetl/spool.py).
CONNECT_TIMEOUT = 5
SERVER_TIMEOUTS = "-c statement_timeout=60000 -c lock_timeout=20000"


class DatabaseURLError(ValueError):
    """DATABASE_URL cannot be right; the message says why, with the password masked."""


def database_url(url: str | None = None) -> str | None:
    """The configured SQLAlchemy URL: the argument, else ``DATABASE_URL``; None if unset.
    Raises :class:`DatabaseURLError` for a URL that would silently point elsewhere."""
    url = url or os.environ.get("DATABASE_URL") or None
    if url and _userinfo(url).count("@"):
        raise DatabaseURLError(
            f"DATABASE_URL {masked(url)}: the user or password holds an '@'; "
            "write it percent-encoded, as %40"
        )
    return url


def _userinfo(url: str) -> str:
    """What stands between ``://`` and the last ``@`` before the path or query."""
    rest = url.partition("://")[2].partition("?")[0]
    return rest[: rest.rfind("@")] if "@" in rest else ""


def masked(url: str) -> str:
    """The URL with its password replaced by ``***``, for logs and stats. Where the
    user and password cannot be told apart, everything before the host is masked."""
    if "://" not in url:
        return "<unparsable database URL>"
    userinfo = _userinfo(url)
    if not userinfo:
        return url
    scheme, _, rest = url.partition("://")
    user, colon, _ = userinfo.partition(":")
    if "@" in userinfo:
        shown = "***"
    else:
        shown = f"{user}:***" if colon else user
    return f"{scheme}://{shown}{rest[len(userinfo) :]}"


_SECRET = re.compile(r"(://[^:/@\s]*:)[^\s]*@")


def mask_secrets(text: str) -> str:
    """Any text (an error message) with the password of every URL in it masked."""
    return _SECRET.sub(r"\1***@", text)


def _connect_args() -> dict:
    return {"connect_timeout": CONNECT_TIMEOUT, "options": SERVER_TIMEOUTS}


def engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True, connect_args=_connect_args())


def async_engine(url: str, **kwargs) -> AsyncEngine:
    """An async engine with the timeouts; a small pool unless ``poolclass`` says otherwise."""
    if "poolclass" not in kwargs:
        kwargs |= {"pool_size": 2, "max_overflow": 2}
    return create_async_engine(url, pool_pre_ping=True, connect_args=_connect_args(), **kwargs)


@cache
def query(name: str) -> str:
    """The text of ``sql/queries/<name>.sql``."""
    return (SQL_DIR / "queries" / f"{name}.sql").read_text(encoding="utf-8")


@contextmanager
def transaction(url: str) -> Iterator[Connection]:
    """One transaction on a short-lived engine (for a command or a task, not a crawl)."""
    engine_ = engine(url)
    try:
        with engine_.begin() as conn:
            yield conn
    finally:
        engine_.dispose()


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
