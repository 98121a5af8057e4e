"""JUnit XML for Jenkins and GitLab test reports: a testcase per file, a failure per finding,
an error for a file that could not be read."""

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
    suite = ET.Element("testsuite", name="claimlint")
    failures = errors = 0
    for file in result.files:
        case = ET.SubElement(suite, "testcase", classname="claimlint", name=xml_text(file.path),
                             file=xml_text(file.path))
        if file.error:
            errors += 1
            ET.SubElement(case, "error", type="unreadable", message=xml_text(file.error))
            continue
        for finding in visible(file, options):
            failures += 1
            failure = ET.SubElement(case, "failure", type=finding.code,
                                    message=xml_text(f"{finding.code} {finding.message}"))
            failure.text = xml_text(f"{finding.path}:{finding.line}:{finding.column}: {finding.code} "
                                    f"[{finding.severity.value}] {finding.message}\n{finding.excerpt}")
    counts = {"tests": str(len(result.files)), "failures": str(failures), "errors": str(errors)}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", name="claimlint", **counts)
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
