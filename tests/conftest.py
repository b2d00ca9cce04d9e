"""Shared fixtures."""
from __future__ import annotations

import os

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
