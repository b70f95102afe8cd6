"""Who may open the served board, and how much they may ask of it.

The board shows real names, so a page from another site must not read it: the
websocket's `Origin` must be the board's own address, and on a loopback bind the
`Host` must be a loopback name too (a DNS-rebinding page would otherwise be "same
origin"). Bound to any other address, every page and websocket must carry a token.
Each session is a board process, so sessions and terminal sizes are capped.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_COLUMNS = 400
MAX_ROWS = 200
DEFAULT_MAX_SESSIONS = 8
_LOOPBACK_NAMES = {"localhost", "localhost."}


def is_loopback(host: str) -> bool:
    """A bind address or host name that only this machine can reach."""
    name = host.strip().strip("[]").lower()
    if name in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size a client asked for, kept within 1..MAX (defaults on nonsense)."""
    return _clamp(width, 80, MAX_COLUMNS), _clamp(height, 24, MAX_ROWS)


def _clamp(value: object, default: int, most: int) -> int:
    try:
        number = int(str(value)) if not isinstance(value, bool) else default
    except ValueError:
        number = default
    return max(1, min(number, most))


def _host_name(host_header: str) -> str:
    """The name part of a `Host` header (`[::1]:8000` -> `::1`)."""
    return urlsplit(f"//{host_header}").hostname or ""


@dataclass(frozen=True)
class Access:
    """The rules for one served board."""

    bind_host: str
    public_url: str | None = None
    token: str | None = None
    max_sessions: int = DEFAULT_MAX_SESSIONS

    @property
    def local_only(self) -> bool:
        return is_loopback(self.bind_host)

    def host_allowed(self, host_header: str | None) -> bool:
        """On a loopback bind, only loopback names (or the public URL's) are served."""
        if not host_header:
            return False
        if not self.local_only:
            return True
        if self.public_url and host_header.lower() == urlsplit(self.public_url).netloc.lower():
            return True
        return is_loopback(_host_name(host_header))

    def origin_allowed(self, origin: str | None, host_header: str | None) -> bool:
        """The page that opened the websocket was served by this board."""
        if not origin or not host_header:
            return False
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return False
        own = {host_header.lower()}
        if self.public_url:
            own.add(urlsplit(self.public_url).netloc.lower())
        return parts.netloc.lower() in own

    def token_ok(self, given: str | None) -> bool:
        if self.token is None:
            return True
        return given is not None and secrets.compare_digest(given, self.token)


def new_token() -> str:
    return secrets.token_urlsafe(18)
