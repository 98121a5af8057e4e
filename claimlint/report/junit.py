"""JUnit XML for Jenkins and GitLab test reports: a testsuite per file, a testcase per finding
(its failure), an error for a file that could not be read."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from claimlint.model import RunResult
from claimlint.report import ReportOptions, register
from claimlint.report.json import visible

# Characters XML 1.0 cannot carry at all, even escaped; an article may contain them.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


@register("junit")
def render_junit(result: RunResult, options: ReportOptions) -> str:
    """A testsuite per file; in it a testcase per finding, each with its failure (ruff's layout),
    a passing testcase for a file with none, an error testcase for a file that could not be read.
    So failures never outnumber tests, at any level."""
    root = ET.Element("testsuites", name="claimlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for file in result.files:
        path = xml_text(file.path)
        suite = ET.SubElement(root, "testsuite", name=path, file=path)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        if file.error:
            case = ET.SubElement(suite, "testcase", classname=path, name="read", file=path)
            ET.SubElement(case, "error", type="unreadable", message=xml_text(file.error))
            counts.update(tests=1, errors=1)
        findings = [] if file.error else visible(file, options)
        for finding in findings:
            case = ET.SubElement(suite, "testcase", classname=path, file=path, line=str(finding.line),
                                 name=f"{finding.code} {finding.line}:{finding.column}")
            failure = ET.SubElement(case, "failure", type=finding.code,
                                    message=xml_text(f"{finding.code} {finding.message}"))
            failure.text = xml_text(f"{finding.path}:{finding.line}:{finding.column}: {finding.code} "
                                    f"[{finding.severity.value}] {finding.message}\n{finding.excerpt}")
            counts["tests"] += 1
            counts["failures"] += 1
        if not file.error and not findings:
            ET.SubElement(suite, "testcase", classname=path, name="no findings", file=path)
            counts["tests"] = 1
        suite.attrib.update({key: str(value) for key, value in counts.items()})
        for key, value in counts.items():
            totals[key] += value
    root.attrib.update({key: str(value) for key, value in totals.items()})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
