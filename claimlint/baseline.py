"""Which findings are new: not recorded in a baseline file, or on lines changed since a git ref.

Both filters drop findings from a RunResult in place; the reports then never see them. Baseline
entries are (path, fingerprint): the fingerprint is content-based (engine._fingerprint), so a
finding keeps its identity when a paragraph is inserted above it.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any, Iterable

from claimlint.atomic import write_atomically
from claimlint.model import Finding, RunResult

BASELINE_VERSION = 1


class BaselineError(Exception):
    """A baseline or git problem; str(error) is the one-line message for the user."""


def _key(path: str) -> str:
    return Path(path).as_posix()


def write_baseline(result: RunResult, path: Path) -> int:
    """Record every unsuppressed finding (atomically: a crash never leaves half a baseline)."""
    entries = [
        {"path": _key(f.path), "code": f.code, "fingerprint": f.fingerprint, "line": f.line, "message": f.message}
        for file in result.files for f in file.findings if not f.suppressed
    ]
    document = {"claimlint_baseline": BASELINE_VERSION, "findings": entries}
    try:
        write_atomically(path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    except OSError as error:
        raise BaselineError(f"{path}: cannot write baseline ({error.strerror})") from None
    return len(entries)


def read_baseline(path: Path) -> set[tuple[str, str]]:
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BaselineError(f"{path}: cannot read baseline ({error.strerror})") from None
    except ValueError:
        raise BaselineError(f"{path}: not a claimlint baseline (invalid JSON)") from None
    if not isinstance(document, dict) or document.get("claimlint_baseline") != BASELINE_VERSION:
        raise BaselineError(f"{path}: not a claimlint baseline (version {BASELINE_VERSION})")
    try:
        return {(_key(e["path"]), str(e["fingerprint"])) for e in document["findings"]}
    except (KeyError, TypeError):
        raise BaselineError(f"{path}: malformed baseline entry") from None


def apply_baseline(result: RunResult, known: set[tuple[str, str]]) -> None:
    for file in result.files:
        file.findings = [f for f in file.findings if (_key(f.path), f.fingerprint) not in known]


# --- --diff-base ---------------------------------------------------------------------------

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def _git(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", "-c", "core.quotePath=false", *arguments], cwd=cwd, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", check=False)
    except OSError as error:
        raise BaselineError(f"--diff-base needs git ({error.strerror})") from None


def changed_lines(ref: str, paths: Iterable[str], cwd: Path) -> dict[str, set[int] | None]:
    """For each path: the line numbers added or changed since `ref` (None: the whole file is new)."""
    paths = list(paths)
    # The repository of the checked files (the first one that exists), not necessarily of cwd.
    anchor = next(((cwd / p).parent for p in paths if (cwd / p).is_file()), cwd)
    top = _git(["rev-parse", "--show-toplevel"], anchor)
    if top.returncode != 0:
        raise BaselineError(f"--diff-base: {anchor} is not inside a git repository")
    root = Path(top.stdout.strip())
    if _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root).returncode != 0:
        raise BaselineError(f"--diff-base: {ref!r} is not a git commit, branch or tag here")
    changes: dict[str, set[int] | None] = {}
    for path in paths:
        absolute = (cwd / path).resolve()
        try:
            relative = absolute.relative_to(root.resolve()).as_posix()
        except ValueError:
            changes[path] = None  # outside the repository: nothing to compare with, all of it is new
            continue
        if _git(["ls-files", "--error-unmatch", "--", relative], root).returncode != 0:
            changes[path] = None  # untracked: every line is new
            continue
        diff = _git(["diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", ref, "--", relative], root)
        if diff.returncode != 0:
            raise BaselineError(f"--diff-base: git diff failed: {diff.stderr.strip().splitlines()[-1:]}")
        changes[path] = _added_lines(diff.stdout)
    return changes


def _added_lines(diff: str) -> set[int]:
    lines: set[int] = set()
    for match in map(HUNK.match, diff.splitlines()):
        if match:  # "+start,count": count 0 is a pure deletion, nothing to report on
            start, count = int(match.group(1)), int(match.group(2) or 1)
            lines.update(range(start, start + count))
    return lines


def _on_changed_lines(finding: Finding, lines: set[int] | None) -> bool:
    if lines is None:
        return True
    return any(line in lines for line in range(finding.line, finding.end_line + 1))


def apply_diff_base(result: RunResult, changes: dict[str, set[int] | None]) -> None:
    for file in result.files:
        lines = changes.get(file.path)
        file.findings = [f for f in file.findings if _on_changed_lines(f, lines)]
