#!/usr/bin/env python3
"""Render the HTML report of a demo corpus and open it in real headless Chromium (Debian's).

    python scripts/html_report_check.py [--out DIR] [--chromium PATH]

Writes DIR/report.html, DIR/report.png (a screenshot: look at it) and DIR/dom.html (the DOM
after the page ran). Fails (exit 1) if an article's <script> executed, if a finding is missing
from the page, or if the page asks for anything outside itself. The demo corpus has an
article with `<script>` in its text and hand-made Crossref verdicts of every status, so no
network is needed. tests/report/test_html_browser.py runs this when chromium is installed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimlint import engine  # noqa: E402
from claimlint.config import Config  # noqa: E402
from claimlint.model import DoiStatus, DoiVerdict, RunResult, WorkRecord  # noqa: E402
from claimlint.report import ReportOptions, render  # noqa: E402
from claimlint.verify.settings import VerifySettings  # noqa: E402

PWNED = "PWNED-BY-ARTICLE"

DEMO = {
    "content/magnesium-sleep.md": """---
title: Magnesium and sleep
lang: en
---

# Magnesium for better sleep

Studies show that magnesium supplementation improves sleep quality in older adults.
Magnesium helps relax muscles and supports restful sleep. Take two capsules per serving size.
About 48% of Americans consume less magnesium than they need.

Our editor once pasted <script>document.title="PWNED-BY-ARTICLE"</script> into a draft,
and <img src=x onerror="document.title='PWNED-BY-ARTICLE'"> too; both must show as text.

Magnesium plays a key role in muscle function by regulating calcium flow in cells [1].
Low magnesium may help explain cramps [2], and zinc lowers cold duration [3].

<!-- claimlint-disable-next-line CL103 -->
Fine prose with nothing to suppress.

## References

1. Slutsky I, et al. Enhancement of Learning and Memory by Elevating Brain Magnesium. Neuron. 2010;65(2):165-177. doi:10.1016/j.neuron.2009.12.026
2. Wakefield AJ, et al. Lancet. 1998;351(9103):637-641. doi:10.1016/S0140-6736(97)11096-0
3. Smith J. Zinc and colds. J Imag. 2020;1:1-2. doi:10.9999/not-a-real-doi
""",
    "content/clean.md": """# Drinking water

Water is a clear liquid. Many people enjoy it cold.
""",
}

VERDICTS = {
    "10.1016/j.neuron.2009.12.026": DoiVerdict(
        "10.1016/j.neuron.2009.12.026", DoiStatus.VERIFIED,
        WorkRecord(source="crossref", doi="10.1016/j.neuron.2009.12.026",
                   title="Enhancement of Learning and Memory by Elevating Brain Magnesium", authors=["Slutsky"],
                   year=2010, container="Neuron")),
    "10.1016/s0140-6736(97)11096-0": DoiVerdict(
        "10.1016/s0140-6736(97)11096-0", DoiStatus.RETRACTED,
        WorkRecord(source="crossref", doi="10.1016/s0140-6736(97)11096-0",
                   title="RETRACTED: Ileal-lymphoid-nodular hyperplasia <script>x</script>", authors=["Wakefield"],
                   year=1998, container="The Lancet"), detail="retracted by 10.1016/S0140-6736(10)60175-4"),
    "10.9999/not-a-real-doi": DoiVerdict("10.9999/not-a-real-doi", DoiStatus.NOT_FOUND,
                                         detail="unknown to Crossref and doi.org"),
}


def demo_result(folder: Path) -> RunResult:
    config = Config(verify=VerifySettings(enabled=False))
    sources = []
    for name, text in DEMO.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        sources.append(engine.Source(name, text.encode(), config))
    result = engine.run(sources, jobs=1)
    for file in result.files:  # stand-in for the verify stage: every status shows up
        file.verdicts.ran = True
        file.verdicts.dois.update({doi: v for doi, v in VERDICTS.items()})
        assert file.analysis is not None
        file.findings = engine.findings_for(file.analysis, file.verdicts, config)
    return result


def find_chromium(explicit: str | None) -> str | None:
    return explicit or shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(binary: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    profile = tempfile.mkdtemp(prefix="claimlint-chromium-")
    try:
        return subprocess.run(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", *arguments],
            capture_output=True, text=True, timeout=120, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def check(out: Path, binary: str) -> list[str]:
    """Render, screenshot, dump the DOM; return the problems found (empty: all good)."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        result = demo_result(Path(folder))
    page = render(result, "html", ReportOptions())
    report = out / "report.html"
    report.write_text(page, encoding="utf-8")
    problems = []
    external = re.findall(r'(?:src|href)="(?!#|https://doi\.org/)([^"]+)"', page)
    if external or "<link" in page or "<script" in page:
        problems.append(f"the page refers to something outside itself: {external[:3]}")
    shot = out / "report.png"
    chromium(binary, "--window-size=1400,1800", "--hide-scrollbars", f"--screenshot={shot}", report.as_uri())
    if not shot.is_file() or shot.stat().st_size < 10_000:
        problems.append("no screenshot (did chromium start?)")
    dom = chromium(binary, "--virtual-time-budget=2000", "--dump-dom", report.as_uri()).stdout
    (out / "dom.html").write_text(dom, encoding="utf-8")
    if PWNED in re.sub(r"&[^;]+;", "", dom.split("<body", 1)[0]) or "<title>" + PWNED in dom:
        problems.append("an article's script ran")
    if "&lt;script&gt;document.title" not in dom:
        problems.append("the article's <script> is not shown as text")
    expected = sum(len(f.findings) for f in result.files)
    shown = len(re.findall(r'<li class="note ', dom))
    if shown != expected:
        problems.append(f"{expected} findings but {shown} notes on the page")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "html-check")
    parser.add_argument("--chromium", default=None)
    arguments = parser.parse_args()
    binary = find_chromium(arguments.chromium)
    if binary is None:
        print("chromium not found (apt-get install -y chromium)", file=sys.stderr)
        return 2
    problems = check(arguments.out, binary)
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    print(f"report: {arguments.out / 'report.html'}\nscreenshot: {arguments.out / 'report.png'}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
