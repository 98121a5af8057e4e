"""Report stage: RunResult -> text in a named format. Formats register themselves by name;
none of them parses an article again: everything they print is in the RunResult."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Callable, Iterator, Protocol

from claimlint.model import RunResult


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    show_suppressed: bool = False
    statistics: bool = False
    file_errors: bool = True  # text/concise: list unreadable files (off when stderr already does)


class Formatter(Protocol):
    def __call__(self, result: RunResult, options: ReportOptions) -> str: ...


_FORMATS: dict[str, Formatter] = {}
# Which module defines each format (it calls register() at import). Only the module of the
# format asked for is imported: a cached re-run should not pay for XML or HTML machinery.
MODULE_BY_FORMAT = {
    "text": "text", "concise": "text", "json": "json", "json-lines": "json", "sarif": "sarif",
    "junit": "junit", "github": "github", "gitlab": "gitlab", "markdown": "markdown", "html": "html",
}
FORMAT_MODULES = tuple(dict.fromkeys(MODULE_BY_FORMAT.values()))
# Formats a person reads: they may show a progress bar (on stderr) and honour --statistics.
# Everything else is parsed by a machine and never gets either.
HUMAN_FORMATS = frozenset({"text", "concise", "markdown", "html"})


# Characters that would act on a terminal or a log instead of being shown: C0 controls (escape
# sequences, backspace, bell; newlines are the caller's business), DEL, C1 controls, and the
# bidirectional overrides that reorder text ("Trojan source"). Shown as Unicode control pictures
# (␛, ␈) or U+FFFD, as ruff does.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def printable(text: str) -> str:
    """Text from an article or a file name, safe to print: no control characters, no newlines."""
    return _CONTROL.sub(_picture, str(text).replace("\r\n", "\n").replace("\n", "\u2424").replace("\t", " "))


def no_workflow_command(line: str) -> str:
    """A line a CI runner would read as a command (GitHub Actions: `::error …`, after leading
    spaces) gets a zero-width space before the `::`: it reads the same, and commands nothing."""
    stripped = line.lstrip()
    if stripped.startswith("::"):
        return line[: len(line) - len(stripped)] + "\u200b" + stripped
    return line


def register(name: str) -> Callable[[Formatter], Formatter]:
    def decorate(function: Formatter) -> Formatter:
        _FORMATS[name] = function
        return function

    return decorate


def formats() -> dict[str, Formatter]:
    for module in FORMAT_MODULES:
        try:
            importlib.import_module(f"claimlint.report.{module}")
        except ModuleNotFoundError as error:
            if error.name != f"claimlint.report.{module}":
                raise
    return dict(_FORMATS)


def format_names() -> list[str]:
    return sorted(MODULE_BY_FORMAT)


def render(result: RunResult, name: str, options: ReportOptions) -> str:
    if name not in _FORMATS:
        importlib.import_module(f"claimlint.report.{MODULE_BY_FORMAT[name]}")
    return _FORMATS[name](result, options)


_CHUNKED: dict[str, Callable[[RunResult, ReportOptions], Iterator[str]]] = {}


def register_chunks(name: str) -> Callable:
    """A format that can also be written a piece at a time (a run's report for thousands of files
    need not exist whole in memory on its way to stdout)."""
    def decorate(function):
        _CHUNKED[name] = function
        return function

    return decorate


def render_chunks(result: RunResult, name: str, options: ReportOptions) -> Iterator[str]:
    """The report in pieces whose concatenation is render()'s text."""
    if name not in _FORMATS:
        importlib.import_module(f"claimlint.report.{MODULE_BY_FORMAT[name]}")
    if name in _CHUNKED:
        return _CHUNKED[name](result, options)
    return iter([_FORMATS[name](result, options)])
