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


class Formatter(Protocol):
    def __call__(self, result: RunResult, options: ReportOptions) -> str: ...


_FORMATS: dict[str, Formatter] = {}
# Modules that define formats; each calls register() at import.
FORMAT_MODULES = ("text", "json", "sarif", "junit", "github", "gitlab", "markdown", "html")
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


def render(result: RunResult, name: str, options: ReportOptions) -> str:
    return formats()[name](result, options)
