"""Coaching reads the results database: the store tests' backends (SQLite and a real
PostgreSQL server) are used here too."""

from __future__ import annotations

from tests.store.conftest import db_url, postgres_server, store

__all__ = ["db_url", "postgres_server", "store"]
