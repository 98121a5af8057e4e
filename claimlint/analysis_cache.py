"""A cache of finished analyses, so a re-run over unchanged files never imports spaCy.

The key covers everything an Analysis depends on: the file's bytes and format, the language and
model options, claimlint's version and the rule packs' contents. One pickle per key, written
atomically (temp file + rename), so concurrent runs (pre-commit, --jobs) never see half a file.
A cache that cannot be read or written is skipped silently: it only ever saves time.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from pathlib import Path

from claimlint import __version__
from claimlint.model import Analysis

FORMAT_VERSION = 2  # bump when model.py's dataclasses change shape


def cache_root(cache_dir: str | None) -> Path:
    if cache_dir:
        return Path(cache_dir) / "analysis"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimlint")) / "analysis"


@functools.lru_cache(maxsize=1)
def _code_and_rules_digest() -> str:
    """The rule packs' contents, and the package's code by size and mtime: an edited analyser
    (a developer's checkout, an upgrade without a version bump) never reads an old analysis."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted((package / "rules").rglob("*.yaml")):  # packs and lexicons
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.npz")]):  # code and models
        stat = path.stat()
        digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def analysis_key(data: bytes, fmt: str, language: str, model: str | None, path: str, vocabulary: str = "") -> str:
    digest = hashlib.sha256()
    for part in (str(FORMAT_VERSION), __version__, _code_and_rules_digest(), fmt, language, model or "", path,
                 vocabulary):
        digest.update(part.encode())
        digest.update(b"\x00")
    digest.update(data)
    return digest.hexdigest()


def load(root: Path, key: str) -> Analysis | None:
    try:
        with (root / key[:2] / f"{key}.pickle").open("rb") as handle:
            analysis = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return analysis if isinstance(analysis, Analysis) else None


def store(root: Path, key: str, analysis: Analysis) -> None:
    from claimlint.atomic import write_atomically

    folder = root / key[:2]
    try:
        data = pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / f"{key}.pickle", data, durable=False)
    except (OSError, pickle.PicklingError, RecursionError):
        pass
