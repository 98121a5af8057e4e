"""A cache of finished analyses, so a re-run over unchanged files never imports spaCy.

The key covers everything an Analysis depends on: the file's bytes and format, the language and
model options, claimlint's version and the rule packs' contents. One entry per key, written
atomically (temp file + rename), so concurrent runs (pre-commit, --jobs) never see half a file.

Entries are data only: compressed JSON, versioned, read back field by field against the
dataclasses of claimlint.model. Anyone who can write the cache directory (a CI cache restored
from another branch) can at worst make an entry unreadable, and an unreadable entry is a miss:
the file is analysed again. Nothing read from the cache is ever executed (no pickle).
A cache that cannot be read or written is skipped silently: it only ever saves time.
"""

from __future__ import annotations

import base64
import dataclasses
import enum
import functools
import hashlib
import json
import sys
import types
import typing
import zlib
from array import array
from pathlib import Path
from typing import Any

from claimlint import __version__
from claimlint import model
from claimlint.model import Analysis

FORMAT_VERSION = 4  # 3: JSON (1 and 2 were pickle); 4: offsets as base64, spans as pairs. Bump when a field changes meaning, not when one is added.
MAGIC = "claimlint-analysis"
SUFFIX = ".jsonz"  # zlib-compressed JSON
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # compressed or not: larger is no entry of ours


class EntryError(ValueError):
    """A cache entry that is not a well-formed analysis: read as a miss."""


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


def analysis_key(data: bytes, fmt: str, language: str, model_name: str | None, vocabulary: str = "") -> str:
    """The file's content and the options its analysis depends on; not its path: the same file
    reached by another spelling (relative, absolute, through a link) is one analysis."""
    digest = hashlib.sha256()
    for part in (str(FORMAT_VERSION), __version__, _code_and_rules_digest(), fmt, language, model_name or "",
                 vocabulary):
        digest.update(part.encode())
        digest.update(b"\x00")
    digest.update(data)
    return digest.hexdigest()


def load(root: Path, key: str) -> Analysis | None:
    try:
        with (root / key[:2] / f"{key}{SUFFIX}").open("rb") as handle:
            packed = handle.read(MAX_ENTRY_BYTES + 1)
        return decode(packed)
    except (OSError, EntryError):
        return None


def store(root: Path, key: str, analysis: Analysis) -> None:
    from claimlint.atomic import write_atomically

    folder = root / key[:2]
    try:
        packed = encode(analysis)
        if len(packed) > MAX_ENTRY_BYTES:
            return
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / f"{key}{SUFFIX}", packed, durable=False)
    except (OSError, ValueError, TypeError, RecursionError):
        pass


def encode(analysis: Analysis) -> bytes:
    document = {"format": MAGIC, "version": FORMAT_VERSION, "analysis": _Writer().value(analysis)}
    return zlib.compress(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def decode(packed: bytes) -> Analysis:
    """The Analysis in an entry, or EntryError for anything else (truncated, foreign, old, wrong types)."""
    if len(packed) > MAX_ENTRY_BYTES:
        raise EntryError("entry too large")
    try:
        inflater = zlib.decompressobj()
        text = inflater.decompress(packed, MAX_ENTRY_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise EntryError("entry truncated or too large")
        document = json.loads(text)
    except (zlib.error, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise EntryError(str(error)) from None
    if not (isinstance(document, dict) and document.get("format") == MAGIC
            and document.get("version") == FORMAT_VERSION):
        raise EntryError("not an analysis entry of this version")
    try:
        return _Reader().value(document.get("analysis"), Analysis)
    except RecursionError:
        raise EntryError("nested too deeply") from None


# -- generic, type-driven (de)serialisation of claimlint.model's dataclasses -------------------
#
# Field types are read from the dataclass definitions, so a new simple field (str, float, an
# enum, a tuple of strings, another model dataclass …) needs no change here. A dataclass object
# met twice (a Claim's sentence is also in Analysis.sentences) is written once and referred to
# by number after, so it comes back as one shared object.

REF = "$ref"
ID = "$id"


@functools.lru_cache(maxsize=None)
def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls, vars(model))
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init)


def _is_model_class(value: Any) -> bool:
    """A dataclass named by a field type of claimlint.model (only those are ever read)."""
    return isinstance(value, type) and dataclasses.is_dataclass(value)


class _Writer:
    def __init__(self) -> None:
        self.seen: dict[int, int] = {}
        self.keep: list[Any] = []  # keeps written objects alive, so their ids stay unique

    def value(self, value: Any) -> Any:
        kind = type(value)  # the common exact types first: this runs for every value of every analysis
        if kind is str or kind is int or value is None or kind is bool:
            return value
        if kind is list:
            return [self.value(item) for item in value]
        if kind in _DATACLASSES:
            return self._object(value, kind)
        if isinstance(value, (bool, int, str)):
            return value
        if isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                return str(value)  # JSON has no nan/inf; read back by the field's type
            return value
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, array):  # a block's offsets: 32-bit little-endian ints, base64 (no int per character)
            if sys.byteorder == "big":
                value = array(value.typecode, value)
                value.byteswap()
            return base64.b64encode(value.tobytes()).decode("ascii")
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            _DATACLASSES.add(kind)
            return self._object(value, kind)
        if isinstance(value, (list, tuple)):
            return [self.value(item) for item in value]
        if isinstance(value, dict):
            return {str(key): self.value(item) for key, item in value.items()}
        # Any-typed data from outside (front matter dates …): its text, enough for a cache.
        return str(value)

    def _object(self, value: Any, kind: type) -> Any:
        if kind is model.Span:  # the most numerous object: a pair, not a mapping with an id
            return [value.start, value.end]
        if id(value) in self.seen:
            return {REF: self.seen[id(value)]}
        number = self.seen[id(value)] = len(self.seen)
        self.keep.append(value)
        data = {ID: number}
        for name, _ in _fields(kind):
            data[name] = self.value(getattr(value, name))
        return data


_DATACLASSES: set[type] = set()  # dataclass types met so far (is_dataclass() is slow to ask each time)


class _Reader:
    def __init__(self) -> None:
        self.objects: dict[int, Any] = {}

    def value(self, data: Any, kind: Any) -> Any:
        if kind is Any:
            return data
        origin = typing.get_origin(kind)
        arguments = typing.get_args(kind)
        if origin in (typing.Union, types.UnionType):
            if data is None and type(None) in arguments:
                return None
            options = [a for a in arguments if a is not type(None)]
            if len(options) != 1:
                raise EntryError(f"unsupported union {kind}")
            return self.value(data, options[0])
        if kind is model.Span:
            if not (isinstance(data, list) and len(data) == 2 and all(type(item) is int for item in data)):
                raise EntryError("a span that is not two integers")
            return model.Span(data[0], data[1])
        if _is_model_class(kind):
            return self._object(data, kind)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            try:
                return kind(data)
            except ValueError:
                raise EntryError(f"{data!r} is no {kind.__name__}") from None
        if kind is float:
            if isinstance(data, str) and data in ("nan", "inf", "-inf"):
                return float(data)
            if isinstance(data, (int, float)) and not isinstance(data, bool):
                return float(data)
            raise EntryError(f"{data!r} is not a number")
        if kind is array:
            try:
                raw = base64.b64decode(data, validate=True)
            except (TypeError, ValueError):
                raise EntryError("offsets that are not base64") from None
            offsets = array("i")
            if len(raw) % offsets.itemsize:
                raise EntryError("offsets of a partial integer")
            offsets.frombytes(raw)
            if sys.byteorder == "big":
                offsets.byteswap()
            return offsets
        if kind in (str, int, bool):
            if type(data) is not kind:
                raise EntryError(f"{data!r} is not {kind.__name__}")
            return data
        if origin in (list, tuple):
            if not isinstance(data, list):
                raise EntryError(f"{type(data).__name__} is not a list")
            if origin is list:
                return [self.value(item, arguments[0]) for item in data]
            if len(arguments) == 2 and arguments[1] is Ellipsis:
                return tuple(self.value(item, arguments[0]) for item in data)
            if len(arguments) != len(data):
                raise EntryError("tuple of the wrong length")
            return tuple(self.value(item, argument) for item, argument in zip(data, arguments))
        if origin is dict:
            if not isinstance(data, dict):
                raise EntryError(f"{type(data).__name__} is not a mapping")
            key_type, value_type = arguments
            return {self._key(key, key_type): self.value(item, value_type) for key, item in data.items()}
        raise EntryError(f"unsupported field type {kind}")

    def _key(self, key: str, kind: Any) -> Any:
        if kind is int:
            try:
                return int(key)
            except ValueError:
                raise EntryError(f"{key!r} is not an integer key") from None
        return self.value(key, kind)

    def _object(self, data: Any, cls: type) -> Any:
        if not isinstance(data, dict):
            raise EntryError(f"{cls.__name__} is not a mapping")
        if REF in data:
            known = self.objects.get(data[REF]) if isinstance(data[REF], int) else None
            if not isinstance(known, cls):
                raise EntryError(f"bad reference to a {cls.__name__}")
            return known
        number = data.get(ID)
        if not isinstance(number, int) or isinstance(number, bool) or number in self.objects:
            raise EntryError(f"{cls.__name__} without a fresh id")
        fields = _fields(cls)
        if set(data) - {ID} != {name for name, _ in fields}:
            raise EntryError(f"{cls.__name__} with other fields")
        try:
            made = cls(**{name: self.value(data[name], kind) for name, kind in fields})
        except (TypeError, ValueError, IndexError) as error:  # __post_init__ of odd data
            raise EntryError(f"{cls.__name__}: {error}") from None
        self.objects[number] = made
        return made
