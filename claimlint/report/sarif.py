"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Columns are counted in Unicode code points (`columnKind`), as everywhere in claimlint; endColumn
is exclusive, as SARIF wants. `partialFingerprints` carry the content-based Finding.fingerprint,
so code scanning keeps tracking an alert when lines move.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from claimlint import REPOSITORY_URL
from claimlint.checks.base import Rule
from claimlint.model import Finding, RunResult, Severity
from claimlint.report import ReportOptions, indented_json, register
from claimlint.report.json import visible

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = REPOSITORY_URL
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "claimlint/v1"


def artifact_uri(path: str) -> str:
    """A relative path stays relative (resolved against the checkout by code scanning)."""
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return quote(candidate.as_posix(), safe="/")


def _rule(rule: Rule) -> dict[str, Any]:
    help_text = f"{rule.description}\n\nFails:\n\n{rule.fail_example}\nPasses:\n\n{rule.pass_example}"
    help_markdown = (f"{rule.description}\n\nFails:\n\n```{rule.example_format}\n{rule.fail_example}```\n\n"
                     f"Passes:\n\n```{rule.example_format}\n{rule.pass_example}```\n")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description},
        "help": {"text": help_text, "markdown": help_markdown},
        "helpUri": rule.docs_url,
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["health-claims"]},
    }


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }
    if finding.excerpt:
        region["snippet"] = {"text": finding.excerpt}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(finding.path)},
                                            "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    if finding.suppressed:
        result["suppressions"] = [{"kind": "inSource"}]
    return result


@register("sarif")
def render_sarif(result: RunResult, options: ReportOptions) -> str:
    from claimlint.checks.registry import all_rules

    rules = all_rules()
    findings = [f for file in result.files for f in visible(file, options)]
    used = sorted({f.code for f in findings})
    index = {code: number for number, code in enumerate(used)}
    notifications = [
        {"level": "error", "message": {"text": file.error},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(file.path)}}}]}
        for file in result.files if file.error
    ]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "claimlint", "version": result.version, "semanticVersion": result.version,
                            "informationUri": INFORMATION_URI,
                            "rules": [_rule(rules[code]) for code in used]}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
        "results": [_result(f, index[f.code]) for f in findings],
    }
    document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return indented_json.dumps(document) + "\n"
