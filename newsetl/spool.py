"""A durable on-disk spool for batches that could not be written to the database.

Each batch is one JSON Lines file, written to a temporary name, fsynced and renamed, so a
crash never leaves half a batch under a final name. A reader claims a file by renaming it
(atomic), so two crawls never replay the same batch; the upserts are idempotent, so a
batch replayed after a crash that hit between writing and deleting is stored once.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path


def json_default(value):
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Spool:
    def __init__(self, directory: str | Path):
        self.directory = Path(directory)

    def write(self, batch: dict[str, list[dict]]) -> Path:
        """Store ``{kind: rows}`` durably; returns the file."""
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{datetime.now():%Y%m%dT%H%M%S}-{os.getpid()}-{uuid.uuid4().hex[:8]}.jsonl"
        final = self.directory / name
        tmp = final.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            for kind, rows in batch.items():
                for row in rows:
                    f.write(json.dumps({"kind": kind, "row": row}, default=json_default) + "\n")
            f.flush()
            os.fsync(f.fileno())
        tmp.rename(final)
        return final

    def files(self) -> list[Path]:
        """Batches waiting, oldest first; a batch claimed by a process that died is free again."""
        if not self.directory.is_dir():
            return []
        for claimed in self.directory.glob("*.claimed-*"):
            if not _alive(int(claimed.suffix.rsplit("-", 1)[1])):
                self.release(claimed)
        return sorted(self.directory.glob("*.jsonl"))

    def size(self) -> int:
        """Rows waiting in the spool."""
        return sum(sum(1 for _ in f.open(encoding="utf-8")) for f in self.files())

    def claim(self) -> Iterator[tuple[Path, dict[str, list[dict]]]]:
        """Claim each spooled batch in turn; the caller deletes the claimed file once stored,
        or :meth:`release` s it."""
        for path in self.files():
            claimed = path.with_suffix(f".claimed-{os.getpid()}")
            try:
                path.rename(claimed)
            except FileNotFoundError:  # another process claimed it first
                continue
            batch: dict[str, list[dict]] = {}
            with claimed.open(encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        record = json.loads(line)
                        batch.setdefault(record["kind"], []).append(record["row"])
            yield claimed, batch

    @staticmethod
    def release(claimed: Path) -> None:
        try:
            claimed.rename(claimed.with_suffix(".jsonl"))
        except FileNotFoundError:  # released by another process meanwhile
            pass
