"""Which process owns something (a crawl run), in a form that cannot be reused.

A PID alone is reused (after a restart, in a new container); host, boot id, PID and the
process's start time together are not. Used to tell a crawl run whose process died from one
still running.
"""

from __future__ import annotations

import os
import socket
from functools import cache
from pathlib import Path


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return "unknown"


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot, or None if there is no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]  # field 22; the name in () may hold spaces


@cache
def identity() -> str:
    """``host/boot id/PID/start time`` of this process."""
    pid = os.getpid()
    return f"{socket.gethostname()}/{_boot_id()}/{pid}/{_start_time(pid) or 0}"


def is_dead(owner: str | None) -> bool:
    """True when ``owner`` (an :func:`identity`) is a process of this machine that no longer
    runs. False when it runs, or when it belongs to another host, which cannot be told from
    here (the heartbeat tells)."""
    try:
        host, boot, pid, started = (owner or "").split("/")
    except ValueError:
        return False
    if host != socket.gethostname():
        return False
    return boot != _boot_id() or _start_time(int(pid)) != started
