"""Widgets the screens are built from."""

from __future__ import annotations
