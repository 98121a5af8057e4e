"""Bytes -> text, refusing what is not an article (binary, too large) with a one-line reason.
An empty or blank file is an article with nothing to report (a placeholder _index.md)."""

from __future__ import annotations

import re

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # articles are KBs; 5 MB already means something is wrong


class LoadError(Exception):
    """A file that cannot be linted; str(error) is the one-line reason shown to the user."""


def too_large(size: int | None, limit: int) -> str:
    """The one-line reason for a file over the max-file-size limit (size None: a stream)."""
    what = f"file is {size:,} bytes, over" if size is not None else "input is over"
    return f"{what} the {limit:,}-byte limit (raise max-file-size to lint it)"


def decode_bytes(data: bytes, max_bytes: int | None = None) -> tuple[str, list[str]]:
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if limit and len(data) > limit:
        raise LoadError(too_large(len(data), limit))
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError("file looks binary (it contains NUL bytes)")
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        notes.append("UTF-8 byte order mark ignored")
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _control_ratio(text) > 0.05:  # valid UTF-8, but not prose: a binary format
            raise LoadError("file looks binary (too many control characters)")
        return text, notes
    text, encoding = _decode_guess(data)
    notes.append(f"not valid UTF-8; decoded as {encoding}")
    return text, notes


def _decode_guess(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise LoadError("file is not text in any encoding claimlint recognises (binary?)")
    text = str(best)
    if "\x00" in text:
        raise LoadError("file looks binary (it contains NUL characters)")
    if _control_ratio(text) > 0.05:
        raise LoadError("file looks binary (too many control characters)")
    return text, best.encoding


CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below 32, but not \t \n \f \r


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    return len(CONTROL.findall(sample)) / max(1, len(sample))
