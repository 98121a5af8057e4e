"""Write docs/rules/<CODE>.md and docs/rules/README.md from the Rule objects.

    python scripts/generate_rule_docs.py          # rewrite the pages
    python scripts/generate_rule_docs.py --check  # exit 1 if a committed page is out of date

tests/core/test_rule_docs.py runs the check, so the pages cannot drift from the rules.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimlint.checks.registry import all_rules  # noqa: E402
from claimlint.rule_docs import index_page, markdown_page  # noqa: E402

DOCS = ROOT / "docs" / "rules"


def expected_pages() -> dict[Path, str]:
    rules = list(all_rules().values())
    pages = {DOCS / f"{rule.code}.md": markdown_page(rule) for rule in rules}
    pages[DOCS / "README.md"] = index_page(rules)
    return pages


def stale_pages() -> list[Path]:
    pages = expected_pages()
    stale = [path for path, text in pages.items()
             if not path.is_file() or path.read_text(encoding="utf-8") != text]
    stale += [path for path in DOCS.glob("*.md") if path not in pages]  # a rule that no longer exists
    return sorted(stale)


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = stale_pages()
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)} (run: python scripts/generate_rule_docs.py)")
        return 1 if stale else 0
    DOCS.mkdir(parents=True, exist_ok=True)
    pages = expected_pages()
    for path in DOCS.glob("*.md"):
        if path not in pages:
            path.unlink()
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
