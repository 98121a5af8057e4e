"""Which files a `claimlint check PATH...` covers: files as given, directories recursed for
article suffixes, .gitignore'd and excluded paths skipped, symlink loops survived. When
recursing, a directory symlink that leads out of the starting directory is not followed (a link
to / would walk the whole filesystem) and special files (FIFOs, devices, sockets) are skipped;
paths named explicitly are always read or reported."""

from __future__ import annotations

import os
import stat as stat_module
from pathlib import Path
from typing import BinaryIO, Iterator

from claimlint.load import FORMAT_BY_SUFFIX
from claimlint.load.decode import too_large

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"}


def expand(paths: list[Path], exclude: tuple[str, ...] = ()) -> Iterator[Path]:
    for path in paths:
        try:
            is_dir = stat_module.S_ISDIR(os.stat(path).st_mode)
        except (OSError, ValueError):
            is_dir = False  # missing, too long a name, …: read_article says why, the others go on
        if is_dir:
            yield from _walk(path, exclude)
        else:
            yield path  # named explicitly: checked whatever its suffix, and errors reported


def _walk(root: Path, exclude: tuple[str, ...]) -> Iterator[Path]:
    import pathspec

    seen: set[tuple[int, int]] = set()
    ignore_specs: list[tuple[Path, pathspec.PathSpec]] = []
    excluded = pathspec.GitIgnoreSpec.from_lines(exclude) if exclude else None
    start = os.path.realpath(root)
    for directory, subdirs, files in os.walk(root, followlinks=True):
        current = Path(directory)
        try:
            stat = current.stat()
        except OSError:
            subdirs[:] = []
            continue
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop: been here
            subdirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        gitignore = current / ".gitignore"
        if gitignore.is_file():
            try:
                lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
                ignore_specs.append((current, pathspec.GitIgnoreSpec.from_lines(lines)))
            except OSError:
                pass
        subdirs[:] = sorted(d for d in subdirs if d not in SKIP_DIRS and _stays_inside(current / d, start)
                            and not _ignored(current / d, True, ignore_specs, excluded, root))
        for name in sorted(files):
            candidate = current / name
            if (candidate.suffix.lower() in FORMAT_BY_SUFFIX and not _special(candidate)
                    and not _ignored(candidate, False, ignore_specs, excluded, root)):
                yield candidate


def _stays_inside(directory: Path, start: str) -> bool:
    """A real directory, or a symlink to one inside the starting directory."""
    if not directory.is_symlink():
        return True
    target = os.path.realpath(directory)
    return target == start or target.startswith(start.rstrip(os.sep) + os.sep)


def _special(path: Path) -> bool:
    """A FIFO, device or socket: reading would block or never end. A path that cannot be
    stat'ed (a dangling link) is not special: it is yielded, and reported unreadable."""
    try:
        return not stat_module.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _ignored(path: Path, is_dir: bool, specs, excluded, root: Path) -> bool:
    for base, spec in specs:
        try:
            relative = path.relative_to(base).as_posix()
        except ValueError:
            continue
        if spec.match_file(relative + ("/" if is_dir else "")):
            return True
    if excluded is not None:
        relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        return excluded.match_file(relative + ("/" if is_dir else ""))
    return False


def read_article(path: Path, max_bytes: int | None) -> tuple[bytes | None, str | None]:
    """(bytes, None), or (None, one-line reason). Only regular files are read (a FIFO or a device
    would block or never end), and never more than max_bytes + 1 bytes: memory stays bounded."""
    try:
        info = os.stat(path)
        if not stat_module.S_ISREG(info.st_mode):
            return None, "not a regular file"
        if max_bytes and info.st_size > max_bytes:
            return None, too_large(info.st_size, max_bytes)
        with open(path, "rb") as handle:
            return read_bounded(handle, max_bytes)
    except (FileNotFoundError, NotADirectoryError) as error:
        if os.path.islink(path):  # a dangling link: the file exists, its target does not
            return None, f"cannot read file ({error.strerror or error})"
        return None, "no such file or directory"
    except OSError as error:
        return None, f"cannot read file ({error.strerror or error})"


def read_bounded(stream: BinaryIO, max_bytes: int | None) -> tuple[bytes | None, str | None]:
    """Read a stream (a file that may grow, standard input) up to max_bytes + 1 bytes."""
    if not max_bytes:
        return stream.read(), None
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return None, too_large(None, max_bytes)
    return data, None
