"""Report stage: RunResult -> text in a named format. Formats register themselves by name;
none of them parses an article again: everything they print is in the RunResult."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Protocol

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
