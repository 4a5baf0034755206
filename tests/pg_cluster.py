"""A throwaway PostgreSQL cluster for the tests and the benchmarks: initdb into a temporary
folder, a free port on 127.0.0.1, its unix socket in that folder, stopped and deleted at the
end. Nothing outside the folder is touched; no server outside the run is used.

PostgreSQL refuses to run as root, so as root the cluster runs as an unprivileged user
(`postgres` from Debian's package, else `nobody`) through `runuser`.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "postgres"


def find_bin_dir() -> Path | None:
    """Where initdb, pg_ctl and postgres are: $PG_BIN, Debian's versioned folders, or PATH."""
    candidates = [os.environ.get("PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    which = shutil.which("pg_ctl")
    if which:
        candidates.append(str(Path(which).parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _version(folder: str) -> int:
    try:
        return int(Path(folder).parent.name)
    except ValueError:
        return 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    def __init__(self, bin_dir: Path, *, durable: bool = False) -> None:
        """`durable`: fsync on, as a real server (benchmarks); tests run without it."""
        self.bin = bin_dir
        self.durable = durable
        self.folder = Path(tempfile.mkdtemp(prefix="rollout-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self._destroyed = False
        atexit.register(self.destroy)
        self._run_as: list[str] = []
        self._owner: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    self._owner = pwd.getpwnam(name)
                    break
                except KeyError:
                    continue
            if self._owner is None:
                raise RuntimeError("running as root and there is no user to run PostgreSQL as")
            self._run_as = ["runuser", "-u", self._owner.pw_name, "--"]
            os.chown(self.folder, self._owner.pw_uid, self._owner.pw_gid)
        os.chmod(self.folder, 0o700)

    def _cmd(self, *args: str) -> list[str]:
        return [*self._run_as, *args]

    def start(self) -> None:
        subprocess.run(
            self._cmd(
                str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C",
            ),
            check=True, capture_output=True, cwd=self.folder,
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\n"
                f"unix_socket_directories = '{self.folder}'\n"
                "max_connections = 60\nshared_buffers = 32MB\n"
            )
            if not self.durable:
                # A test cluster: durability off for speed (each test's data is thrown away).
                conf.write("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
        # One role must give a password (tests of ~/.pgpass and the prompt); trust for the rest.
        hba = self.data / "pg_hba.conf"
        hba.write_text(
            "host all secret 127.0.0.1/32 scram-sha-256\n" + hba.read_text()
        )
        self.pg_ctl("start", "-w", "-t", "30", "-l", str(self.folder / "server.log"))

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(
            self._cmd(str(self.bin / "pg_ctl"), "-D", str(self.data), *args),
            check=True, capture_output=True, cwd=self.folder,
        )

    def stop(self, mode: str = "fast") -> None:
        self.pg_ctl("stop", "-m", mode, "-w", "-t", "30")

    def restart(self) -> None:
        self.pg_ctl("start", "-w", "-t", "30", "-l", str(self.folder / "server.log"))

    def destroy(self) -> None:
        """Stop the server (whatever state it is in) and delete its folder. Also run at exit,
        so an interrupted run leaves nothing behind either."""
        if self._destroyed:
            return
        self._destroyed = True
        with contextlib.suppress(subprocess.CalledProcessError, OSError):  # not running
            self.stop("immediate")
        pid_file = self.data / "postmaster.pid"
        with contextlib.suppress(OSError, ValueError, IndexError):
            if pid_file.exists():  # pg_ctl could not stop it: the postmaster we started
                os.kill(int(pid_file.read_text().splitlines()[0]), signal.SIGKILL)
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, dbname: str = "postgres", user: str = SUPERUSER, **query: str) -> str:
        tail = "&".join(f"{k}={v}" for k, v in query.items())
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}" + (f"?{tail}" if tail else "")

    def sql(self, statement: str, dbname: str = "postgres") -> None:
        """Run one statement as the superuser (set-up: databases, roles, grants)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=dbname, autocommit=True
        ) as conn:
            conn.execute(statement)
