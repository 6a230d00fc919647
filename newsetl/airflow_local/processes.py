"""The background processes of the local Airflow: each in its own process group, its pid in
``AIRFLOW_HOME/<name>.pid`` and its output in ``logs/<name>.log``; found, stopped and
measured (memory) through ``/proc``."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from newsetl.airflow_local.environment import HOST, home, logs
from newsetl.paths import ROOT


def _pidfile(name: str) -> Path:
    return home() / f"{name}.pid"


def alive(name: str) -> int | None:
    """The pid of a process this launcher started, if that process still runs."""
    try:
        pid = int(_pidfile(name).read_text())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except (OSError, ValueError):
        return None
    return pid if ("airflow" in cmdline or "newsetl" in cmdline) else None


def spawn(name: str, args: list[str], env: dict) -> None:
    """``python -m ARGS`` in the background, in a process group of its own."""
    log = (logs() / f"{name}.log").open("ab")
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stop ends it and its children
    )
    _pidfile(name).write_text(str(proc.pid))


def stop(name: str) -> int | None:
    """End the process group of ``name`` (SIGTERM, SIGKILL after 20 s); returns its pid if
    it was running."""
    pid = alive(name)
    if pid:
        try:
            os.killpg(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        for _ in range(200):
            if not Path(f"/proc/{pid}").exists() or _zombie(pid):
                break
            time.sleep(0.1)
        else:
            os.killpg(pid, signal.SIGKILL)
    _pidfile(name).unlink(missing_ok=True)
    return pid


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return True


def port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex((HOST, port)) != 0


def group_memory_mb(pgid: int) -> float:
    """Proportional set size (shared pages split between their users) of a process group."""
    total = 0
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            fields = (proc / "stat").read_text().rsplit(") ", 1)[1].split()
            if int(fields[2]) != pgid:  # field 5 of /proc/PID/stat: the process group
                continue
            rollup = (proc / "smaps_rollup").read_text()
        except (OSError, IndexError, ValueError):
            continue
        pss = [line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:")]
        total += sum(map(int, pss))
    return total / 1024
