"""GitLab Code Quality JSON (a CodeClimate subset): shown in merge request widgets.

GitLab needs a fingerprint unique across the report, so the file's path joins the
content-based Finding.fingerprint (which is unique only within its file).
"""

from __future__ import annotations

import hashlib
from typing import Any

from claimlint.model import Finding, RunResult, Severity
from claimlint.report import ReportOptions, indented_json, register
from claimlint.report.json import visible

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _issue(finding: Finding) -> dict[str, Any]:
    fingerprint = hashlib.sha1(f"{finding.path}\x00{finding.fingerprint}".encode()).hexdigest()
    return {
        "type": "issue",
        "check_name": finding.code,
        "description": f"{finding.code} {finding.message}",
        "categories": ["Style"],
        # A suppressed finding (shown only with --show-suppressed) must not look like a live one.
        "severity": "info" if finding.suppressed else SEVERITIES[finding.severity],
        "fingerprint": fingerprint,
        "location": {"path": finding.path, "lines": {"begin": finding.line, "end": finding.end_line}},
    }


@register("gitlab")
def render_gitlab(result: RunResult, options: ReportOptions) -> str:
    issues = [_issue(f) for file in result.files for f in visible(file, options)]
    return indented_json.dumps(issues) + "\n"
