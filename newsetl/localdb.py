"""A project-local PostgreSQL cluster built from the installed server binaries.

``make db-up`` and the tests use it: ``initdb`` + ``pg_ctl`` on a free port on 127.0.0.1,
trust authentication (local only), run as an unprivileged user. initdb refuses to run as
root, so as root the cluster belongs to the ``postgres`` system user.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newsetl.paths import ROOT

DATABASE = "newsetl"


class PostgresNotInstalled(RuntimeError):
    pass


def bindir() -> Path:
    """The PostgreSQL server binaries: ``PG_BINDIR``, ``pg_config --bindir`` or the PATH."""
    candidates = [os.environ.get("PG_BINDIR")]
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(out.stdout.strip())
    candidates += sorted(map(str, Path("/usr/lib/postgresql").glob("*/bin")), reverse=True)
    if initdb := shutil.which("initdb"):
        candidates.append(str(Path(initdb).parent))
    for candidate in filter(None, candidates):
        if (Path(candidate) / "initdb").is_file() and (Path(candidate) / "pg_ctl").is_file():
            return Path(candidate)
    raise PostgresNotInstalled(
        "No PostgreSQL server binaries (initdb, pg_ctl) found. Install them "
        "(Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@15), "
        "set PG_BINDIR to their folder, or set DATABASE_URL to an existing database."
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def default_datadir() -> Path:
    """``NEWSETL_PGDATA``, else ``.newsetl/pgdata`` in the repo; as root a folder the
    ``postgres`` user can reach (a checkout under a private temp folder is not reachable)."""
    if path := os.environ.get("NEWSETL_PGDATA"):
        return Path(path)
    if os.geteuid() != 0:
        return ROOT / ".newsetl" / "pgdata"
    digest = hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]
    return Path("/var/tmp") / f"newsetl-{digest}" / "pgdata"


@dataclass
class LocalCluster:
    datadir: Path
    # More addresses than 127.0.0.1 (tests across network namespaces) also trust the clients
    # on the networks this host is directly connected to (pg_hba's samenet).
    listen: tuple[str, ...] = ("127.0.0.1",)

    @property
    def _user(self) -> str | None:
        return "postgres" if os.geteuid() == 0 else None

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(bindir() / args[0]), *args[1:]]
        if self._user:
            cmd = ["runuser", "-u", self._user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check)

    @property
    def port(self) -> int:
        return int((self.datadir / "newsetl.port").read_text())

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def initialised(self) -> bool:
        return (self.datadir / "PG_VERSION").is_file()

    def running(self) -> bool:
        return (
            self.initialised()
            and self._run("pg_ctl", "status", "-D", str(self.datadir), check=False).returncode == 0
        )

    def init(self) -> None:
        self.datadir.mkdir(parents=True, exist_ok=True)
        self.datadir.parent.chmod(0o755)
        if self._user:
            user = pwd.getpwnam(self._user)
            os.chown(self.datadir, user.pw_uid, user.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.datadir),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        port = free_port()
        conf = self.datadir / "postgresql.conf"
        with conf.open("a") as f:
            f.write(
                f"\n# newsetl local cluster\nlisten_addresses = '{','.join(self.listen)}'\n"
                f"port = {port}\n"
                f"unix_socket_directories = '{self.datadir}'\nfsync = off\n"
                "max_connections = 50\nshared_buffers = 64MB\n"
            )
        if set(self.listen) - {"127.0.0.1"}:
            with (self.datadir / "pg_hba.conf").open("a") as f:
                f.write("host all all samenet trust\n")
        (self.datadir / "newsetl.port").write_text(str(port))

    def start(self) -> None:
        if not self.initialised():
            self.init()
        if not self.running():
            log = self.datadir / "server.log"
            result = self._run(
                "pg_ctl",
                "start",
                "-w",
                "-t",
                "30",
                "-D",
                str(self.datadir),
                "-l",
                str(log),
                check=False,
            )
            if result.returncode != 0:
                tail = log.read_text()[-2000:] if log.exists() else result.stderr
                raise RuntimeError(f"PostgreSQL did not start on port {self.port}:\n{tail}")
        created = self._run(
            "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            DATABASE,
            check=False,
        )
        if created.returncode != 0 and "already exists" not in created.stderr:
            raise RuntimeError(f"createdb failed: {created.stderr.strip()}")

    def stop(self) -> None:
        if self.running():
            self._run("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.datadir))

    def wipe(self) -> None:
        self.stop()
        shutil.rmtree(self.datadir, ignore_errors=True)


@contextmanager
def throwaway_cluster(
    prefix: str = "newsetl-pg-", listen: tuple[str, ...] = ("127.0.0.1",)
) -> Iterator[LocalCluster]:
    """A started, migrated cluster in a new temporary folder, removed afterwards (tests,
    benchmarks, ``newsetl eval-stories``), listening on ``listen``."""
    from newsetl import db

    cluster = LocalCluster(Path(tempfile.mkdtemp(prefix=prefix)) / "pgdata", listen)
    cluster.start()
    try:
        db.migrate(cluster.url)
        yield cluster
    finally:
        cluster.wipe()
        cluster.datadir.parent.rmdir()
