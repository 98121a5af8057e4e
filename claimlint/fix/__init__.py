"""`claimlint check --fix / --diff`: edits computed from the analysis, applied to the file's bytes.

Every edit is a range of character offsets into Document.source and its replacement; the ranges
are turned into byte ranges of the original file (its encoding and byte order mark kept), so
every byte outside an edit stays as it was. A planned fix is re-analysed before it is kept: a fix
that would not make its finding go away (markup the edit cannot see, a fence left open) is
dropped, which also makes --fix idempotent. Files are written atomically with their mode kept.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from claimlint.model import FileResult, Finding

SAFE_CODES = ("CL301", "CL302")  # the disclaimer: added, or put back in its faithful wording
UNSAFE_CODES = ("CL208",)  # a DOI found by search: right most of the time, not always (ruff's "unsafe")


@dataclass(frozen=True)
class Edit:
    start: int  # character offsets into Document.source
    end: int
    text: str


@dataclass
class EditGroup:
    """Edits that fix some findings together, and how to tell that they did."""

    findings: list[Finding]
    edits: list[Edit]
    fixed: Callable[[FileResult], bool]


@dataclass
class FileFix:
    path: str
    original: bytes
    fixed: bytes
    findings: list[Finding] = field(default_factory=list)  # the findings the fix removes
    skipped: list[str] = field(default_factory=list)  # fixable findings left alone, and why


class FixError(Exception):
    """A fix that cannot be written; str(error) is the one-line reason."""


def fixable(finding: Finding, unsafe: bool) -> bool:
    if finding.suppressed:
        return False
    if finding.code in SAFE_CODES:
        return True
    return unsafe and finding.code in UNSAFE_CODES and bool(finding.extra.get("suggested_doi"))


def hidden_unsafe(results: list[FileResult]) -> int:
    """Findings only --unsafe-fixes would fix (for the hint after the summary)."""
    return sum(fixable(f, True) and not fixable(f, False) for r in results for f in r.findings)


def plan(result: FileResult, source, unsafe: bool) -> FileFix | None:
    """The fix of one checked file (source: its engine.Source), or None when nothing is to fix."""
    analysis = result.analysis
    findings = [f for f in result.findings if fixable(f, unsafe)]
    if analysis is None or source.data is None or not findings:
        return None
    codec = _codec(source.data, analysis.document.source)
    if codec is None:
        return FileFix(result.path, source.data, source.data,
                       skipped=[f"{f.code}: the file's encoding cannot be edited in place" for f in findings])
    from claimlint.fix.disclaimer import disclaimer_group
    from claimlint.fix.references import doi_group

    groups = [g for g in (disclaimer_group(analysis, findings), doi_group(analysis, findings)) if g is not None]
    fix = FileFix(result.path, source.data, source.data)
    text = analysis.document.source
    edits: list[Edit] = []
    for group in groups:
        if not group.edits:
            fix.skipped += [f"{f.code}: the text around it is marked up in a way the fix could not keep" for f in group.findings]
            continue
        try:
            candidate = apply_edits(source.data, text, edits + group.edits, codec)
        except UnicodeEncodeError:
            fix.skipped += [f"{f.code}: the fix cannot be written in the file's encoding ({codec[1]})"
                            for f in group.findings]
            continue
        except ValueError as error:
            fix.skipped += [f"{f.code}: {error}" for f in group.findings]
            continue
        if group.fixed(_recheck(source, candidate)):
            edits += group.edits
            fix.fixed, fix.findings = candidate, fix.findings + group.findings
        else:
            fix.skipped += [f"{f.code}: the fixed file would still have it" for f in group.findings]
    return fix


def _recheck(source, data: bytes) -> FileResult:
    """The fixed file analysed and checked as the original was, without Crossref."""
    from claimlint import engine

    config = source.config
    offline = replace(config, verify=replace(config.verify, enabled=False))
    return engine.run([replace(source, data=data, config=offline)]).files[0]


def _codec(data: bytes, text: str) -> tuple[int, str] | None:
    """(byte-order-mark length, encoding) that turn `text` back into exactly `data`, or None."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    body = data[bom:]
    candidates = ["utf-8"]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body).best()
        if best is not None:
            candidates.append(best.encoding)
    except ImportError:  # pragma: no cover - a dependency
        pass
    for encoding in candidates:
        try:
            if "".encode(encoding):  # UTF-16/32 put a byte order mark before every piece encoded
                continue
            if text.encode(encoding) == body:
                return bom, encoding
        except (UnicodeError, LookupError):
            continue
    return None


def apply_edits(data: bytes, text: str, edits: list[Edit], codec: tuple[int, str]) -> bytes:
    """`data` with the edits made; bytes outside the edits are copied, never re-encoded."""
    bom, encoding = codec
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for before, after in zip(ordered, ordered[1:]):
        if after.start < before.end:
            raise ValueError("two fixes overlap")
    out, position = [], 0

    def byte_offset(offset: int) -> int:
        return bom + len(text[:offset].encode(encoding))

    for edit in ordered:
        start, end = byte_offset(edit.start), byte_offset(edit.end)
        out += [data[position:start], edit.text.encode(encoding)]
        position = end
    out.append(data[position:])
    return b"".join(out)


def newline_of(text: str) -> str:
    """The file's own line ending (its first), for the lines a fix adds."""
    for index, char in enumerate(text):
        if char == "\r":
            return "\r\n" if text[index + 1 : index + 2] == "\n" else "\r"
        if char == "\n":
            return "\n"
    return "\n"


def write(path: Path, fix: FileFix) -> None:
    """Write the fixed file atomically, keeping its permission bits; refuse if it changed since
    it was read (an editor saved it meanwhile): that version is never overwritten."""
    from claimlint.atomic import write_atomically

    try:
        with open(path, "rb") as handle:
            current = handle.read()
        mode = os.stat(path).st_mode & 0o7777
    except OSError as error:
        raise FixError(f"cannot read it again ({error.strerror or error})") from None
    if current != fix.original:
        raise FixError("it changed while being checked; not fixed")
    if not mode & 0o222 or not os.access(path, os.W_OK):  # a rename would replace it all the same
        raise FixError("it is read-only; not fixed")
    try:
        write_atomically(path, fix.fixed, mode=mode)
    except OSError as error:
        raise FixError(f"cannot write the fix ({error.strerror or error})") from None


def unified_diff(fix: FileFix, text_before: str) -> str:
    """ruff's --diff: a unified diff per changed file, `--- path` / `+++ path`."""
    before = text_before.splitlines(keepends=True)
    after = _decode(fix.fixed, fix.original, text_before).splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, fromfile=fix.path, tofile=fix.path)
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def _decode(fixed: bytes, original: bytes, text_before: str) -> str:
    codec = _codec(original, text_before)
    bom, encoding = codec if codec else (0, "utf-8")
    return fixed[bom:].decode(encoding, errors="replace")
