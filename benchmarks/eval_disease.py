#!/usr/bin/env python
"""Score CL303's sentence judgement (claimlint/analyse/disease/) on a labelled sentence set.

    python benchmarks/eval_disease.py [tests/quality/disease/*.json] [--errors]

Each item is read as a paragraph of a page that markets a supplement (the page verdict is not
part of this score), split into sentences as the pipeline splits it: "disease" items should be
flagged, "structure_function" ones not.
Prints precision, recall and F1 per language.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def judged(text: str, language: str):
    """CL303's finding on an item, as the pipeline reads it: split into sentences (an item may hold
    two: a question and its answer, a product line and a sales line), each judged, and questions
    answered by the next sentence (question_hooks); the first finding, or None."""
    from claimlint.analyse import structure
    from claimlint.analyse.claims import views
    from claimlint.analyse.disease import contexts, judge, question_hooks
    from claimlint.analyse.lexicon import lexicon
    from claimlint.load import load_bytes

    document = load_bytes("item.txt", text.encode("utf-8"), "text")
    analysis = structure(document, language)[0]
    all_views = views(analysis.sentences, document.blocks, lexicon(language))
    hooks, context = question_hooks(all_views, language), contexts(all_views, language)
    return next((found for index, view in enumerate(all_views)
                 for found in [judge(view, language, context[index]) or hooks.get(index)] if found is not None), None)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", type=Path, nargs="*", help="labelled sets (default: every set in tests/quality/disease)")
    parser.add_argument("--errors", action="store_true", help="list the misjudged sentences")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "tests" / "quality" / "disease").glob("*.json"))
    for path in paths:
        if len(paths) > 1:
            print(f"== {path.name}")
        score(json.loads(path.read_text(encoding="utf-8")), args.errors)
    return 0


def score(items: list[dict], show_errors: bool) -> None:
    counts = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    errors = []
    for item in items:
        found = judged(item["text"], item["lang"])
        expected = item["label"] == "disease"
        row = counts[item["lang"]]
        if found and expected:
            row[0] += 1
        elif found:
            row[1] += 1
            errors.append(f"FP {item['lang']} {item['text']}  <- {found.disease!r} {found.verb!r}")
        elif expected:
            row[2] += 1
            errors.append(f"FN {item['lang']} {item['text']}")
    total = [sum(r[i] for r in counts.values()) for i in range(3)]
    print(f"{'lang':8} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for language, (tp, fp, fn) in sorted(counts.items()) + [("overall", total)]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{language:8} {tp:>4} {fp:>4} {fn:>4} {p:6.3f} {r:6.3f} {f1:6.3f}")
    if show_errors:
        print("\n".join(sorted(errors)))


if __name__ == "__main__":
    sys.exit(main())
