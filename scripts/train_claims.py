#!/usr/bin/env python
"""Train the claim model (claimlint/models/claims.npz) from labelled pages.

    python scripts/train_claims.py                      # train on the default sets, write the model
    python scripts/train_claims.py --check              # train twice, compare the bytes (determinism)

Labelled pages: ../shared/corpus and ../shared/devset (real pages, read at development time only;
their text never enters the repository) plus the synthetic sets in tests/quality that were written
for training (TRAIN_SETS). The blind sets (round6, nonhealth, probes, disease) are never trained on.

Examples come from claimlint's own load + analyse.structure + claims.views, so training sees the
sentences exactly as a run does. Label 1 = overlaps a gold FLAG sentence; 0 = overlaps no labelled
sentence; EITHER sentences are left out, and so are cited sentences that are not FLAG (cited
claims are OK in the gold, so their label says nothing about claim-ness). Only sentences a run
would score are examples: eligible ones with a health subject from the lexicons.

Model: logistic regression (scikit-learn, liblinear, fixed random_state) over binary hashed
features (claims.features); the threshold maximises F1 of out-of-fold predictions (folds grouped
by page) on the training pages only. Settings live in SETTINGS below; the same data gives the same
bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
REAL_SETS = [SHARED / "corpus", SHARED / "devset"]
TRAIN_SETS = [ROOT / "tests" / "quality" / name for name in (".", "heldout", "round3", "round4", "round5")]
SETTINGS = {"bits": 18, "C": 0.5, "class_weight": None, "inner_folds": 4, "page_C": 0.5,
            "strict_precision": 0.95}


@dataclass
class Page:
    article: Path
    gold: dict
    language: str
    name: str
    examples: list = field(default_factory=list)  # (features, label)
    views: list = field(default_factory=list)  # every sentence as claims.views sees it
    scored: list = field(default_factory=list)  # (view index, features) of every sentence the model scores
    references: int = 0
    disclaimer_seen: bool = False
    around: object = None  # what the page verdict reads besides the sentences (page.Surroundings)
    texts: list = field(default_factory=list)  # the examples' sentences (diagnostics only, never saved)
    lost: int = 0  # FLAG sentences no example carries (no subject, ineligible)


def labelled_pages(folder: Path) -> list[Page]:
    folder = folder.resolve()
    pages = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        candidates = [folder / "articles" / Path(gold.get("file", "")).name,
                      *sorted((folder / "articles").glob(gold_path.stem + ".*"))]
        article = next((c for c in candidates if c.is_file()), None)
        if article is not None:
            pages.append(Page(article, gold, gold.get("language") or "?", gold_path.stem))
    return pages


def extract(page: Page) -> Page:
    """Fill page.examples (and what the page verdict needs) from claimlint's own view of the page."""
    from claimlint.analyse import prose_disclaimer, structure
    from claimlint.analyse.claims import features, has_subject, views
    from claimlint.analyse.lexicon import lexicon
    from claimlint.analyse.page import read_surroundings
    from claimlint.load import format_for, load_bytes

    data = page.article.read_bytes()
    document = load_bytes(str(page.article), data, format_for(str(page.article)))
    analysis, _, found_disclaimer = structure(document)
    source = document.source
    labelled = []
    for item in page.gold.get("sentences", []):
        at = source.find(item["text"])
        if at >= 0:
            labelled.append((at, at + len(item["text"]), item["label"]))
    all_views = views(analysis.sentences, document.blocks, lexicon(analysis.language))
    carried = set()
    page.views, page.scored = all_views, []
    page.references = len(analysis.references)
    page.disclaimer_seen = prose_disclaimer(analysis)
    page.around = read_surroundings(document, analysis.language)
    for index, view in enumerate(all_views):
        if not has_subject(all_views, index):
            continue
        feats = features(all_views, index, analysis.language)
        page.scored.append((index, feats))
        if not view.eligible:
            continue
        span = view.sentence.span
        labels = {label for a, b, label in labelled if a < span.end and span.start < b}
        if "FLAG" in labels:
            label = 1
            carried.update(i for i, (a, b, lab) in enumerate(labelled)
                           if lab == "FLAG" and a < span.end and span.start < b)
        elif "EITHER" in labels or view.sentence.markers or view.sentence.links:
            continue  # borderline, or cited: OK in the gold whatever the sentence says
        else:
            label = 0
        page.examples.append((feats, label))
        page.texts.append(view.sentence.text)
    page.lost = sum(1 for i, (_, _, lab) in enumerate(labelled) if lab == "FLAG" and i not in carried)
    return page


def page_signals(page: Page, weights, bias, threshold, bits) -> dict:
    from claimlint.analyse.page import signals

    probabilities = [None] * len(page.views)
    if page.scored:
        scored = probabilities_of(weights, bias, [f for _, f in page.scored], bits)
        for (index, _), p in zip(page.scored, scored):
            probabilities[index] = float(p)
    return signals(page.views, probabilities, threshold, page.references, page.disclaimer_seen, page.around,
                   page.language)


def matrix(examples, bits: int):
    from scipy.sparse import csr_matrix

    from claimlint.analyse.claims import feature_indices

    mask = (1 << bits) - 1
    rows, cols = [], []
    for row, (feats, _) in enumerate(examples):
        for column in feature_indices(feats, mask):
            rows.append(row)
            cols.append(column)
    data = np.ones(len(rows), dtype=np.float32)
    x = csr_matrix((data, (rows, cols)), shape=(len(examples), 1 << bits))
    y = np.array([label for _, label in examples], dtype=np.int8)
    return x, y


def fit(examples, settings=SETTINGS):
    from sklearn.linear_model import LogisticRegression

    x, y = matrix(examples, settings["bits"])
    model = LogisticRegression(C=settings["C"], solver="liblinear", class_weight=settings["class_weight"],
                               random_state=0, max_iter=1000)
    model.fit(x, y)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def probabilities_of(weights, bias, feature_lists, bits):
    return probabilities(weights, bias, [(f, 0) for f in feature_lists], bits)


def probabilities(weights, bias, examples, bits):
    x, _ = matrix(examples, bits)
    z = x @ weights + bias
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def out_of_fold(pages: list[Page], settings=SETTINGS):
    """Claim models trained without each page (folds grouped by page): (fold of page i, models)."""
    folds = settings["inner_folds"]
    models = []
    for k in range(folds):
        train = [e for i, p in enumerate(pages) if i % folds != k for e in p.examples]
        models.append(fit(train, settings) if train else None)
    return [i % folds for i in range(len(pages))], models


def best_threshold(pages: list[Page], oof, settings=SETTINGS) -> float:
    """The threshold with the best F1 over out-of-fold predictions."""
    fold_of, models = oof
    scores, labels = [], []
    for page, k in zip(pages, fold_of):
        if page.examples and models[k] is not None:
            scores += list(probabilities(*models[k], page.examples, settings["bits"]))
            labels += [label for _, label in page.examples]
    scores, labels = np.array(scores), np.array(labels)
    best, best_f1 = 0.5, -1.0
    for threshold in np.arange(0.2, 0.81, 0.02):
        predicted = scores >= threshold
        tp = int((predicted & (labels == 1)).sum())
        fp = int((predicted & (labels == 0)).sum())
        fn = int((~predicted & (labels == 1)).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(round(threshold, 2)), f1
    return best


def fit_page_model(pages: list[Page], oof, threshold: float, settings=SETTINGS):
    """The page verdict (must carry the disclaimer?) over page signals computed with out-of-fold
    claim models, as they will be on pages the claim model has not seen."""
    from sklearn.linear_model import LogisticRegression

    from claimlint.analyse.page import PAGE_SIGNALS, presents_a_supplement

    fold_of, models = oof
    rows, labels = [], []
    for page, k in zip(pages, fold_of):
        if models[k] is None:
            continue
        values = page_signals(page, *models[k], threshold, settings["bits"])
        if not presents_a_supplement(values):
            continue  # the verdict is "no" without the model here (page.page_verdict)
        rows.append([values[name] for name in PAGE_SIGNALS])
        labels.append(1 if (page.gold.get("disclaimer") or {}).get("required") else 0)
    x, y = np.array(rows, dtype=np.float64), np.array(labels)

    def fitted(rows_x, rows_y):
        mean, scale = rows_x.mean(axis=0), rows_x.std(axis=0)
        scale[scale == 0] = 1.0
        model = LogisticRegression(C=settings["page_C"], solver="liblinear", random_state=0, max_iter=1000)
        model.fit(np.clip((rows_x - mean) / scale, -3, 3), rows_y)  # clipped as page.PageModel reads them
        return model, mean, scale

    # The threshold: the one with the best leave-one-page-out accuracy; a tie goes to the higher
    # threshold, because a missing-disclaimer error on a news or hospital page costs a linter its
    # users' trust more than a miss does. (Holding precision at 0.95 left recall at 0.18: a check
    # that almost never fires is as useless as one that always does.)
    held_out = []
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        model, mean, scale = fitted(x[keep], y[keep])
        held_out.append(model.predict_proba(np.clip((x[i] - mean) / scale, -3, 3)[None])[0, 1])
    held_out = np.array(held_out)
    threshold, best = 0.5, -1
    for candidate in np.arange(0.3, 0.801, 0.05):
        right = int(((held_out >= candidate) == (y == 1)).sum())
        if right >= best:
            threshold, best = float(round(candidate, 2)), right
    # CL303 (a drug claim) needs more: the lowest threshold above which held-out precision stays at
    # 0.95 or more (not the first that touches it: one page more or less in a blip below the top
    # moved it from 0.90 to 0.75 between two trainings, and CL303 onto pages that market nothing)
    strict = 0.95
    for candidate in np.arange(0.95, threshold - 0.001, -0.05):
        chosen = held_out >= candidate
        if chosen.any() and (chosen & (y == 1)).sum() / chosen.sum() < settings["strict_precision"]:
            break
        strict = float(round(candidate, 2))
    if strict >= 0.95 and not ((held_out >= 0.95) & (y == 1)).any():
        print("warning: no held-out page reaches the strict threshold's precision; CL303 under auto will be rare")
    model, mean, scale = fitted(x, y)
    return model.coef_[0], float(model.intercept_[0]), mean, scale, threshold, strict


def train(pages: list[Page], settings=SETTINGS) -> tuple[bytes, bytes]:
    """The claim model's and the page model's file bytes, trained on these pages."""
    from claimlint.analyse.page import PAGE_SIGNALS

    examples = [e for p in pages for e in p.examples]
    weights, bias = fit(examples, settings)
    oof = out_of_fold(pages, settings)
    threshold = best_threshold(pages, oof, settings)
    claims = io.BytesIO()
    np.savez_compressed(claims, weights=weights.astype(np.float16), bias=np.float32(bias),
                        threshold=np.float32(threshold), bits=np.int32(settings["bits"]))
    page_weights, page_bias, mean, scale, page_threshold, strict = fit_page_model(pages, oof, threshold, settings)
    page = io.BytesIO()
    np.savez_compressed(page, weights=page_weights.astype(np.float32), bias=np.float32(page_bias),
                        mean=mean.astype(np.float32), scale=scale.astype(np.float32),
                        threshold=np.float32(page_threshold), strict_threshold=np.float32(strict),
                        signals=np.array(PAGE_SIGNALS))
    return claims.getvalue(), page.getvalue()


def training_pages(real_sets=REAL_SETS, extra_sets=TRAIN_SETS) -> list[Page]:
    pages = []
    for folder in [*real_sets, *extra_sets]:
        if not (folder / "gold").is_dir():
            raise SystemExit(f"no labelled set at {folder} (training reads ../shared at development time)")
        pages += labelled_pages(folder)
    return [extract(p) for p in pages]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=ROOT / "claimlint" / "models",
                        help="folder for claims.npz and page.npz")
    parser.add_argument("--check", action="store_true", help="train twice and compare the bytes")
    args = parser.parse_args(argv)
    pages = training_pages()
    examples = sum(len(p.examples) for p in pages)
    positives = sum(label for p in pages for _, label in p.examples)
    lost = sum(p.lost for p in pages)
    print(f"{len(pages)} pages, {examples} examples ({positives} claims); "
          f"{lost} FLAG sentences carry no example (no lexicon subject or not eligible)")
    claims, page = train(pages)
    if args.check:
        again = train(pages)
        same = (claims, page) == again
        print("deterministic:", same, hashlib.sha256(claims + page).hexdigest()[:16])
        return 0 if same else 1
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "claims.npz").write_bytes(claims)
    (args.output / "page.npz").write_bytes(page)
    with np.load(args.output / "claims.npz") as model:
        print(f"wrote {args.output}/claims.npz ({len(claims)} bytes, threshold {float(model['threshold']):.2f}) "
              f"and page.npz ({len(page)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
