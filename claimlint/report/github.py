"""GitHub Actions workflow commands: one annotation per finding, shown on the PR's diff.

Escaping follows the runner's rules: in the message % CR LF become %25 %0D %0A; in property
values also : and , (%3A %2C), which would otherwise end the property.
"""

from __future__ import annotations

from claimlint.model import RunResult, Severity
from claimlint.report import ReportOptions, printable, register
from claimlint.report.json import visible

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict[str, object], message: str) -> str:
    """Paths keep their exact characters (escaped: the runner decodes them to find the file);
    messages lose control characters, which would otherwise reach the log as terminal codes."""
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {rendered}::{escape_data(printable(message))}"


@register("github")
def render_github(result: RunResult, options: ReportOptions) -> str:
    lines = []
    for file in result.files:
        if file.error:
            lines.append(_command("error", {"file": file.path, "title": "claimlint"}, file.error))
        for f in visible(file, options):
            properties = {"file": f.path, "line": f.line, "col": f.column, "endLine": f.end_line,
                          "endColumn": f.end_column, "title": f.code}
            command = "notice" if f.suppressed else COMMANDS[f.severity]  # only with --show-suppressed
            suffix = " (suppressed)" if f.suppressed else ""
            lines.append(_command(command, properties, f"{f.code} {f.message}{suffix}"))
    return "".join(line + "\n" for line in lines)
