"""Shared fixtures."""
from __future__ import annotations

import os
import uuid

import pytest


@pytest.fixture(scope="session")
def pg_url() -> str:
    """URL of a throw-away PostgreSQL (scripts/pg_test_server.sh start DIR prints one).

    Skips when ALLIANCES_TEST_PG_URL is unset, unless ALLIANCES_REQUIRE_PG=1 (CI): then fails.
    """
    url = os.environ.get("ALLIANCES_TEST_PG_URL")
    if not url:
        message = "ALLIANCES_TEST_PG_URL is not set (start one with scripts/pg_test_server.sh start DIR)"
        if os.environ.get("ALLIANCES_REQUIRE_PG") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def pg_database(pg_url) -> str:
    """A database of its own on the test server (pg_url), dropped afterwards: its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    server = make_url(pg_url)
    name = f"alliances_{uuid.uuid4().hex[:12]}"
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield server.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
