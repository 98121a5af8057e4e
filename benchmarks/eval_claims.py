#!/usr/bin/env python
"""Score claimlint's claim detection (CL1xx) and disclaimer verdicts (CL301/CL302) against a
hand-labelled set of articles.

    python benchmarks/eval_claims.py ARTICLES_DIR GOLD_DIR [--quiet] [--json]
    python benchmarks/eval_claims.py --cv 5 ../shared/corpus ../shared/devset [--quiet]

Gold files (GOLD_DIR/<stem>.json) list FLAG and EITHER sentences by exact text; every other
sentence is OK. Matching rule: each gold text becomes a line/column span; a CL1xx finding counts
for the labelled sentence its own span overlaps most; FLAG -> true positive (several findings on
one FLAG count once), EITHER -> not scored, no overlap -> false positive; an unfound FLAG is a
false negative. Disclaimer: CL301 is expected where `required` and present is none/partial;
CL302 is expected where present is altered/partial; nothing where present is full or where
the disclaimer is not required and absent.

Runs the engine in-process with verification off. Reads nothing outside the given paths.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLAIM_CODES = ("CL101", "CL102", "CL103", "CL104")


@dataclass
class Labelled:
    text: str
    label: str  # FLAG | EITHER
    why: str
    start: tuple[int, int]  # (line, column), 1-based, column in code points
    end: tuple[int, int]  # exclusive
    found: bool = False


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    either_hits: int = 0
    sentences: int = 0
    fps: list[str] = field(default_factory=list)
    fns: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.either_hits += other.either_hits
        self.sentences += other.sentences

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def locate(source: str, text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    offset = source.find(text)
    if offset < 0:
        return None
    line = source.count("\n", 0, offset) + 1
    line_start = source.rfind("\n", 0, offset) + 1
    column = offset - line_start + 1
    return (line, column), (line, column + len(text))


def _overlap(a_start, a_end, b_start, b_end) -> int:
    """Overlap of two (line, column) spans, in characters on shared lines (lines weigh 10**6)."""
    start = max(a_start, b_start)
    end = min(a_end, b_end)
    if end <= start:
        return 0
    if start[0] == end[0]:
        return end[1] - start[1]
    return (end[0] - start[0]) * 10**6 + end[1] - start[1]


def run_claimlint(paths: list[Path]):
    """Findings per path, in-process, verification off."""
    from claimlint.config import Config
    from claimlint.engine import Source, run
    from claimlint.verify.settings import VerifySettings

    # A fresh cache directory: every file is analysed now, never served from an earlier run.
    with tempfile.TemporaryDirectory(prefix="claimlint-eval-") as cache_dir:
        config = replace(Config(), verify=VerifySettings(enabled=False, cache_dir=cache_dir))
        sources = [Source(str(p), p.read_bytes(), config) for p in paths]
        result = run(sources)
    out = {}
    for file in result.files:
        if file.error:
            raise SystemExit(f"{file.path}: {file.error}")
        out[file.path] = file.findings
        SENTENCES[file.path] = len(file.analysis.sentences) if file.analysis else 0
    return out


SENTENCES: dict[str, int] = {}  # sentences claimlint saw per page (for false alarms per 1,000)


def score_article(path: Path, gold: dict, findings) -> tuple[Score, list[Labelled]]:
    source = path.read_text(encoding="utf-8")
    labelled: list[Labelled] = []
    for item in gold.get("sentences", []):
        span = locate(source, item["text"])
        if span is None:
            raise SystemExit(f"{path}: gold text not found: {item['text'][:60]!r}")
        labelled.append(Labelled(item["text"], item["label"], item.get("why", ""), span[0], span[1]))
    score = Score(sentences=SENTENCES.get(str(path), 0))
    lines = source.splitlines()
    for finding in findings:
        if finding.code not in CLAIM_CODES:
            continue
        f_start, f_end = (finding.line, finding.column), (finding.end_line, finding.end_column)
        best, best_overlap = None, 0
        for item in labelled:
            overlap = _overlap(f_start, f_end, item.start, item.end)
            if overlap > best_overlap:
                best, best_overlap = item, overlap
        if best is None:
            score.fp += 1
            text = finding.excerpt.replace("\n", " ")
            score.fps.append(f"{path.name}:{finding.line} {finding.code} {text[:150]}")
        elif best.label == "FLAG":
            if not best.found:
                score.tp += 1
            best.found = True
        else:
            score.either_hits += 1
    for item in labelled:
        if item.label == "FLAG" and not item.found:
            score.fn += 1
            score.fns.append(f"{path.name}:{item.start[0]} ({item.why}) {item.text[:150]}")
    del lines
    return score, labelled


def disclaimer_verdict(gold: dict, findings) -> tuple[str, str, bool]:
    """(expected, got, right) for one article."""
    spec = gold.get("disclaimer") or {}
    required = bool(spec.get("required"))
    present = spec.get("present", "none")
    if present in ("altered", "partial"):
        expected = "CL302"
    elif required and present == "none":
        expected = "CL301"
    else:
        expected = "-"
    codes = sorted({f.code for f in findings if f.code in ("CL301", "CL302")})
    got = "+".join(codes) or "-"
    return expected, got, got == expected


def pairs_in(articles: Path, gold_dir: Path) -> list[tuple[Path, dict]]:
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        candidates = [articles / Path(gold.get("file", "")).name] + sorted(articles.glob(gold_path.stem + ".*"))
        article = next((c for c in candidates if c.is_file()), None)
        if article is None:
            print(f"warning: no article for {gold_path.name}", file=sys.stderr)
            continue
        pairs.append((article, gold))
    return pairs


def cv_findings(set_dirs: list[Path], folds: int) -> tuple[list[tuple[Path, dict]], dict]:
    """Findings for every page of these sets, each page judged by a model trained without it
    (folds grouped by page, round-robin within each language); the synthetic training sets of
    scripts/train_claims.py are in every fold's training data."""
    import importlib.util

    from claimlint.analyse import claims as claims_module
    from claimlint.analyse import page as page_module

    spec = importlib.util.spec_from_file_location("train_claims", ROOT / "scripts" / "train_claims.py")
    trainer = importlib.util.module_from_spec(spec)
    sys.modules["train_claims"] = trainer  # dataclasses look their module up there
    spec.loader.exec_module(trainer)
    pages = [trainer.extract(p) for d in set_dirs for p in trainer.labelled_pages(d)]
    extra = [trainer.extract(p) for d in trainer.TRAIN_SETS for p in trainer.labelled_pages(d)]
    fold_of, seen = {}, defaultdict(int)
    for page in sorted(pages, key=lambda p: (p.language, p.name)):
        fold_of[page.name] = seen[page.language] % folds
        seen[page.language] += 1
    findings = {}
    saved = claims_module.MODEL_PATH, page_module.MODEL_PATH
    try:
        with tempfile.TemporaryDirectory(prefix="claimlint-cv-") as folder:
            for k in range(folds):
                train = [p for p in pages if fold_of[p.name] != k] + extra
                test = [p for p in pages if fold_of[p.name] == k]
                claims_model, page_model = trainer.train(train)
                claims_module.MODEL_PATH = Path(folder) / f"claims{k}.npz"
                page_module.MODEL_PATH = Path(folder) / f"page{k}.npz"
                claims_module.MODEL_PATH.write_bytes(claims_model)
                page_module.MODEL_PATH.write_bytes(page_model)
                findings.update(run_claimlint([p.article for p in test]))
                print(f"fold {k + 1}/{folds}: {len(test)} pages", file=sys.stderr)
    finally:
        claims_module.MODEL_PATH, page_module.MODEL_PATH = saved
    return [(p.article, p.gold) for p in pages], findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", type=Path, nargs="+",
                        help="ARTICLES_DIR GOLD_DIR, or with --cv one or more set folders (articles/ + gold/)")
    parser.add_argument("--cv", type=int, metavar="K", default=0,
                        help="grouped K-fold cross-validation: train a model per fold (scripts/train_claims.py)")
    parser.add_argument("--quiet", action="store_true", help="figures only, no FP/FN listing")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    if args.cv:
        pairs, findings = cv_findings(args.paths, args.cv)
    else:
        if len(args.paths) != 2:
            parser.error("give ARTICLES_DIR GOLD_DIR (or --cv K SET_DIR...)")
        pairs = pairs_in(*args.paths)
        findings = run_claimlint([a for a, _ in pairs]) if pairs else {}
    if not pairs:
        raise SystemExit("no labelled articles found")
    per_language: dict[str, Score] = defaultdict(Score)
    overall = Score()
    fps, fns, verdicts, languages = [], [], [], []
    quiet_pages = Score()  # pages with no labelled sentence: every finding there is a false alarm
    disease_elsewhere = 0  # CL303 on pages that need no disclaimer (they do not market a supplement)
    disease_pages = []  # ... and those pages
    disease_marketing = []  # CL303 findings on each page that needs the disclaimer (read by hand: the set labels none)
    for article, gold in pairs:
        score, _ = score_article(article, gold, findings[str(article)])
        if not gold.get("sentences"):
            quiet_pages.add(score)
        if not (gold.get("disclaimer") or {}).get("required"):
            found = sum(1 for f in findings[str(article)] if f.code == "CL303")
            disease_elsewhere += found
            disease_pages += [article.name] if found else []
        else:
            disease_marketing.append(sum(1 for f in findings[str(article)] if f.code == "CL303"))
        language = gold.get("language") or "?"
        per_language[language].add(score)
        overall.add(score)
        fps += score.fps
        fns += score.fns
        verdicts.append((article.name, *disclaimer_verdict(gold, findings[str(article)])))
        languages.append(language)

    right = sum(1 for v in verdicts if v[3])
    if args.json:
        figures = {lang: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp,
                          "fn": s.fn} for lang, s in sorted(per_language.items())}
        figures["overall"] = {"precision": overall.precision, "recall": overall.recall, "f1": overall.f1,
                              "tp": overall.tp, "fp": overall.fp, "fn": overall.fn}
        figures["disclaimer"] = {"right": right, "total": len(verdicts)}
        figures["no_claim_pages"] = {"sentences": quiet_pages.sentences, "fp": quiet_pages.fp}
        print(json.dumps(figures, indent=2))
        return 0

    print("Claim detection (CL1xx)")
    print(f"{'lang':8} {'n':>3} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>6} {'R':>6} {'F1':>6}")
    counts = defaultdict(int)
    for _, gold in pairs:
        counts[gold.get("language") or "?"] += 1
    for language, s in sorted(per_language.items()) + [("overall", overall)]:
        n = len(pairs) if language == "overall" else counts[language]
        print(f"{language:8} {n:>3} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")
    print(f"(findings on EITHER sentences, not scored: {overall.either_hits})")
    if quiet_pages.sentences:
        rate = 1000 * quiet_pages.fp / quiet_pages.sentences
        print(f"Pages with no labelled sentence: {quiet_pages.sentences} sentences, {quiet_pages.fp} false alarms "
              f"= {rate:.1f} per 1,000 sentences")
    print(f"CL303 findings on pages that need no disclaimer: {disease_elsewhere} "
          f"(on {len(disease_pages)} pages{': ' if disease_pages else ''}{', '.join(disease_pages)})")
    print(f"CL303 findings on pages that need the disclaimer: {sum(disease_marketing)} "
          f"(on {sum(1 for n in disease_marketing if n)} of {len(disease_marketing)} pages)")
    print()
    print(f"Disclaimer verdicts: {right}/{len(verdicts)} right")
    for language in sorted(set(languages)) + ["overall"]:
        chosen = [v for v, lang in zip(verdicts, languages) if language in ("overall", lang)]
        tp = sum(1 for v in chosen if "CL301" in v[1] and "CL301" in v[2])
        fp = sum(1 for v in chosen if "CL301" not in v[1] and "CL301" in v[2])
        fn = sum(1 for v in chosen if "CL301" in v[1] and "CL301" not in v[2])
        print(f"  {language:8} {sum(1 for v in chosen if v[3])}/{len(chosen)} right; CL301 TP {tp} FP {fp} FN {fn}")
    for name, expected, got, ok in verdicts:
        print(f"  {'ok  ' if ok else 'WRONG'} {name:55} expected {expected:6} got {got}")
    if not args.quiet:
        print()
        print(f"False positives ({len(fps)}):")
        for line in fps:
            print("  " + line)
        print()
        print(f"False negatives ({len(fns)}):")
        for line in fns:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
