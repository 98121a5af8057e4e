"""Statistical backstop for claim detection: a small logistic regression over hashed features.

The rule packs decide first. A sentence they do not flag, that is eligible (not a heading,
question, reference entry, disclaimer) and that no exclusion group matched (advice, product
text, ...), is scored here; at or above the model's threshold it becomes a claim. The model is
trained by scripts/train_claim_model.py on the labelled synthetic sets in tests/quality/ and
shipped as claim_model.npz next to this file (weights, threshold, feature settings).

Only numpy (which spaCy already imports) and zlib: loading takes a few milliseconds.
Switch: ENABLED (module constant); evaluation code may flip it or install a model with use().
"""

from __future__ import annotations

import functools
import re
import zlib
from pathlib import Path
from typing import Any, Iterable

# Off by default: rules+model did not beat the rules alone on unseen data (benchmarks/README.md,
# "Statistical backstop"). Set to True to score the sentences the rules leave alone.
ENABLED = False
MODEL_PATH = Path(__file__).resolve().with_name("claim_model.npz")
BITS = 18

# Which kind a model claim gets, from the strongest cue group the sentence matched.
KIND_BY_GROUP = (
    ("research", "research"),
    ("statistic", "statistic"),
    ("mechanism_verb", "mechanism"),
    ("role", "mechanism"),
    ("body_term", "mechanism"),
)

_NUMBER = re.compile(r"\d")
_PERCENT = re.compile(r"\d\s*%|\bper ?cent\b|\bprocent\b|\bprozent\b|\bpour ?cent\b|\bpor ?ciento\b")
_AMOUNT = re.compile(r"\d\s*(?:mg|µg|mcg|g|kg|ml|l|iu|ie|ui|kcal|mmol|ng)\b")
_WORD = re.compile(r"\w", re.UNICODE)


def features(text: str, lemmas: Iterable[str], language: str, groups: Iterable[str], block_kind: str) -> list[str]:
    """The feature strings of one sentence (hashed by indices())."""
    lower = text.lower()
    words = ["<s>"]
    for lemma in lemmas:
        if not _WORD.search(lemma):
            continue
        words.append("<num>" if _NUMBER.search(lemma) else lemma)
    words.append("</s>")
    out = [f"lang:{language}", f"kind:{block_kind}"]
    for word in words[1:-1]:
        out.append("u:" + word)
        if len(word) >= 5 and word != "<num>":
            padded = f"^{word}$"
            for n in (4, 5):
                out.extend("c:" + padded[i : i + n] for i in range(len(padded) - n + 1))
    out.extend(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    names = sorted(set(groups))
    out.extend("g:" + name for name in names)
    out.extend(f"gg:{a}|{b}" for i, a in enumerate(names) for b in names[i + 1 :])
    out.append(f"ng:{min(len(names), 4)}")
    if _NUMBER.search(lower):
        out.append("shape:digit")
    if _PERCENT.search(lower):
        out.append("shape:percent")
    if _AMOUNT.search(lower):
        out.append("shape:amount")
    if lower.rstrip().endswith(":"):
        out.append("shape:colon")
    out.append(f"len:{min(len(words) // 6, 6)}")
    return out


def indices(feature_strings: list[str], bits: int = BITS) -> list[int]:
    """Stable hashes (crc32; Python's hash() is salted per process), de-duplicated, sorted."""
    mask = (1 << bits) - 1
    return sorted({zlib.crc32(f.encode("utf-8")) & mask for f in feature_strings})


class Model:
    def __init__(self, weights: Any, bias: float, threshold: float, bits: int = BITS) -> None:
        self.weights = weights
        self.bias = float(bias)
        self.threshold = float(threshold)
        self.bits = bits

    def probability(self, feature_strings: list[str]) -> float:
        import math

        columns = indices(feature_strings, self.bits)
        if not columns:
            return 0.0
        # binary features scaled by 1/sqrt(n): long and short sentences on one scale
        z = self.bias + float(self.weights[columns].sum()) / math.sqrt(len(columns))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@functools.lru_cache(maxsize=1)
def _shipped() -> Model | None:
    if not MODEL_PATH.is_file():
        return None
    import numpy as np

    with np.load(MODEL_PATH) as data:
        weights = data["weights"].astype(np.float32) * float(data["scale"])
        return Model(weights, float(data["bias"]), float(data["threshold"]), int(data["bits"]))


_override: list[Model | None] = []


def use(model: Model | None) -> None:
    """Install a model (evaluation, tests); use(None) goes back to the shipped file."""
    _override[:] = [model] if model is not None else []


def model() -> Model | None:
    return _override[0] if _override else _shipped()


def kind_for(groups: Iterable[str]) -> str:
    names = set(groups)
    for group, kind in KIND_BY_GROUP:
        if group in names:
            return kind
    return "effect"


def score(text: str, lemmas: Iterable[str], language: str, groups: Iterable[str], block_kind: str) -> float:
    current = model()
    if current is None:
        return 0.0
    return current.probability(features(text, lemmas, language, groups, block_kind))
