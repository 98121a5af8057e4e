"""Persistent SQLite cache of the sources' answers, shared safely by concurrent claimlint runs.

Entries are (kind, key) -> JSON payload with an expiry. The kind is the source ("crossref",
"pubmed") and the key the identifier ("doi:10.1/x", "pmid:123", "pmcid:PMC45"): a normalised
record, or that it is not found / registered elsewhere; "crossref:search" holds the candidate
records for a reference text. (The file keeps its historical name, crossref.sqlite3.)
How long an answer is kept depends on what it says: a found record for weeks, a "not found"
for a day (it may be registered tomorrow); an unverified outcome is never stored.

Several processes (pre-commit runs many) share one file: WAL journal + a busy timeout, and
each batch of writes is one transaction. A file that is not our cache (corrupt, foreign) is
moved aside and rebuilt, with a warning: the cache is an optimisation, never a reason to fail.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import platformdirs

from claimlint.verify.settings import VerifySettings

CACHE_FILE_NAME = "crossref.sqlite3"
APPLICATION_ID = 0x434C4D54  # "CLMT": marks the file as a claimlint cache
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000

DAY = 24 * 3600.0
TTL_BY_STATE: dict[str, float] = {
    "found": 28 * DAY,
    "other_agency": 28 * DAY,
    "none": 7 * DAY,  # a search that found no validated candidate
    "not_found": 1 * DAY,
}


def cache_path(settings: VerifySettings) -> Path:
    directory = Path(settings.cache_dir) if settings.cache_dir else Path(platformdirs.user_cache_dir("claimlint"))
    return directory / CACHE_FILE_NAME


@dataclass(frozen=True)
class Entry:
    state: str  # "found" | "not_found" | "other_agency" | "none"
    payload: dict[str, Any]
    stored_at: float


LOCK_RETRIES = 40  # about 16 s of patience in all


def _is_lock_error(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


class Cache:
    """One connection, used from one thread (the engine writes from its main thread only)."""

    def __init__(self, path: Path, now: float | None = None) -> None:
        self.path = path
        self._now = now  # fixed clock for tests; None: real time
        self.notes: list[str] = []
        self._connection = self._open()

    def now(self) -> float:
        return self._now if self._now is not None else time.time()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect_patiently()
        except sqlite3.DatabaseError as error:
            if _is_lock_error(error):
                raise  # busy for longer than we wait: not broken, so never moved aside
            aside = self.path.with_name(f"{self.path.name}.broken-{int(time.time())}-{os.getpid()}")
            note = f"claimlint cache {self.path} was unreadable ({error}); moved to {aside.name} and rebuilt"
            warnings.warn(note, RuntimeWarning, stacklevel=3)
            self.notes.append(note)
            for suffix in ("", "-wal", "-shm"):
                source = Path(str(self.path) + suffix)
                if source.exists():
                    try:
                        os.replace(source, Path(str(aside) + suffix))
                    except OSError:
                        pass  # another process moved it first
            return self._connect_and_check()

    def _connect_patiently(self) -> sqlite3.Connection:
        """Several processes creating the cache at once can meet a lock that SQLite's busy
        timeout does not cover (switching to WAL needs the database to itself): wait and retry
        instead of mistaking a busy file for a broken one."""
        for attempt in range(LOCK_RETRIES):
            try:
                return self._connect_and_check()
            except sqlite3.OperationalError as error:
                if not _is_lock_error(error) or attempt == LOCK_RETRIES - 1:
                    raise
                time.sleep(0.02 * (attempt + 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def _connect_and_check(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # One read transaction: another process may be setting the file up right now, and
            # its table without its application id (or the reverse) must never be seen.
            connection.execute("BEGIN")
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            connection.execute("COMMIT")
            if application_id not in (0, APPLICATION_ID) or (application_id == 0 and tables):
                raise sqlite3.DatabaseError("not a claimlint cache")
            if application_id == APPLICATION_ID:
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                if version != SCHEMA_VERSION:
                    raise sqlite3.DatabaseError(f"cache schema {version}, expected {SCHEMA_VERSION}")
            connection.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable enough for a cache
            if application_id == APPLICATION_ID:
                return connection  # set up already: a run that only reads writes nothing
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS entries ("
                " kind TEXT NOT NULL, key TEXT NOT NULL, state TEXT NOT NULL, payload TEXT NOT NULL,"
                " stored_at REAL NOT NULL, expires_at REAL NOT NULL, PRIMARY KEY (kind, key))"
            )
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("COMMIT")
            connection.execute("SELECT count(*) FROM entries").fetchone()
            return connection
        except BaseException:
            connection.close()
            raise

    def get(self, kind: str, key: str) -> Entry | None:
        try:
            row = self._connection.execute(
                "SELECT state, payload, stored_at, expires_at FROM entries WHERE kind = ? AND key = ?",
                (kind, key),
            ).fetchone()
        except sqlite3.DatabaseError as error:
            self.notes.append(f"cache read failed: {error}")
            return None
        if row is None:
            return None
        state, payload, stored_at, expires_at = row
        # Anyone who can write the file (a CI cache restored from another branch) decides its
        # rows: a value of another type is a miss, never a crash.
        if not (isinstance(state, str) and isinstance(payload, str) and _number(stored_at) and _number(expires_at)):
            return None
        if expires_at <= self.now():
            return None
        try:
            return Entry(state=state, payload=json.loads(payload), stored_at=stored_at)
        except (ValueError, RecursionError):
            return None

    def put_many(self, kind: str, items: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
        """Store (key, state, payload) triples in one transaction; states without a TTL are skipped."""
        now = self.now()
        rows = [
            (kind, key, state, json.dumps(payload, ensure_ascii=False), now, now + TTL_BY_STATE[state])
            for key, state, payload in items
            if state in TTL_BY_STATE
        ]
        if not rows:
            return
        try:
            self._connection.execute("BEGIN IMMEDIATE")
            self._connection.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?)", rows)
            self._connection.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            # e.g. still locked after the busy timeout, or disk full: lose the cache write, not the run
            try:
                self._connection.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass
            self.notes.append(f"cache write failed: {error}")

    def counts(self) -> dict[str, int]:
        rows = self._connection.execute("SELECT kind, count(*) FROM entries GROUP BY kind").fetchall()
        return {kind: count for kind, count in rows}

    def clear(self) -> int:
        self._connection.execute("BEGIN IMMEDIATE")
        removed = self._connection.execute("DELETE FROM entries").rowcount
        self._connection.execute("COMMIT")
        return removed

    def close(self) -> None:
        self._connection.close()


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def open_cache(settings: VerifySettings, now: float | None = None) -> Cache | None:
    """The run's cache, or None (with a warning) when no cache can be opened at all."""
    try:
        return Cache(cache_path(settings), now=now)
    except (OSError, sqlite3.Error) as error:
        warnings.warn(f"claimlint cache unavailable ({error}); continuing without it", RuntimeWarning, stacklevel=2)
        return None


def cache_info(settings: VerifySettings) -> dict[str, Any]:
    """For `claimlint cache info`: where the cache is, entries by kind, bytes on disk."""
    path = cache_path(settings)
    info: dict[str, Any] = {"path": str(path), "entries": {}, "size_bytes": 0}
    if not path.exists():
        return info
    cache = Cache(path)
    try:
        info["entries"] = cache.counts()
    finally:
        cache.close()
    info["size_bytes"] = sum(
        Path(str(path) + suffix).stat().st_size for suffix in ("", "-wal", "-shm") if Path(str(path) + suffix).exists()
    )
    return info


def cache_clear(settings: VerifySettings) -> int:
    """For `claimlint cache clear`: removes every entry, returns how many there were."""
    path = cache_path(settings)
    if not path.exists():
        return 0
    cache = Cache(path)
    try:
        return cache.clear()
    finally:
        cache.close()
