#!/usr/bin/env python
"""Train the statistical claim backstop (claimlint/analyse/model_scorer.py) on the labelled
synthetic sets, and evaluate it honestly.

    python scripts/train_claim_model.py                 # train on all sets, write claim_model.npz
    python scripts/train_claim_model.py --loso          # (a) leave-one-set-out: rules vs rules+model
    python scripts/train_claim_model.py --eval ARTICLES GOLD   # (b) train on all, score another set
                                                         #     (e.g. the dev set), rules vs rules+model
    python scripts/train_claim_model.py --check         # train twice, print the output hash

Examples come from claimlint's own load + analyse (sentences segmented exactly as at run time).
Label: 1 = a gold FLAG sentence; 0 = an unlisted (OK) sentence; EITHER is skipped. Sentences the
model never sees at run time are skipped too: headings, footnotes, reference entries,
disclaimers, questions, too short, and those an exclusion group (advice, product, ...) matches.
A sentence with a citation marker is OK in the gold (it is cited) but may still be a claim: its
label is the rules' verdict (precision ~0.98), so the model learns "claim", not "uncited".

Training: logistic regression over hashed binary features (model_scorer.features), full-batch
Adam, fixed iteration count, no randomness (folds are assigned by article order): the same data
gives the same bytes. The threshold is the lowest that keeps the out-of-fold precision (5 folds
grouped by article) of the model's positives at or above TARGET_PRECISION.

The dev set (../shared/devset) is never read here except through --eval, which only scores it.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimlint.analyse import model_scorer  # noqa: E402

QUALITY = ROOT / "tests" / "quality"
SETS = {
    "first": (QUALITY / "articles", QUALITY / "gold"),
    "heldout": (QUALITY / "heldout" / "articles", QUALITY / "heldout" / "gold"),
    "round3": (QUALITY / "round3" / "articles", QUALITY / "round3" / "gold"),
}
PROBES = QUALITY / "probes" / "probes.json"  # written during the round-3 fixes: grouped with round3
ITERATIONS = 400
LEARNING_RATE = 0.05
L2 = 1e-4
POSITIVE_WEIGHT = 1.0
FOLDS = 5
TARGET_PRECISION = 0.95
THRESHOLD_FLOOR = 0.5
# sentences an exclusion group matched are never scored at run time; as training negatives they
# show the model more non-claim wording (advice, product text)
EXCLUDED_AS_NEGATIVES = False


@dataclass
class Example:
    features: list[str]
    label: int
    group: str  # set name
    article: str
    rules_flagged: bool
    text: str


def _analyse(path: str, data: bytes):
    from claimlint.analyse import analyse
    from claimlint.load import load_bytes

    return analyse(load_bytes(path, data))


def _examples_of(analysis, labels_at, group: str, article: str) -> list[Example]:
    """Examples of one analysed document; labels_at(sentence) -> 'FLAG' | 'EITHER' | None."""
    from claimlint.analyse.claims import _eligible, cue_matcher, groups_in, sentence_groups
    from claimlint.analyse.nlp import pipeline
    from claimlint.analyse.rules import rule_pack
    from claimlint.analyse.sentences import split_sentences
    from claimlint.checks.claims import is_cited

    language = analysis.language
    pack = rule_pack(language)
    nlp = pipeline(language)
    blocks = analysis.document.blocks
    # the same Docs analyse() built (same pipeline, same cleaning)
    _, docs = split_sentences(blocks, nlp, pack.get("abbreviations", []))
    cues = cue_matcher(language, nlp)
    flagged = {id(c.sentence): c for c in analysis.claims}
    exclusions = list(pack.get("exclusions") or {})
    hits = {}
    out = []
    for sentence in analysis.sentences:
        kind = blocks[sentence.block_index].kind
        if not _eligible(sentence, kind):
            continue
        if sentence.block_index not in hits:
            hits[sentence.block_index] = groups_in(docs[sentence.block_index], cues)
        groups = sentence_groups(sentence, docs[sentence.block_index], hits[sentence.block_index], cues)
        gold = labels_at(sentence)
        if EXCLUDED_AS_NEGATIVES is False and any(name in groups for name in exclusions):
            continue
        if gold == "EITHER":
            continue
        claim = flagged.get(id(sentence))
        if claim is not None and is_cited(claim):
            label = 1  # cited: the gold says OK because it is cited; the rules say it is a claim
        elif gold == "FLAG":
            label = 1
        elif sentence.markers or sentence.links:
            label = 1 if claim is not None else 0
        else:
            label = 0
        span = docs[sentence.block_index].char_span(sentence.clean_start, sentence.clean_end, alignment_mode="expand")
        lemmas = [t.lemma_ or t.lower_ for t in span] if span is not None else sentence.text.lower().split()
        feats = model_scorer.features(sentence.text, lemmas, language, groups, kind.name)
        out.append(Example(feats, label, group, article, claim is not None, sentence.text))
    return out


def article_examples(articles: Path, gold_dir: Path, group: str) -> list[Example]:
    from claimlint.analyse import model_scorer as scorer

    saved, scorer.ENABLED = scorer.ENABLED, False  # the rules' own verdicts, never the model's
    try:
        out = []
        for gold_path in sorted(gold_dir.glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            path = articles / Path(gold["file"]).name
            data = path.read_bytes()
            analysis = _analyse(str(path), data)
            source = analysis.document.source
            spans = []
            for item in gold.get("sentences", []):
                start = source.find(item["text"])
                if start >= 0:
                    spans.append((start, start + len(item["text"]), item["label"]))

            def labels_at(sentence, spans=spans):
                best, overlap = None, 0
                for start, end, label in spans:
                    o = min(end, sentence.span.end) - max(start, sentence.span.start)
                    if o > overlap:
                        best, overlap = label, o
                return best

            out += _examples_of(analysis, labels_at, group, path.name)
        return out
    finally:
        scorer.ENABLED = saved


def probe_examples() -> list[Example]:
    from claimlint.analyse import model_scorer as scorer

    saved, scorer.ENABLED = scorer.ENABLED, False
    try:
        out = []
        probes = json.loads(PROBES.read_text(encoding="utf-8"))
        for language in sorted(probes):
            for key, label in (("claims", "FLAG"), ("non_claims", None)):
                sentences = probes[language][key]
                text = f"---\nlang: {language}\n---\n\n# Probe\n\n" + "\n\n".join(sentences) + "\n"
                analysis = _analyse(f"probe-{language}-{key}.md", text.encode("utf-8"))
                out += _examples_of(analysis, lambda s, label=label: label, "round3", f"probe-{language}-{key}")
        return out
    finally:
        scorer.ENABLED = saved


def all_examples() -> list[Example]:
    examples = []
    for name, (articles, gold) in SETS.items():
        examples += article_examples(articles, gold, name)
    return examples + probe_examples()


# ---------------------------------------------------------------------------------------------
# logistic regression over hashed binary features

def _design(examples: list[Example], bits: int):
    rows, cols, vals = [], [], []
    for row, example in enumerate(examples):
        columns = model_scorer.indices(example.features, bits)
        value = 1.0 / np.sqrt(len(columns)) if columns else 0.0
        rows += [row] * len(columns)
        cols += columns
        vals += [value] * len(columns)
    return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(vals, dtype=np.float64)


def fit(examples: list[Example], bits: int = model_scorer.BITS) -> tuple[np.ndarray, float]:
    n, dim = len(examples), 1 << bits
    rows, cols, vals = _design(examples, bits)
    y = np.array([e.label for e in examples], dtype=np.float64)
    sample_weight = np.where(y > 0, POSITIVE_WEIGHT, 1.0)
    sample_weight /= sample_weight.sum()
    w = np.zeros(dim + 1)  # last = bias
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, ITERATIONS + 1):
        z = np.bincount(rows, weights=w[cols] * vals, minlength=n) + w[-1]
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        error = (p - y) * sample_weight
        grad = np.empty_like(w)
        grad[:-1] = np.bincount(cols, weights=error[rows] * vals, minlength=dim) + L2 * w[:-1]
        grad[-1] = error.sum()
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        w -= LEARNING_RATE * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + eps)
    return w[:-1], float(w[-1])


def predict(weights: np.ndarray, bias: float, examples: list[Example], bits: int = model_scorer.BITS) -> np.ndarray:
    rows, cols, vals = _design(examples, bits)
    z = np.bincount(rows, weights=weights[cols] * vals, minlength=len(examples)) + bias
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def choose_threshold(examples: list[Example]) -> tuple[float, dict]:
    """Lowest threshold whose out-of-fold precision (folds grouped by article) is >= target."""
    articles = sorted({(e.group, e.article) for e in examples})
    fold_of = {a: i % FOLDS for i, a in enumerate(articles)}
    oof = np.zeros(len(examples))
    for fold in range(FOLDS):
        train = [e for e in examples if fold_of[(e.group, e.article)] != fold]
        test_idx = [i for i, e in enumerate(examples) if fold_of[(e.group, e.article)] == fold]
        weights, bias = fit(train)
        oof[test_idx] = predict(weights, bias, [examples[i] for i in test_idx])
    y = np.array([e.label for e in examples])
    rules = np.array([e.rules_flagged for e in examples])
    chosen, report = None, {}
    for t in np.round(np.arange(THRESHOLD_FLOOR, 1.0, 0.01), 2):
        pos = oof >= t
        tp = int((pos & (y == 1)).sum())
        fp = int((pos & (y == 0)).sum())
        precision = tp / (tp + fp) if tp + fp else 1.0
        extra = pos & ~rules
        if precision >= TARGET_PRECISION and chosen is None:
            chosen = float(t)
            report = {"threshold": chosen, "oof_precision": round(precision, 3),
                      "oof_recall": round(tp / max(int((y == 1).sum()), 1), 3),
                      "extra_on_rule_misses": int(extra.sum()),
                      "extra_true": int((extra & (y == 1)).sum())}
    if chosen is None:
        chosen = 0.99
    return chosen, report


def train(examples: list[Example]) -> model_scorer.Model:
    threshold, report = choose_threshold(examples)
    weights, bias = fit(examples)
    print(f"  trained on {len(examples)} sentences ({sum(e.label for e in examples)} claims); CV {report}",
          file=sys.stderr)
    scale = (float(np.abs(weights).max()) or 1.0) / 127.0
    quantised = np.round(weights / scale).astype(np.int8)  # evaluate exactly what is shipped
    return model_scorer.Model(quantised.astype(np.float32) * np.float32(scale), bias, threshold)


def save(model: model_scorer.Model, path: Path) -> bytes:
    """int8 weights with one scale (a few hundred KB at most), written deterministically."""
    peak = float(np.abs(model.weights).max()) or 1.0
    scale = peak / 127.0
    quantised = np.round(model.weights / scale).astype(np.int8)
    buffer = io.BytesIO()
    # np.savez writes zip entries with a fixed date: same arrays -> same bytes
    np.savez_compressed(buffer, weights=quantised, scale=np.float64(scale), bias=np.float64(model.bias),
                        threshold=np.float64(model.threshold), bits=np.int64(model.bits))
    data = buffer.getvalue()
    path.write_bytes(data)
    return data


# ---------------------------------------------------------------------------------------------
# evaluation through benchmarks/eval_claims.py (in-process)

def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_claims", ROOT / "benchmarks" / "eval_claims.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_claims", module)
    spec.loader.exec_module(module)
    return module


def score_set(articles: Path, gold_dir: Path, model: model_scorer.Model | None):
    scorer = _eval_module()
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pairs.append((articles / Path(gold["file"]).name, gold))
    saved = model_scorer.ENABLED
    model_scorer.ENABLED = model is not None
    model_scorer.use(model)
    try:
        findings = scorer.run_claimlint([a for a, _ in pairs])
    finally:
        model_scorer.ENABLED = saved
        model_scorer.use(None)
    overall = scorer.Score()
    verdicts = 0
    for article, gold in pairs:
        score, _ = scorer.score_article(article, gold, findings[str(article)])
        overall.add(score)
        verdicts += scorer.disclaimer_verdict(gold, findings[str(article)])[2]
    return overall, verdicts, len(pairs)


def _line(name: str, score, verdicts: int, total: int) -> str:
    return (f"{name:14} TP {score.tp:4} FP {score.fp:3} FN {score.fn:3}  P {score.precision:.3f}  "
            f"R {score.recall:.3f}  F1 {score.f1:.3f}  disclaimers {verdicts}/{total}")


def compare(articles: Path, gold: Path, model: model_scorer.Model, label: str) -> tuple[float, float, float]:
    rules, v1, n = score_set(articles, gold, None)
    both, v2, _ = score_set(articles, gold, model)
    print(f"{label}")
    print("  " + _line("rules", rules, v1, n))
    print("  " + _line("rules+model", both, v2, n))
    if both.fps != rules.fps:
        for fp in sorted(set(both.fps) - set(rules.fps)):
            print("    + FP " + fp)
    return rules.f1, both.f1, both.precision


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loso", action="store_true", help="leave-one-set-out evaluation")
    parser.add_argument("--eval", nargs=2, type=Path, metavar=("ARTICLES", "GOLD"),
                        help="train on all synthetic sets, score this set: rules vs rules+model")
    parser.add_argument("--check", action="store_true", help="train twice and compare the bytes")
    parser.add_argument("--rules-dir", type=Path, help="use these rule packs instead (e.g. an older commit's "
                        "rules/, for a blind leave-one-set-out: `git show COMMIT:rules/en.yaml` ...)")
    parser.add_argument("--only", choices=list(SETS), help="with --loso: hold out this set only")
    parser.add_argument("--output", type=Path, default=model_scorer.MODEL_PATH)
    args = parser.parse_args(argv)

    if args.rules_dir:
        from claimlint.analyse import claims, rules

        rules.RULES_DIR = args.rules_dir.resolve()
        for cached in (rules.rule_pack, rules.all_section_names, claims.cue_matcher):
            cached.cache_clear()
    examples = all_examples()
    if args.loso:
        gains = []
        for held in ([args.only] if args.only else SETS):
            model = train([e for e in examples if e.group != held])
            rules_f1, both_f1, _ = compare(*SETS[held], model, f"held out: {held}")
            gains.append(both_f1 - rules_f1)
        print(f"mean F1 change: {sum(gains) / len(gains):+.4f}")
        return 0
    model = train(examples)
    if args.eval:
        compare(*args.eval, model, f"trained on all synthetic sets, scored: {args.eval[0]}")
        return 0
    if args.check:
        first = hashlib.sha256(save(model, Path("/dev/null"))).hexdigest()
        second = hashlib.sha256(save(train(examples), Path("/dev/null"))).hexdigest()
        print(first, second, "same" if first == second else "DIFFERENT")
        return 0 if first == second else 1
    data = save(model, args.output)
    print(f"wrote {args.output} ({len(data) // 1024} KB, threshold {model.threshold:.2f}, "
          f"sha256 {hashlib.sha256(data).hexdigest()[:16]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
