"""Precision (and recall) of the CL5xx rules on the labelled synthetic cases.

    python benchmarks/eval_evidence.py [tests/quality/evidence/cases.yaml] [--errors]

Each case is one claim sentence citing one reference entry whose identifier resolved to a record.
The record goes through the real source normalisation (Crossref message or PubMed summary ->
WorkRecord), the claim through the real CL5xx check; the claim's kind is the case's (so this
measures the rules, not claim detection). The year is fixed at 2026, statistic-max-age at 15.
No network, no spaCy: it runs in a second.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimlint.checks.base import CheckOptions  # noqa: E402
from claimlint.checks.evidence import FAMILY, RULES  # noqa: E402
from claimlint.model import (Analysis, Claim, Disclaimer, Document, DoiMention, DoiStatus, DoiVerdict,  # noqa: E402
                             Marker, PubmedIdMention, Reference, Sentence, Span, Verdicts, WorkRecord)
from claimlint.verify.sources import crossref, pubmed  # noqa: E402

CASES = ROOT / "tests" / "quality" / "evidence" / "cases.yaml"
YEAR = 2026


def record_of(case: dict[str, Any]) -> WorkRecord:
    if "crossref" in case:
        spec = case["crossref"]
        message = {"DOI": str(spec["doi"]), "type": spec.get("type", "journal-article"), "title": [spec["title"]],
                   "container-title": [spec["container"]] if spec.get("container") else [],
                   "author": [{"family": "Author", "given": "A"}]}
        if spec.get("year"):
            message["issued"] = {"date-parts": [[spec["year"]]]}
        if spec.get("update_to"):
            message["update-to"] = [{"DOI": str(u["DOI"]), "type": u["type"]} for u in spec["update_to"]]
        return crossref.record_of(message, message["DOI"])
    spec = case["pubmed"]
    summary = {"uid": spec["pmid"], "title": spec["title"], "fulljournalname": spec["journal"], "source": spec["source"],
               "pubdate": spec["pubdate"], "pubtype": spec.get("pubtype", []), "authors": [{"name": "Author A"}],
               "articleids": [{"idtype": "pubmed", "value": spec["pmid"]}],
               "references": [{**r, "pmid": str(r.get("pmid", ""))} for r in spec.get("references", [])]}
    return pubmed.record_of(summary, spec["pmid"], "pubmed")


def analysis_of(case: dict[str, Any]) -> tuple[Analysis, Verdicts]:
    sentence_text, entry = case["sentence"], case["entry"]
    source = f"{sentence_text}\n\n1. {entry}\n"
    start = len(sentence_text) + 2
    reference = Reference(raw=f"1. {entry}", span=Span(start, start + len(entry) + 3), label="1")
    marker_at = sentence_text.rfind("[1]")
    sentence = Sentence(sentence_text, Span(0, len(sentence_text)), 0, 0, len(sentence_text),
                        markers=[Marker("numeric", "[1]", ("1",), Span(marker_at, marker_at + 3))])
    record = record_of(case)
    analysis = Analysis(document=Document("case.md", source, "markdown", blocks=[]), language="en",
                        language_source="option", sentences=[sentence],
                        claims=[Claim(sentence, case["kind"], [])], references=[reference],
                        references_span=reference.span, dois=[], disclaimer=Disclaimer(False, False))
    end = reference.span.end - 1
    if "crossref" in case:
        doi = str(case["crossref"]["doi"])
        analysis.dois = [DoiMention(doi, doi, Span(end - 5, end), True, reference_index=0)]
        verdicts = Verdicts(dois={doi: DoiVerdict(doi, DoiStatus.VERIFIED, record)}, ran=True)
    else:
        pmid = str(case["pubmed"]["pmid"])
        analysis.pubmed_ids = [PubmedIdMention("pmid", pmid, pmid, Span(end - 5, end), reference_index=0)]
        verdicts = Verdicts(pubmed_ids={pmid: DoiVerdict(pmid, DoiStatus.VERIFIED, record, scheme="pmid")}, ran=True)
    return analysis, verdicts


def evaluate(path: Path = CASES) -> tuple[dict[str, dict[str, int]], list[str]]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    counts = {rule.code: {"tp": 0, "fp": 0, "fn": 0} for rule in RULES}
    errors = []
    for case in cases:
        analysis, verdicts = analysis_of(case)
        fired = {p.code for p in FAMILY.problems(analysis, verdicts, CheckOptions(statistic_max_age=15, year=YEAR))}
        expected = set(case["expect"])
        for code, count in counts.items():
            if code in fired and code in expected:
                count["tp"] += 1
            elif code in fired:
                count["fp"] += 1
                errors.append(f"FP {code} {case['id']}")
            elif code in expected:
                count["fn"] += 1
                errors.append(f"FN {code} {case['id']}")
    return counts, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=Path, default=CASES)
    parser.add_argument("--errors", action="store_true", help="list the cases each rule got wrong")
    args = parser.parse_args()
    counts, errors = evaluate(args.cases)
    total = len(yaml.safe_load(args.cases.read_text(encoding="utf-8")))
    print(f"{total} synthetic cases ({args.cases})")
    print("rule   labelled  TP  FP  FN  precision  recall")
    for code, c in counts.items():
        fired, labelled = c["tp"] + c["fp"], c["tp"] + c["fn"]
        precision = f"{c['tp'] / fired:.2f}" if fired else "-"
        recall = f"{c['tp'] / labelled:.2f}" if labelled else "-"
        print(f"{code}  {labelled:8d}  {c['tp']:2d}  {c['fp']:2d}  {c['fn']:2d}  {precision:>9}  {recall:>6}")
    if args.errors:
        print("\n".join(errors) or "no errors")


if __name__ == "__main__":
    main()
