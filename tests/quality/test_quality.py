"""Claim detection quality on the synthetic labelled set in this directory.

Floors are set a little below the figures measured on 2026-11-27 (overall F1 0.984, P 1.000;
en F1 0.966; nl F1 1.000; 11/11 disclaimer verdicts), so a rule change that costs a few
sentences fails here before it ships.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

F1_FLOOR = 0.93
PRECISION_FLOOR = 0.90
LANGUAGE_F1_FLOOR = {"en": 0.90, "nl": 0.90}


def _scorer():
    spec = importlib.util.spec_from_file_location("eval_claims", ROOT / "benchmarks" / "eval_claims.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_claims", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored():
    scorer = _scorer()
    pairs = []
    for gold_path in sorted((HERE / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pairs.append((HERE / gold["file"], gold))
    findings = scorer.run_claimlint([article for article, _ in pairs])
    overall = scorer.Score()
    per_language = defaultdict(scorer.Score)
    verdicts = []
    misses = []
    for article, gold in pairs:
        score, _ = scorer.score_article(article, gold, findings[str(article)])
        overall.add(score)
        per_language[gold["language"]].add(score)
        misses += score.fps + score.fns
        verdicts.append((article.name, *scorer.disclaimer_verdict(gold, findings[str(article)])))
    return overall, per_language, verdicts, misses


def test_gold_texts_occur_once():
    for gold_path in sorted((HERE / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (HERE / gold["file"]).read_text(encoding="utf-8")
        for item in gold["sentences"]:
            assert text.count(item["text"]) == 1, (gold_path.name, item["text"])
            assert item["label"] in ("FLAG", "EITHER")


def test_overall_f1_and_precision(scored):
    overall, _, _, misses = scored
    assert overall.f1 >= F1_FLOOR, f"F1 {overall.f1:.3f} < {F1_FLOOR}; misses: {misses}"
    assert overall.precision >= PRECISION_FLOOR, f"precision {overall.precision:.3f}; misses: {misses}"


@pytest.mark.parametrize("language", sorted(LANGUAGE_F1_FLOOR))
def test_language_f1(scored, language):
    _, per_language, _, misses = scored
    score = per_language[language]
    assert score.f1 >= LANGUAGE_F1_FLOOR[language], f"{language} F1 {score.f1:.3f}; misses: {misses}"


def test_every_language_pack_finds_claims(scored):
    _, per_language, _, _ = scored
    for language in ("de", "fr", "es"):
        assert per_language[language].tp >= 2, language


def test_disclaimer_verdicts(scored):
    _, _, verdicts, _ = scored
    wrong = [v for v in verdicts if not v[3]]
    assert not wrong, wrong
