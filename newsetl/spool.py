"""A durable on-disk spool for batches that could not be written to the database.

Each batch is one JSON Lines file, written to a temporary name, fsynced and renamed, so a
crash never leaves half a batch under a final name; a write that fails (disk full) removes
its temporary file. A reader claims a file by holding an exclusive ``flock`` on it: the
kernel drops the lock when the process ends, however it ends, so a claim can never outlive
its crawl nor be mistaken for another process's after a PID is reused. The upserts are
idempotent, so a batch replayed after a crash between storing and deleting is stored once.

A file that cannot be read back, or that the database refuses for good (a constraint, bad
data), is moved to ``quarantine/`` with the error in a ``.error`` file beside it, so one bad
file never blocks the others.
"""

from __future__ import annotations

import fcntl
import json
import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO


def json_default(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


RUN = b'{"kind": "runs"'  # a crawl run record, not an item


class DamagedSpoolFile(ValueError):
    """A spool file that is not a batch (truncated, edited, not JSON)."""


def read_batch(lines: bytes) -> dict[str, list[dict]]:
    batch: dict[str, list[dict]] = {}
    for number, line in enumerate(lines.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            batch.setdefault(record["kind"], []).append(record["row"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DamagedSpoolFile(f"line {number}: {type(exc).__name__}: {exc}") from None
    return batch


class Claim:
    """A spool file this process holds the lock of."""

    def __init__(self, path: Path, handle: BinaryIO):
        self.path = path
        self._handle = handle

    def read(self) -> dict[str, list[dict]]:
        self._handle.seek(0)
        return read_batch(self._handle.read())

    def done(self) -> None:
        """The batch is stored: remove the file (still under the lock)."""
        self.path.unlink(missing_ok=True)
        self.release()

    def release(self) -> None:
        self._handle.close()  # closing drops the lock


class Spool:
    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self.quarantine_dir = self.directory / "quarantine"

    def write(self, batch: dict[str, list[dict]]) -> Path:
        """Store ``{kind: rows}`` durably; returns the file. On failure (disk full) no
        temporary file is left behind and the error is raised."""
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{datetime.now():%Y%m%dT%H%M%S}-{os.getpid()}-{uuid.uuid4().hex[:8]}.jsonl"
        final = self.directory / name
        tmp = final.with_suffix(".tmp")
        try:
            with tmp.open("w", encoding="utf-8") as f:
                for kind, rows in batch.items():
                    for row in rows:
                        record = {"kind": kind, "row": row}
                        f.write(json.dumps(record, default=json_default) + "\n")
                f.flush()
                os.fsync(f.fileno())
            tmp.rename(final)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return final

    def files(self) -> list[Path]:
        """Batches waiting, oldest first (claimed ones included)."""
        if not self.directory.is_dir():
            return []
        for legacy in self.directory.glob("*.claimed-*"):  # claims by PID, before flock
            legacy.rename(legacy.with_name(legacy.name.split(".claimed-")[0] + ".jsonl"))
        return sorted(self.directory.glob("*.jsonl"))

    def size(self) -> int:
        """Items (headlines and articles) waiting in the spool."""
        rows = 0
        for path in self.files():
            try:
                with path.open("rb") as f:
                    rows += sum(1 for line in f if line.strip() and not line.startswith(RUN))
            except FileNotFoundError:  # replayed meanwhile
                pass
        return rows

    def claim(self) -> Iterator[Claim]:
        """Claim each waiting batch in turn, skipping those another process holds. The
        caller calls :meth:`Claim.done` once it is stored, else :meth:`Claim.release`."""
        for path in self.files():
            try:
                handle = path.open("rb")
            except FileNotFoundError:  # replayed by another process meanwhile
                continue
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            if not _same_file(handle, path):  # replayed and removed before we locked it
                handle.close()
                continue
            yield Claim(path, handle)

    def quarantine(self, claim: Claim, error: str) -> Path:
        """Move a claimed file out of the way, with ``error`` written beside it."""
        self.quarantine_dir.mkdir(exist_ok=True)
        target = self.quarantine_dir / claim.path.name
        target.with_suffix(".error").write_text(error + "\n", encoding="utf-8")
        claim.path.rename(target)
        claim.release()
        return target

    def quarantine_batch(self, batch: dict[str, list[dict]], error: str) -> Path:
        """Write a batch the database refused for good straight to ``quarantine/``."""
        path = Spool(self.quarantine_dir).write(batch)
        path.with_suffix(".error").write_text(error + "\n", encoding="utf-8")
        return path

    def quarantined(self) -> list[Path]:
        return sorted(self.quarantine_dir.glob("*.jsonl")) if self.quarantine_dir.is_dir() else []


def _same_file(handle: BinaryIO, path: Path) -> bool:
    try:
        return os.fstat(handle.fileno()).st_ino == path.stat().st_ino
    except FileNotFoundError:
        return False
