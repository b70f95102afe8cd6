"""A throwaway PostgreSQL cluster for tests and benchmarks: a temp dir, a free port.

`initdb` refuses to run as root, so as root every server command runs as the
`postgres` OS user (via `runuser`) in a temp dir that user owns. The server listens on
127.0.0.1 only, with password authentication, and is removed entirely by `stop()`.
"""

from __future__ import annotations

import atexit
import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from simulator import settings

SERVICE_USER = "postgres"
ROLE = "callsim"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL's server programs are missing or the cluster would not start."""


def find_bindir() -> Path:
    """The directory holding initdb and pg_ctl (the newest installed version)."""
    chosen = settings.current().pg_bindir
    candidates = [chosen] if chosen is not None else []
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    candidates += [Path(p) for p in reversed(versions)]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for candidate in candidates:
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate
    raise PostgresUnavailable(
        "PostgreSQL server programs (initdb, pg_ctl) not found; install the Debian package "
        "`postgresql` (it is in the Makefile's TEST_DEBS)"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThrowawayPostgres:
    """start() -> a URL with a password; database(name) makes more; stop() removes all."""

    def __init__(self, *, durable: bool = False) -> None:
        self.bindir = find_bindir()
        self.durable = durable
        self.password = secrets.token_urlsafe(12)
        self.port = 0
        self.root: Path | None = None
        self._as_root = os.geteuid() == 0
        self._databases = 0

    def _command(self, program: str, *args: str) -> list[str]:
        argv = [str(self.bindir / program), *args]
        if self._as_root:
            return ["runuser", "-u", SERVICE_USER, "--", *argv]
        return argv

    def _run(self, program: str, *args: str, timeout: float = 60) -> None:
        result = subprocess.run(
            self._command(program, *args),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            cwd=self.root,
        )
        if result.returncode != 0:
            output = (result.stderr or result.stdout).strip()
            raise PostgresUnavailable(f"{program} failed ({result.returncode}): {output}")

    def start(self) -> str:
        base = tempfile.gettempdir() if not self._as_root else "/tmp"
        self.root = Path(tempfile.mkdtemp(prefix="callsim-pg-", dir=base))
        atexit.register(self.stop)
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n", encoding="utf-8")
        pwfile.chmod(0o600)
        if self._as_root:
            try:
                # POSIX only: Windows has no pwd module.
                import pwd  # noqa: PLC0415

                user = pwd.getpwnam(SERVICE_USER)
            except KeyError:
                raise PostgresUnavailable(
                    f"running as root but there is no `{SERVICE_USER}` user to run the server"
                ) from None
            for path in (self.root, pwfile):
                os.chown(path, user.pw_uid, user.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.root / "data"),
            "-U",
            ROLE,
            f"--pwfile={pwfile}",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-instructions",
        )
        last_error: PostgresUnavailable | None = None
        for _ in range(3):  # a free port may be taken between probing and binding
            self.port = free_port()
            try:
                self._start_server()
                return self.database(ROLE, create=True)
            except PostgresUnavailable as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    def _start_server(self) -> None:
        assert self.root is not None
        options = [
            f"-p {self.port}",
            f"-k {self.root}",
            "-c listen_addresses=127.0.0.1",
            "-c max_connections=120",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run(
            "pg_ctl",
            "-D",
            str(self.root / "data"),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "30",
            "-o",
            " ".join(options),
            "start",
        )

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{ROLE}:{self.password}@127.0.0.1:{self.port}/{database}"

    def database(self, name: str | None = None, *, create: bool = True) -> str:
        """The URL of a database; a new empty one (`create`) unless it exists."""
        if name is None:
            self._databases += 1
            name = f"callsim_test_{self._databases}"
        if create:
            # The PostgreSQL driver is optional: needed only for a throwaway server.
            import psycopg  # noqa: PLC0415

            with psycopg.connect(
                host="127.0.0.1",
                port=self.port,
                user=ROLE,
                password=self.password,
                dbname="postgres",
                autocommit=True,
                connect_timeout=10,
            ) as conn:
                exists = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
                ).fetchone()
                if exists is None:
                    conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)

    def pause(self) -> None:
        """Stop the server but keep the cluster (an outage); `resume()` brings it back."""
        assert self.root is not None
        self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        """Start the paused server again on the same port."""
        self._start_server()

    def stop(self) -> None:
        """Stop the server (immediately) and delete the cluster. Safe to call twice."""
        root, self.root = self.root, None
        if root is None:
            return
        if (root / "data" / "postmaster.pid").exists():
            subprocess.run(
                self._command("pg_ctl", "-D", str(root / "data"), "-m", "immediate", "stop"),
                capture_output=True,
                timeout=60,
                check=False,
                cwd=root,
            )
        shutil.rmtree(root, ignore_errors=True)
