"""Writing a file so that readers only ever see the old version or the whole new one.

Temp file in the same directory, flushed and fsynced, then os.replace: an interrupted run (a
crash, Ctrl-C, a full disk) leaves the old file intact and no temp file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    """The process umask, read without changing it where Linux allows (os.umask can only be read
    by setting it, which would briefly affect files other threads create)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: str | bytes, durable: bool = True, mode: int | None = None) -> None:
    """Raises OSError (the old file untouched) when the new one cannot be written whole.

    durable=False skips the fsync: for caches, where losing a write to a power cut only costs a
    recomputation, and an fsync per file would slow every run down. mode: the new file's
    permission bits (a fixed article keeps its own; mkstemp's would be 0600)."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    if path.exists() and not path.is_file():
        # /dev/null, /dev/stdout, a FIFO: renaming over them would replace a device with a file
        # (as root, /dev/null itself). They have no "old version" to protect: write straight in.
        with open(path, "wb") as handle:
            handle.write(payload)
        return
    directory = path.parent if str(path.parent) else Path(".")
    descriptor, temp_name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp creates 0600; the file should look like any other the user creates (0644
        # under umask 022), since reports are read by others (CI artifacts, web servers).
        if hasattr(os, "fchmod"):  # POSIX
            os.fchmod(descriptor, 0o666 & ~_umask())
        with os.fdopen(descriptor, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
