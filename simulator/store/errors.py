"""The store's one error, importable without loading a database library."""

from __future__ import annotations

from simulator.errors import UserError


class StoreUnavailable(UserError):
    """The results database cannot be reached or used; the message masks passwords."""


class RowRejected(StoreUnavailable):
    """The database refused one row's values (not the connection): other rows may go on."""
