"""Claim detection on the synthetic labelled sets written for this project.

Each set was labelled by the dev-set guidelines before claimlint was run on it. Since the claim
model (scripts/train_claims.py) the first five sets are TRAINING data, so their figures are
in-sample and the floors only stop regressions; round6 (25 pages) and nonhealth (30 pages with
no health claim) were written blind for the model and are never trained on: their first
figures (2026-11-29) were round6 F1 0.822 (P 0.824, R 0.819) and nonhealth 19.5 false alarms per
1,000 sentences; after general fixes (a research appeal or a number about people needs a health
subject next to it) round6 F1 0.820 and nonhealth 10.6 per 1,000. round7 (15 pages) was written
after the model was final: first and only figure F1 0.855 (P 0.892, R 0.822). round8 (20 pages, nl and
fr weighted) was written in session 3: first run F1 0.836 (P 0.839, R 0.832). Floors sit a little below
today's figures; see benchmarks/README.md for the cross-validated figures on real pages.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


@dataclass(frozen=True)
class LabelledSet:
    folder: Path
    f1: float
    precision: float
    language_f1: dict[str, float] = field(default_factory=dict)
    disclaimers: float = 1.0  # share of right disclaimer verdicts
    false_alarms_per_1000: float | None = None  # for sets without a single claim


SETS = {
    "first": LabelledSet(HERE, 0.95, 0.97, {"en": 0.95, "nl": 0.95}, disclaimers=0.85),
    "heldout": LabelledSet(HERE / "heldout", 0.93, 0.97, {"en": 0.87, "nl": 0.95, "de": 0.92, "fr": 0.95, "es": 0.92},
                           disclaimers=0.8),
    "round3": LabelledSet(HERE / "round3", 0.95, 0.97, {"en": 0.95, "nl": 0.95, "de": 0.92, "fr": 0.95, "es": 0.92},
                          disclaimers=0.75),
    "round4": LabelledSet(HERE / "round4", 0.92, 0.95, {"en": 0.92, "nl": 0.92, "de": 0.92, "fr": 0.83, "es": 0.95},
                          disclaimers=0.85),
    "round5": LabelledSet(HERE / "round5", 0.90, 0.97, {"en": 0.87, "nl": 0.92, "de": 0.97, "fr": 0.92},
                          disclaimers=0.9),
    # blind for the model: never trained on
    "round6": LabelledSet(HERE / "round6", 0.80, 0.79, {"en": 0.76, "nl": 0.83, "de": 0.77, "fr": 0.75, "es": 0.85},
                          disclaimers=0.88),
    "round7": LabelledSet(HERE / "round7", 0.83, 0.87, {"en": 0.86, "nl": 0.88, "de": 0.85, "fr": 0.70, "es": 0.80},
                          disclaimers=0.93),
    "round8": LabelledSet(HERE / "round8", 0.81, 0.81, {"en": 0.90, "nl": 0.82, "de": 0.80, "fr": 0.76, "es": 0.77},
                          disclaimers=0.95),  # blind, 20 pages; first run F1 0.836
    "round9": LabelledSet(HERE / "round9", 0.78, 0.76, {"en": 0.75, "nl": 0.89, "de": 0.71, "fr": 0.83, "es": 0.74},
                          disclaimers=0.95),  # blind, 20 pages; first run F1 0.768 (session 7)
    "nonhealth": LabelledSet(HERE / "nonhealth", 0.0, 0.0, {}, disclaimers=1.0, false_alarms_per_1000=13.0),
}
# Labelled page by page only (the disclaimer), blind for the page model: 40 pages, first run 35/40
# blind page sets: folder, verdict floor, pages that need no disclaimer where CL303 is known to
# fire (the verdict's error, each named in the set's README)
PAGE_SETS = {"pages": (HERE / "pages", 0.82, ()), "pages2": (HERE / "pages2", 0.72, ()),
             "pages3": (HERE / "pages3", 0.72, ()),
             "pages4": (HERE / "pages4", 0.72, ("p13-nl-test-magnesiumsupplementen.html",)),
             "pages5": (HERE / "pages5", 0.85, ())}


def _scorer():
    spec = importlib.util.spec_from_file_location("eval_claims", ROOT / "benchmarks" / "eval_claims.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_claims", module)
    spec.loader.exec_module(module)
    return module


def _golds(folder: Path) -> list[tuple[Path, dict]]:
    pairs = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pairs.append((folder / gold["file"], gold))
    return pairs


@pytest.fixture(scope="module")
def scored():
    """Every set scored once per test run: set name -> (overall, per language, verdicts, misses)."""
    scorer = _scorer()
    results = {}
    for name, labelled in SETS.items():
        pairs = _golds(labelled.folder)
        findings = scorer.run_claimlint([article for article, _ in pairs])
        overall, per_language = scorer.Score(), defaultdict(scorer.Score)
        verdicts, misses = [], []
        for article, gold in pairs:
            score, _ = scorer.score_article(article, gold, findings[str(article)])
            overall.add(score)
            per_language[gold["language"]].add(score)
            misses += score.fps + score.fns
            verdicts.append((article.name, *scorer.disclaimer_verdict(gold, findings[str(article)])))
        results[name] = (overall, per_language, verdicts, misses)
    return results


@pytest.mark.parametrize("name", sorted(SETS))
def test_gold_texts_occur_once(name):
    for article, gold in _golds(SETS[name].folder):
        text = article.read_text(encoding="utf-8")
        for item in gold["sentences"]:
            assert text.count(item["text"]) == 1, (article.name, item["text"])
            assert "\n" not in item["text"] and item["label"] in ("FLAG", "EITHER")


@pytest.mark.parametrize("name", sorted(n for n, s in SETS.items() if s.false_alarms_per_1000 is None))
def test_overall_f1_and_precision(scored, name):
    overall, _, _, misses = scored[name]
    floor = SETS[name]
    assert overall.f1 >= floor.f1, f"{name}: F1 {overall.f1:.3f} < {floor.f1}; misses: {misses}"
    assert overall.precision >= floor.precision, f"{name}: precision {overall.precision:.3f}; misses: {misses}"


@pytest.mark.parametrize("name, language", [(n, lang) for n, s in sorted(SETS.items()) for lang in sorted(s.language_f1)])
def test_language_f1(scored, name, language):
    _, per_language, _, misses = scored[name]
    score = per_language[language]
    assert score.f1 >= SETS[name].language_f1[language], f"{name} {language} F1 {score.f1:.3f}; misses: {misses}"


def test_every_language_pack_finds_claims(scored):
    _, per_language, _, _ = scored["first"]
    for language in ("de", "fr", "es"):
        assert per_language[language].tp >= 2, language


@pytest.mark.parametrize("name", sorted(PAGE_SETS))
def test_disclaimer_verdicts_on_pages_labelled_for_it(name):
    folder, floor, known = PAGE_SETS[name]
    scorer = _scorer()
    pairs = _golds(folder)
    findings = scorer.run_claimlint([article for article, _ in pairs])
    verdicts = [(article.name, *scorer.disclaimer_verdict(gold, findings[str(article)])) for article, gold in pairs]
    wrong = [v for v in verdicts if not v[3]]
    assert 1 - len(wrong) / len(verdicts) >= floor, wrong
    cl303 = {article.name for article, gold in pairs if not gold["disclaimer"]["required"]
             for f in findings[str(article)] if f.code == "CL303"}
    assert cl303 <= set(known), f"CL303 on a page that does not market a supplement: {sorted(cl303 - set(known))}"


@pytest.mark.parametrize("name", sorted(SETS))
def test_disclaimer_verdicts(scored, name):
    _, _, verdicts, _ = scored[name]
    wrong = [v for v in verdicts if not v[3]]
    assert 1 - len(wrong) / len(verdicts) >= SETS[name].disclaimers, wrong


@pytest.mark.parametrize("name", sorted(n for n, s in SETS.items() if s.false_alarms_per_1000 is not None))
def test_false_alarms_on_prose_without_health_claims(scored, name):
    overall, _, verdicts, misses = scored[name]
    assert overall.tp == 0 and overall.fn == 0, f"{name} must hold no claim"
    rate = 1000 * overall.fp / overall.sentences
    assert rate <= SETS[name].false_alarms_per_1000, f"{rate:.1f} per 1,000 sentences: {misses}"
    assert not any(v[2] != "-" for v in verdicts), "no disclaimer finding on pages without health content"
