"""Local services listen on 127.0.0.1 only; credentials stay out of what is printed."""

import pytest
from sqlalchemy import create_engine, text

from demosite import serve
from newsetl import db
from newsetl.airflow_local.environment import airflow_env


def test_local_postgres_listens_on_loopback_only(pg_url):
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        assert conn.execute(text("SHOW listen_addresses")).scalar_one() == "127.0.0.1"
    engine.dispose()


def test_demo_site_binds_loopback_by_default():
    server = serve(port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.shutdown()
        server.server_close()


def test_airflow_api_server_binds_loopback():
    env = airflow_env("postgresql+psycopg://u:pw@127.0.0.1:5432/newsetl", "sqlite:///x", 8080)
    assert env["AIRFLOW__API__HOST"] == "127.0.0.1"
    assert env["AIRFLOW__API__BASE_URL"] == "http://127.0.0.1:8080"


def test_masked_database_url_hides_the_password():
    url = "postgresql+psycopg://newsetl:p%40ss-w0rd@db.example:5432/newsetl"
    assert db.masked(url) == "postgresql+psycopg://newsetl:***@db.example:5432/newsetl"
    assert "w0rd" not in db.masked("not a url p@ss-w0rd")


def test_an_unescaped_at_sign_in_the_password_is_a_configuration_error(crawl):
    url = "postgresql+psycopg://newsetl:p@ss-w0rd@127.0.0.1:1/newsetl"
    assert db.masked(url) == "postgresql+psycopg://***@127.0.0.1:1/newsetl"
    with pytest.raises(db.DatabaseURLError, match="percent-encoded, as %40"):
        db.database_url(url)
    result = crawl("feeds", "-a", "source=meridian-wire", database=url)
    assert result.returncode != 0
    output = result.log + result.stderr
    assert "percent-encoded" in output and "ss-w0rd" not in output
    assert "items spooled" not in output  # not taken for a database that is down
