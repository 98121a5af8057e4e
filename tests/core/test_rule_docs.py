"""Rule docs pages generated from the Rule objects, linked from explain, SARIF and text output;
the text format stays short (the advice lives on the page) and points with carets."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from claimlint.checks.base import DOCS_BASE_URL
from claimlint.checks.registry import all_rules

from .test_cli import articles, invoke, runner  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location("generate_rule_docs", ROOT / "scripts" / "generate_rule_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_rule_docs_are_up_to_date():
    stale = _generator().stale_pages()
    assert not stale, f"run: python scripts/generate_rule_docs.py ({[p.name for p in stale]})"


def test_every_rule_has_a_page_with_rufs_sections():
    for code, rule in all_rules().items():
        page = (ROOT / "docs" / "rules" / f"{code}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {code}: {rule.name}\n")
        for heading in ("## What it does", "## Example", "## Use instead"):
            assert heading in page
        assert rule.fail_example.strip() in page and rule.pass_example.strip() in page
        assert rule.docs_url == f"{DOCS_BASE_URL}/{code}.md"


def test_explain_by_code_or_name_links_the_docs(runner):
    by_name = invoke(runner, "explain", "uncited-statistic")
    assert by_name.exit_code == 0
    assert by_name.stdout == invoke(runner, "explain", "cl103").stdout
    assert by_name.stdout.startswith("CL103 uncited-statistic (error)")
    assert "Why is this bad?" in by_name.stdout and "Known limitations:" in by_name.stdout
    assert f"Docs: {DOCS_BASE_URL}/CL103.md" in by_name.stdout
    assert invoke(runner, "explain", "no-such-rule").exit_code == 2


def test_sarif_rules_carry_help_uri(runner, articles):
    result = invoke(runner, "check", "--no-verify", "--format", "sarif", "claims.md")
    rules = json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert rules and all(rule["helpUri"] == f"{DOCS_BASE_URL}/{rule['id']}.md" for rule in rules)


def test_text_output_is_short_links_the_docs_and_points_with_carets(runner, tmp_path):
    (tmp_path / "para.md").write_text(
        "# Sleep\n\nMagnesium is a mineral. Studies show that magnesium improves sleep in adults. Ask your doctor.\n\n"
        "## References\n\n1. Smith J. Sleep. Sleep. 2020;1:1-2.\n", encoding="utf-8")
    result = invoke(runner, "check", "--no-verify", "para.md")
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if re.match(r"para\.md:3:25: CL102 ", line))
    # short, and says why it is a claim: the research appeal and its health subject
    assert lines[at].endswith('uncited research claim: "Studies show" about "magnesium"; cite a source in this sentence')
    assert lines[at + 1] == "    Magnesium is a mineral. Studies show that magnesium improves sleep in adults. Ask your doctor."
    caret = lines[at + 2]
    assert caret.index("^") == 4 + 24 and caret.strip() == "^" * len("Studies show that magnesium improves sleep in adults.")
    assert f"  CL102 uncited-research-claim: {DOCS_BASE_URL}/CL102.md" in lines
    assert "reference list alone" not in result.stdout


def test_a_long_line_is_cut_around_the_finding(runner, tmp_path):
    filler = "Water is wet. " * 30
    (tmp_path / "long.md").write_text(f"{filler}Studies show that zinc shortens colds. {filler}\n", encoding="utf-8")
    lines = invoke(runner, "check", "--no-verify", "long.md").stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if " CL102 " in line)
    shown, caret = lines[at + 1], lines[at + 2]
    assert shown.startswith("    …") and shown.endswith("…") and len(shown) <= 4 + 102
    assert shown[caret.index("^"):].startswith("Studies show")
