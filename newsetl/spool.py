"""A durable on-disk spool for batches that could not be written to the database, and the
writer that sends batches to the database or, when it cannot take them, to the spool.

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

import asyncio
import fcntl
import json
import logging
import os
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from newsetl import db

logger = logging.getLogger(__name__)
# The database refused the data itself: retrying cannot help, the batch is quarantined.
REFUSED = (IntegrityError, DataError)
# The database did not answer (down, restarting, frozen, not migrated yet...): spool, retry.
UNAVAILABLE = (DBAPIError, OSError, TimeoutError)
KINDS = ("headlines", "articles")  # what a batch holds besides its run and sources


def json_default(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


ITEM_LINES = (b'{"kind": "headlines"', b'{"kind": "articles"')  # not its run nor sources


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
                    rows += sum(1 for line in f if line.startswith(ITEM_LINES))
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


def _count(batch: dict[str, list[dict]]) -> int:
    return sum(len(batch.get(kind, ())) for kind in KINDS)


def _urls(batch: dict[str, list[dict]]) -> list[str]:
    return [row.get("url", "?") for kind in KINDS for row in batch.get(kind, ())]


def first_line(exc: BaseException) -> str:
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


class SpoolingWriter:
    """Writes batches with ``write(connection, batch)``, one transaction each, bounded by
    ``timeout`` seconds; ``write`` returns counts, added to ``newsetl/store/<kind>``.

    What the database cannot take now (down, restarting, frozen) goes to the spool, replayed
    once it answers; after a database that hung, for ``retry_seconds`` further batches go
    straight to the spool. What it refuses for good (a constraint, bad data) is quarantined
    row by row, so the rest of the batch is stored. What neither the database nor the spool
    takes is kept in memory, tried once more by :meth:`close`, and ``stuck()`` is called (the
    store stops the crawl)."""

    def __init__(
        self,
        url: str,
        spool: Spool,
        write: Callable[..., Awaitable[dict[str, int]]],
        stats,
        *,
        timeout: float = 15.0,
        retry_seconds: float = 60.0,
        stuck: Callable[[], None] = lambda: None,
    ):
        self.engine = db.async_engine(url)
        self.spool = spool
        self.write = write
        self.stats = stats
        self.timeout = timeout
        self.retry_seconds = retry_seconds
        self.stuck = stuck
        self.down_until = 0.0  # until then, batches go straight to the spool
        self.unsaved: list[dict[str, list[dict]]] = []  # taken by neither database nor spool

    @property
    def down(self) -> bool:
        return time.monotonic() < self.down_until

    async def transaction(self, work, *args):
        """``work(connection, *args)`` in one transaction, given up after ``timeout``."""
        async with asyncio.timeout(self.timeout):
            async with self.engine.begin() as conn:
                return await work(conn, *args)

    async def save(self, batch: dict[str, list[dict]]) -> None:
        """Store a batch, else spool it, else keep it in memory."""
        if self.down:
            self.to_spool(batch)
            return
        started = time.monotonic()
        try:
            await self._write(batch)
        except REFUSED as exc:
            await self._write_row_by_row(batch, exc)
        except UNAVAILABLE as exc:
            self.unavailable(exc, started)
            self.to_spool(batch)
            return
        if self.spool.files():
            await self.replay()

    async def _write(self, batch: dict[str, list[dict]]) -> None:
        for kind, count in (await self.transaction(self.write, batch)).items():
            self.stats.inc_value(f"newsetl/store/{kind}", count)

    async def _write_row_by_row(self, batch: dict[str, list[dict]], error: BaseException):
        """The database refused the batch: store each row on its own and quarantine the
        rows it refuses, with the reason."""
        context = {k: v for k, v in batch.items() if k not in KINDS}  # its run and sources
        refused: dict[str, list[dict]] = {kind: [] for kind in KINDS}
        reasons = []
        for kind in KINDS:
            for row in batch.get(kind, ()):
                try:
                    await self._write(context | {kind: [row]})
                except REFUSED as exc:
                    refused[kind].append(row)
                    reasons.append(f"{row.get('url')}: {first_line(exc)}")
        if not (count := _count(refused)):
            return
        path = self.spool.quarantine_batch(refused | context, "\n".join(reasons))
        self.stats.inc_value("newsetl/spool/quarantined")
        self.stats.inc_value("newsetl/store/refused", count)
        logger.error(
            "The database refused %d items (%s): quarantined in %s", count, first_line(error), path
        )

    def unavailable(self, exc: BaseException, started: float, when: str = "") -> None:
        """A database that hung (the attempt begun at ``started`` took a second or more) is
        not asked again for ``retry_seconds``. One that refused at once is asked again with
        the next batch."""
        slow = time.monotonic() - started >= 1.0
        if slow:
            self.down_until = time.monotonic() + self.retry_seconds
        logger.warning(
            "Database unavailable%s (%s: %s): items will be spooled%s",
            f" {when}" if when else "",
            type(exc).__name__,
            db.mask_secrets(first_line(exc)),
            f" for the next {self.retry_seconds:.0f} s" if slow else "",
        )

    def to_spool(self, batch: dict[str, list[dict]]) -> None:
        count = _count(batch)
        try:
            path = self.spool.write(batch)
        except OSError as exc:
            self.stats.inc_value("newsetl/spool/write_failed")
            if not count:
                logger.error("A crawl run record is lost (%s)", exc)
                return
            self.unsaved.append(batch)
            logger.error(
                "Spool %s cannot take %d items either (%s): kept in memory",
                self.spool.directory,
                count,
                exc.strerror or type(exc).__name__,
            )
            self.stuck()
            return
        if count:
            self.stats.inc_value("newsetl/store/spooled", count)
            logger.warning("%d items spooled to %s", count, path)

    async def replay(self) -> None:
        """Store the spooled batches, oldest first, while the database takes them."""
        for claim in self.spool.claim():
            started = time.monotonic()
            try:
                batch = claim.read()
                await self._write(batch)
            except (DamagedSpoolFile, *REFUSED) as exc:
                self.spool.quarantine(claim, f"{type(exc).__name__}: {exc}")
                self.stats.inc_value("newsetl/spool/quarantined")
                logger.error(
                    "Spool file %s cannot be stored (%s): moved to %s",
                    claim.path.name,
                    first_line(exc),
                    self.spool.quarantine_dir,
                )
                continue
            except UNAVAILABLE as exc:
                claim.release()
                self.unavailable(exc, started, "while replaying the spool")
                return
            claim.done()
            count = _count(batch)
            self.stats.inc_value("newsetl/store/replayed", count)
            logger.info("Replayed %d spooled items from %s", count, claim.path.name)

    async def close(self) -> None:
        """Replay the spool if the database may answer, try what is kept in memory once more,
        and log what is lost (``newsetl/store/lost``)."""
        if self.spool.files() and not self.down:
            await self.replay()
        unsaved, self.unsaved = self.unsaved, []
        for batch in unsaved:  # one more try: the database or the disk may be back
            await self.save(batch)
        if lost := [url for batch in self.unsaved for url in _urls(batch)]:
            self.stats.set_value("newsetl/store/lost", len(lost))
            logger.error(
                "%d items could be stored neither in the database nor in the spool %s "
                "and are lost; crawl them again: %s",
                len(lost),
                self.spool.directory,
                " ".join(lost),
            )
