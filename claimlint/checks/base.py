"""What a check is: a Rule (stable code, defaults, documented examples) and a function that
reads an Analysis and Verdicts and yields Problems. Checks do no I/O and parse nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from claimlint import REPOSITORY_URL, __version__
from claimlint.model import Analysis, Severity, Span, Verdicts


# Where docs/rules/<CODE>.md (scripts/generate_rule_docs.py) is published: the release tag of
# the installed version, so a link never describes other behaviour than the one that ran.
DOCS_BASE_URL = f"{REPOSITORY_URL}/blob/v{__version__}/docs/rules"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    description: str
    fail_example: str  # an article snippet that produces this code
    pass_example: str  # the same snippet fixed
    example_format: str = "markdown"
    needs_verification: bool = False  # examples only reproduce with a Crossref (or PubMed) stand-in
    why: str = ""  # why it matters (docs page, explain)
    limitations: str = ""  # known false positives or blind spots (docs page, explain)

    @property
    def docs_url(self) -> str:
        return f"{DOCS_BASE_URL}/{self.code}.md"


@dataclass
class Problem:
    code: str
    message: str
    span: Span
    extra: dict[str, Any] = field(default_factory=dict)


CheckFunction = Callable[[Analysis, Verdicts], Iterable[Problem]]


@dataclass(frozen=True)
class CheckOptions:
    """The few settings a check reads (from the config), passed to families that ask for them."""

    statistic_max_age: int = 15  # CL504, years
    year: int | None = None  # the current year (None: today's); fixed in tests


@dataclass(frozen=True)
class RuleFamily:
    rules: tuple[Rule, ...]
    check: CheckFunction
    # A family whose checks read settings: called as check_with(analysis, verdicts, options).
    check_with: Callable[[Analysis, Verdicts, CheckOptions], Iterable[Problem]] | None = None

    def problems(self, analysis: Analysis, verdicts: Verdicts, options: CheckOptions = CheckOptions()
                 ) -> Iterable[Problem]:
        return self.check_with(analysis, verdicts, options) if self.check_with else self.check(analysis, verdicts)


def run_family(family: RuleFamily, analysis: Analysis, verdicts: Verdicts) -> Iterator[Problem]:
    yield from family.check(analysis, verdicts)
